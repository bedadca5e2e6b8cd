import 'server-only';
import { type z } from 'zod';
import { requireSessionUser, type SessionUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { requireProjectAccess, type Access } from '@/lib/authz/project-access';
import type { Project } from '@/lib/db/schema';
import { forbidden, isAppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import type { ActionState } from './action-state';
import { crossSiteWrite } from '@/lib/auth/same-origin';
import { requestHeaders } from './request-headers';
import { fieldErrorsOf } from '@/lib/validations/parse';

const log = logger('action');

/** Metadata on every wrapped action, so tests can enumerate action modules and their needs. */
export interface ActionMeta {
  kind: 'user' | 'project' | 'admin' | 'public';
  need?: Access;
}
export type WrappedAction = ((prev: ActionState, formData: FormData) => Promise<ActionState>) & {
  meta: ActionMeta;
};

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === 'string' && !/password|secret|token|confirm/i.test(k)) values[k] = v;
  }
  return values;
}

function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = key.endsWith('[]') ? all : all[0];
  }
  return out;
}

/** Maps a thrown error to ActionState: AppErrors keep their message, anything else is logged. */
export function errorState(err: unknown, values: Record<string, string>): ActionState {
  if (isAppError(err)) return { error: err.message, fieldErrors: err.fieldErrors, values };
  // next/navigation's redirect() and notFound() work by throwing: let them through.
  if (err instanceof Error && 'digest' in err && typeof err.digest === 'string' && err.digest.startsWith('NEXT_')) throw err;
  log.error('action failed', { error: err instanceof Error ? err.message : String(err) });
  return { error: 'Something went wrong. Try again, and check the server log if it keeps happening.', values };
}

/**
 * Authorize first (session, then the right on the project), validate second, run third: a caller
 * without the right learns nothing, not even which fields would be wrong.
 */
function wrap<S extends z.ZodTypeAny, C>(
  meta: ActionMeta,
  schema: S,
  authorize: (raw: Record<string, unknown>, db: Db) => Promise<C>,
  run: (input: z.infer<S>, ctx: C, db: Db) => Promise<ActionState | void>,
): WrappedAction {
  const action = async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    const raw = formObject(formData);
    try {
      // Actions are posts with the session cookie: only from the dashboard's own origin.
      const headers = await requestHeaders();
      const reason = headers && crossSiteWrite(headers);
      if (reason) throw forbidden(`Cross-site request refused: ${reason}`);
      const db = await getDb();
      const ctx = await authorize(raw, db);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return { error: 'Check the highlighted fields', fieldErrors: fieldErrorsOf(parsed.error.issues), values };
      return (await run(parsed.data, ctx, db)) ?? { ok: true };
    } catch (err) {
      return errorState(err, values);
    }
  };
  return Object.assign(action, { meta });
}

/** An action anyone may call (first-admin setup); the function checks its own preconditions. */
export function publicAction<S extends z.ZodTypeAny>(schema: S, fn: (input: z.infer<S>, db: Db) => Promise<ActionState | void>) {
  return wrap({ kind: 'public' }, schema, async () => null, (input, _ctx, db) => fn(input, db));
}

/** An action for any signed-in user. */
export function validatedAction<S extends z.ZodTypeAny>(
  schema: S,
  fn: (input: z.infer<S>, ctx: { user: SessionUser; db: Db }) => Promise<ActionState | void>,
) {
  return wrap({ kind: 'user' }, schema, async () => requireSessionUser(), (input, user, db) => fn(input, { user, db }));
}

/** An action for admins only. */
export function adminAction<S extends z.ZodTypeAny>(
  schema: S,
  fn: (input: z.infer<S>, ctx: { user: SessionUser; db: Db }) => Promise<ActionState | void>,
) {
  return wrap(
    { kind: 'admin' },
    schema,
    async () => {
      const user = await requireSessionUser();
      if (user.role !== 'admin') throw forbidden('Only an admin can do this');
      return user;
    },
    (input, user, db) => fn(input, { user, db }),
  );
}

/**
 * An action on one project: resolves the session AND the caller's right on `projectId` (a field
 * of the form) before anything else, and passes both on.
 */
export function projectAction<S extends z.ZodObject<{ projectId: z.ZodString }>>(
  schema: S,
  need: Access,
  fn: (input: z.infer<S>, ctx: { user: SessionUser; db: Db; project: Project; role: string }) => Promise<ActionState | void>,
) {
  return wrap(
    { kind: 'project', need },
    schema,
    async (raw, db) => {
      const user = await requireSessionUser();
      const { project, role } = await requireProjectAccess(db, user.id, String(raw.projectId ?? ''), need);
      return { user, project, role };
    },
    (input, ctx, db) => fn(input, { ...ctx, db }),
  );
}
