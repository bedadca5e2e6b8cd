import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import type { User } from '@/lib/db/schema';
import { AppError, isAppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { userForToken } from '@/lib/services/api-tokens';

const log = logger('api');

/** 200 variables of 32 KiB fit; anything larger is refused before parsing. */
export const MAX_BODY = 8 * 1024 * 1024;

export interface ApiContext<P> {
  req: Request;
  params: P;
  user: Pick<User, 'id' | 'email' | 'role'>;
  db: Db;
  /** The JSON body; malformed JSON is a 400 with code BAD_REQUEST. */
  body(): Promise<Record<string, unknown>>;
  query: URLSearchParams;
}

export function errorResponse(err: unknown): Response {
  if (isAppError(err)) {
    return Response.json({ error: { code: err.code, message: err.message, fields: err.fieldErrors } }, { status: err.status });
  }
  log.error('unhandled API error', { error: err instanceof Error ? err.message : String(err) });
  return Response.json({ error: { code: 'INTERNAL', message: 'Internal error; see the server log' } }, { status: 500 });
}

async function authenticate(req: Request, db: Db): Promise<Pick<User, 'id' | 'email' | 'role'>> {
  const header = req.headers.get('authorization');
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const user = token ? await userForToken(db, token) : undefined;
    if (!user) throw new AppError('UNAUTHORIZED', 'The API token is invalid or revoked');
    return user;
  }
  const { auth } = await import('@/lib/auth');
  const session = await auth();
  if (!session) throw new AppError('UNAUTHORIZED', 'Sign in or send an API token (Authorization: Bearer …)');
  return session.user;
}

/** The one wrapper for /api/v1 route handlers: authenticate → run → JSON (or a mapped error). */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  fn: (ctx: ApiContext<P>) => Promise<unknown>,
  opts: { status?: number } = {},
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const user = await authenticate(req, db);
      const params = await route.params;
      const ctx: ApiContext<P> = {
        req,
        params,
        user,
        db,
        query: new URL(req.url).searchParams,
        async body() {
          const text = await req.text();
          if (text.length > MAX_BODY) throw new AppError('BAD_REQUEST', `The request body is over ${MAX_BODY} bytes`);
          try {
            const value: unknown = JSON.parse(text);
            if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
            return value as Record<string, unknown>;
          } catch {
            throw new AppError('BAD_REQUEST', 'The request body must be a JSON object');
          }
        },
      };
      const result = await fn(ctx);
      if (result === undefined) return new Response(null, { status: 204 });
      if (result instanceof Response) return result; // a download (text), not JSON
      return Response.json(result, { status: opts.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
