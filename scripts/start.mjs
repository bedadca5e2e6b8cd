/**
 * `npm start`: builds when no build exists, then serves on PORT (3000) through scripts/serve.ts in
 * this same process (no second server process, so the running tree is npm and one Node process).
 * Migrations run inside the server at start-up (instrumentation.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('No build found: running `next build` first (once).');
  const { status } = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
// serve.ts is TypeScript: tsx's loader, registered here, compiles it on import.
const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(path.join(root, 'scripts', 'serve.ts')).href);
