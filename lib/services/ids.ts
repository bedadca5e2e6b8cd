import { notFound } from '@/lib/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names nothing: NOT_FOUND, before the database would refuse the cast. */
export function requireId(id: string, what: string): string {
  if (!UUID.test(id)) throw notFound(what);
  return id;
}
