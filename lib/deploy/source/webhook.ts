import { z } from 'zod';

/** What a push webhook says: the ref pushed and the commit it points at. */
export interface PushEvent {
  kind: 'branch' | 'tag';
  name: string;
  commit: string | null;
  deleted: boolean;
}

const github = z.object({ ref: z.string(), after: z.string().optional(), deleted: z.boolean().optional() });
const gitlab = z.object({ object_kind: z.enum(['push', 'tag_push']), ref: z.string(), checkout_sha: z.string().nullable().optional(), after: z.string().optional() });

const ZERO = /^0{40}$/;

/** Reads a GitHub or GitLab push payload; null for anything else (a ping, another event). */
export function parsePushEvent(body: unknown): PushEvent | null {
  const gl = gitlab.safeParse(body);
  const gh = github.safeParse(body);
  const ref = gl.success ? gl.data.ref : gh.success ? gh.data.ref : null;
  if (!ref) return null;
  const commit = gl.success ? (gl.data.checkout_sha ?? gl.data.after ?? null) : gh.success ? (gh.data.after ?? null) : null;
  const deleted = (gh.success && gh.data.deleted === true) || (!!commit && ZERO.test(commit)) || (gl.success && !gl.data.checkout_sha && !!gl.data.after && ZERO.test(gl.data.after));
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: ref.slice('refs/heads/'.length), commit, deleted };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length), commit, deleted };
  return null;
}

/** A push builds when it is to the tracked branch, or a new tag; deletions never do. */
export function pushBuilds(event: PushEvent, trackedBranch: string | null): boolean {
  if (event.deleted) return false;
  if (event.kind === 'tag') return true;
  return trackedBranch !== null && event.name === trackedBranch;
}
