import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors';

/** Loads a page's data; NOT_FOUND (and FORBIDDEN where asked) become the 404 page, no existence leak. */
export async function loadOrNotFound<T>(load: () => Promise<T>, opts: { forbiddenIsNotFound?: boolean } = {}): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || (opts.forbiddenIsNotFound && err.code === 'FORBIDDEN'))) notFound();
    throw err;
  }
}
