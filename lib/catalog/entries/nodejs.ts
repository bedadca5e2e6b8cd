import { NODE_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

/** Node.js 18 (Debian bookworm's nodejs; official twin node:18). */
export const nodejs = runtime({
  type: 'nodejs',
  displayName: 'Node.js',
  port: 3000,
  versions: [{ version: '18', default: true, images: { local: 'berth/nodejs:18', official: 'node:18' } }],
  officialStart: { cmd: ['node', '-e', NODE_PLACEHOLDER] },
});
