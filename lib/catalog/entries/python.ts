import { PYTHON_PLACEHOLDER_6 } from '../both-families';
import { PYTHON_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

/** Python 3.11 (Debian bookworm's python3) and 3.13 (trixie's, built on first use); official twins python:<version>. */
export const python = runtime({
  type: 'python',
  displayName: 'Python',
  port: 8000,
  versions: [
    { version: '3.11', default: true, images: { local: 'berth/python:3.11', official: 'python:3.11' } },
    { version: '3.13', images: { local: 'berth/python:3.13', official: 'python:3.13' } },
  ],
  officialStart: { cmd: ['python3', '-u', '-c', PYTHON_PLACEHOLDER] },
  ipv6Start: { cmd: ['python3', '-u', '-c', PYTHON_PLACEHOLDER_6] },
});
