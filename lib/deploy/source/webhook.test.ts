import { describe, expect, it } from 'vitest';
import { parsePushEvent, pushBuilds } from './webhook';

const sha = 'a'.repeat(40);
describe('push webhooks', () => {
  it.each<[string, unknown, ReturnType<typeof parsePushEvent>]>([
    ['GitHub branch push', { ref: 'refs/heads/main', after: sha, repository: {} }, { kind: 'branch', name: 'main', commit: sha, deleted: false }],
    ['GitHub tag push', { ref: 'refs/tags/v1.0', after: sha }, { kind: 'tag', name: 'v1.0', commit: sha, deleted: false }],
    ['GitHub branch deletion', { ref: 'refs/heads/old', after: '0'.repeat(40), deleted: true }, { kind: 'branch', name: 'old', commit: '0'.repeat(40), deleted: true }],
    ['GitLab push', { object_kind: 'push', ref: 'refs/heads/dev', checkout_sha: sha }, { kind: 'branch', name: 'dev', commit: sha, deleted: false }],
    ['GitLab tag push', { object_kind: 'tag_push', ref: 'refs/tags/v2', checkout_sha: sha }, { kind: 'tag', name: 'v2', commit: sha, deleted: false }],
    ['GitHub ping', { zen: 'hi', hook_id: 1 }, null],
    ['not JSON object', 'x', null],
  ])('%s', (_n, body, want) => expect(parsePushEvent(body)).toEqual(want));

  it.each([
    [{ kind: 'branch', name: 'main', commit: sha, deleted: false }, 'main', true],
    [{ kind: 'branch', name: 'dev', commit: sha, deleted: false }, 'main', false],
    [{ kind: 'tag', name: 'v1', commit: sha, deleted: false }, 'main', true],
    [{ kind: 'tag', name: 'v1', commit: sha, deleted: true }, 'main', false],
    [{ kind: 'branch', name: 'main', commit: sha, deleted: false }, null, false],
  ] as const)('%j on %s builds: %s', (event, branch, want) => expect(pushBuilds(event, branch)).toBe(want));
});
