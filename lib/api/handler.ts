import { z } from 'zod';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import type { User } from '@/lib/db/schema';
import { AppError, isAppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { crossSiteWrite, isWriteMethod } from '@/lib/auth/same-origin';
import { userForToken } from '@/lib/domain/api-tokens';

const log = logger('api');

/** 200 variables of 32 KiB fit; anything larger is refused before parsing. */
export const MAX_BODY = 8 * 1024 * 1024;

export interface ApiContext<P> {
  req: Request;
  params: P;
  user: Pick<User, 'id' | 'email' | 'role'>;
  db: Db;
  /**
   * The JSON body; malformed JSON is a 400 with code BAD_REQUEST. With the request's schema, a
   * field the schema does not have is refused (422 naming it) instead of being silently ignored.
   */
  body(schema?: z.ZodType): Promise<Record<string, unknown>>;
  query: URLSearchParams;
}

const tooLarge = (max: number) => new AppError('PAYLOAD_TOO_LARGE', `The request body is over ${max} bytes`);

/**
 * The body as text, refused (413) as soon as it is known to be over `max` bytes: by its
 * Content-Length before reading, or while counting the streamed bytes (the rest is not read).
 */
export async function readBounded(req: Request, max: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > max) throw tooLarge(max);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function errorResponse(err: unknown): Response {
  if (isAppError(err)) {
    const issues = err.issues ? { issues: err.issues } : {};
    return Response.json({ error: { code: err.code, message: err.message, fields: err.fieldErrors, ...issues } }, { status: err.status });
  }
  log.error('unhandled API error', { error: err instanceof Error ? err.message : String(err) });
  return Response.json({ error: { code: 'INTERNAL', message: 'Internal error; see the server log' } }, { status: 500 });
}

async function authenticate(req: Request, db: Db): Promise<Pick<User, 'id' | 'email' | 'role'>> {
  const header = req.headers.get('authorization');
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const user = token ? await userForToken(db, token) : undefined;
    if (!user) throw new AppError('UNAUTHORIZED', 'The API token is invalid, expired or revoked');
    return user;
  }
  const { sessionUser } = await import('@/lib/auth/guards');
  const user = await sessionUser();
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in or send an API token (Authorization: Bearer …)');
  return user;
}

const fieldCache = new WeakMap<z.ZodType, string[]>();

/** The top-level fields a request schema accepts (from the same JSON Schema the OpenAPI document shows). */
export function schemaFields(schema: z.ZodType): string[] {
  let fields = fieldCache.get(schema);
  if (!fields) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    fields = Object.keys(json.properties ?? {});
    fieldCache.set(schema, fields);
  }
  return fields;
}

function refuseUnknownFields(body: Record<string, unknown>, schema: z.ZodType): void {
  const allowed = schemaFields(schema);
  if (!allowed.length) return;
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (!unknown.length) return;
  const rule = `is not a field of this request (fields: ${allowed.join(', ')})`;
  throw new AppError('VALIDATION', unknown.map((k) => `${k} ${rule}`).join('; '), Object.fromEntries(unknown.map((k) => [k, [rule]])));
}

/** The one wrapper for every route handler (REST under /api/v1, the dashboard's streams and lookups): authenticate → run → JSON (or a mapped error). */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  fn: (ctx: ApiContext<P>) => Promise<unknown>,
  opts: { status?: number } = {},
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      // A write with the session cookie (no bearer token) must come from the dashboard's own origin.
      if (isWriteMethod(req.method) && !req.headers.get('authorization')) {
        const reason = crossSiteWrite(req.headers);
        if (reason) throw new AppError('FORBIDDEN', `Cross-site request refused: ${reason}`);
      }
      const db = await getDb();
      const user = await authenticate(req, db);
      const params = ((await route?.params) ?? {}) as P; // static routes get no params
      // Project routes authorize before they look at the body or the query: a stranger gets 404 and
      // a viewer 403 whatever they send. The domain functions check again at the level each needs
      // (one indexed lookup more per request, so that no route can validate input first).
      if (typeof (params as Record<string, unknown>).projectId === 'string') {
        await requireProjectAccess(db, user.id, (params as Record<string, string>).projectId!, req.method === 'GET' ? 'read' : 'write');
      }
      const ctx: ApiContext<P> = {
        req,
        params,
        user,
        db,
        query: new URL(req.url).searchParams,
        async body(schema?: z.ZodType) {
          // Only JSON: a form or text/plain post (what another site can send without a preflight) is refused.
          if (!/^application\/json\s*(;|$)/i.test(req.headers.get('content-type') ?? '')) {
            throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON (Content-Type: application/json)');
          }
          const text = await readBounded(req, MAX_BODY);
          let value: Record<string, unknown>;
          try {
            const parsed: unknown = JSON.parse(text);
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
            value = parsed as Record<string, unknown>;
          } catch {
            throw new AppError('BAD_REQUEST', 'The request body must be a JSON object');
          }
          if (schema) refuseUnknownFields(value, schema);
          return value;
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
