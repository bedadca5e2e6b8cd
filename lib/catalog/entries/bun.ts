import { BUN_PLACEHOLDER_6 } from '../both-families';
import { BUN_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

/**
 * Bun 1 from the registry package that ships the official binary (@oven/bun-linux-x64), built on first
 * use; official twin oven/bun:1. Both start the placeholder from its source (`bun -e`).
 */
export const bun = runtime({
  type: 'bun',
  displayName: 'Bun',
  port: 3000,
  versions: [{ version: '1', default: true, images: { local: 'berth/bun:1', official: 'oven/bun:1' } }],
  start: { cmd: ['bun', '-e', BUN_PLACEHOLDER] },
  ipv6Start: { cmd: ['bun', '-e', BUN_PLACEHOLDER_6] },
});
