/**
 * `npm start`: builds when no build exists (or the sources are newer), then serves on PORT (3000)
 * through scripts/serve.ts.
 * Migrations run inside the server at start-up (instrumentation.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: 'inherit', env: process.env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
if (!hasBuild) {
  console.log('No build found: running `next build` first (once).');
  const code = await run(['build']);
  if (code !== 0) process.exit(code);
}
// Like `next start`, but X-Forwarded-For is believed only from BERTH_TRUSTED_PROXIES.
await import('./serve');
