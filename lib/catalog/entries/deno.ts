import { DENO_PLACEHOLDER_6 } from '../both-families';
import { DENO_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

/**
 * Deno 2 from the registry package that ships the official binary (@deno/linux-x64-glibc), built on
 * first use; official twin denoland/deno:2. Both start the placeholder from its source (`deno eval`).
 */
export const deno = runtime({
  type: 'deno',
  displayName: 'Deno',
  port: 8000,
  versions: [{ version: '2', default: true, images: { local: 'berth/deno:2', official: 'denoland/deno:2' } }],
  start: { cmd: ['deno', 'eval', DENO_PLACEHOLDER] },
  ipv6Start: { cmd: ['deno', 'eval', DENO_PLACEHOLDER_6] },
});
