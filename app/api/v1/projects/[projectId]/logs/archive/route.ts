import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { readLogArchive } from '@/lib/domain/logs';

type P = { projectId: string };

/** GET ?lines=N: the last lines of the project logger's archive, as a text download. */
export const GET = apiRoute<P>(async ({ db, user, params, query }) => {
  const raw = query.get('lines') ?? '1000';
  const lines = Number(raw);
  if (!Number.isInteger(lines) || lines < 1 || lines > 100_000) {
    throw new AppError('VALIDATION', 'lines must be a whole number from 1 to 100000', { lines: ['Use a whole number from 1 to 100000'] });
  }
  const text = (await readLogArchive(db, dockerEngine(), user.id, params.projectId, lines)).join('\n');
  return new Response(text ? `${text}\n` : '', {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="project-${params.projectId}-logs.txt"` },
  });
});
