import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A Node.js app without dependencies (the quickest build): it answers `content` on port 3000, and
 * 503 for the first `startDelayMs` after it starts (logging "early request" for a request from
 * the network then); with `readiness`, its zerops.yml gates it on GET / (from inside, on loopback).
 */
export async function tinyApp(content: string, opts: { startDelayMs?: number; readiness?: boolean } = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-tiny-'));
  const server = [
    `const readyAt = Date.now() + ${opts.startDelayMs ?? 0};`,
    'const early = (q) => !/127\\.0\\.0\\.1/.test(q.socket.remoteAddress) && console.log(`early request from ${q.socket.remoteAddress}`);',
    `require('node:http').createServer((q, s) => (Date.now() < readyAt ? (early(q), s.writeHead(503).end('starting')) : s.end(${JSON.stringify(content)}))).listen(3000, '0.0.0.0');`,
    "process.on('SIGTERM', () => process.exit(0));",
    '',
  ];
  await fs.writeFile(path.join(dir, 'server.js'), server.join('\n'));
  const readiness = opts.readiness ? ['    deploy:', '      readinessCheck:', '        httpGet:', '          port: 3000', '          path: /'] : [];
  await fs.writeFile(
    path.join(dir, 'zerops.yml'),
    [
      'zerops:',
      '  - setup: app',
      '    build:',
      '      base: nodejs@18',
      '      deployFiles: server.js',
      ...readiness,
      '    run:',
      '      base: nodejs@18',
      '      ports:',
      '        - port: 3000',
      '          httpSupport: true',
      '      start: node server.js',
      '',
    ].join('\n'),
  );
  return dir;
}
