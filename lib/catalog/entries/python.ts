import { PYTHON_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

/** Python 3.11 (Debian bookworm's python3; official twin python:3.11). */
export const python = runtime({
  type: 'python',
  displayName: 'Python',
  port: 8000,
  versions: [{ version: '3.11', default: true, images: { local: 'berth/python:3.11', official: 'python:3.11' } }],
  officialStart: { cmd: ['python3', '-u', '-c', PYTHON_PLACEHOLDER] },
});
