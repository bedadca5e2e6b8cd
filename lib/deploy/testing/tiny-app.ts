import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A Node.js app without dependencies (the quickest build): it answers `content` on port 3000,
 * listening only `startDelayMs` after it starts; with `readiness`, its zerops.yml gates it on GET /.
 */
export async function tinyApp(content: string, opts: { startDelayMs?: number; readiness?: boolean } = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-tiny-'));
  const server = `require('node:http').createServer((q, s) => s.end(${JSON.stringify(content)})).listen(3000, '0.0.0.0')`;
  await fs.writeFile(path.join(dir, 'server.js'), `setTimeout(() => ${server}, ${opts.startDelayMs ?? 0});\nprocess.on('SIGTERM', () => process.exit(0));\n`);
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
