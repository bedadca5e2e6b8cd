import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDbHandle } from '@/lib/db';
import { projects } from '@/lib/db/schema';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createApiToken } from '@/lib/domain/api-tokens';
import { addService } from '@/lib/domain/services';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { listRouteFiles } from '@/lib/testing/routes';

const run = promisify(execFile);
const engine = dockerEngine();

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The API route files behind a loopback HTTP server, matched by their path templates. */
function apiServer(): Server {
  const routes = listRouteFiles().map((r) => ({
    ...r,
    re: new RegExp(`^/api/v1${r.template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
    static: !r.template.includes('{'),
  }));
  // Static segments win over dynamic ones, as in Next.
  routes.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const hit = routes.map((r) => ({ r, m: r.re.exec(url.pathname) })).find((x) => x.m);
      const mod = hit ? ((await import(hit.r.file)) as Record<string, Handler>) : undefined;
      const handler = mod?.[req.method ?? 'GET'];
      if (!hit || !handler) return void res.writeHead(404).end();
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const answer = await handler(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body }), { params: Promise.resolve({ ...hit.m!.groups }) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
}

describe('berth CLI against a running API', () => {
  let tdb: TestDb;
  let worker: Worker;
  let server: Server;
  let url: string;
  let userId: string;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
  const env = { ...process.env, BERTH_CONFIG_DIR: join(dir, 'config') };
  const berth = async (...args: string[]) => {
    try {
      const r = await run('node', ['--import', 'tsx', 'cli/berth.ts', ...args], { env, timeout: 120_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    useDbHandle(tdb);
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    token = (await createApiToken(tdb.db, userId, { name: 'cli' })).token;
    server = apiServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const p of await tdb.db.select().from(projects)) {
      await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, p.id)).process.id);
      expect(await labelAudit(engine, p.id)).toEqual({ containers: [], networks: [], volumes: [] });
    }
    await new Promise((resolve) => server.close(resolve));
    await worker.stop();
    await tdb.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in (config 0600), refuses a bad file with file:line:col and exit 1, imports following the process, exports to a file', async () => {
    expect((await berth('login', '--url', url, '--token', 'berth_wrong')).code).toBe(1);
    const login = await berth('login', '--url', url, '--token', token);
    expect(login.code).toBe(0);
    const cfg = join(dir, 'config', 'config.json');
    expect(statSync(cfg).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(cfg, 'utf8'))).toEqual({ url, token });

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'project:\n  name: x\nservices:\n  - hostname: Bad_Host\n    type: nodejs@18\n');
    const refused = await berth('project', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}:4:15  services[0].hostname: Use lowercase letters`);

    const good = join(dir, 'good.yml');
    writeFileSync(good, '#yamlPreprocessor=on\nproject:\n  name: from-cli\n  envVariables:\n    KEY: <@generateRandomString(<16>)>\n');
    const dry = await berth('project', 'import', good, '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('project from-cli (LIGHT)') });
    expect(await tdb.db.select().from(projects)).toHaveLength(0);

    const done = await berth('project', 'import', good);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/\[project\] creating the project network and core[\s\S]*imported from-cli/);
    const [project] = await tdb.db.select().from(projects).where(eq(projects.name, 'from-cli'));
    expect(project?.status).toBe('ACTIVE');

    const out = join(dir, 'export.yml');
    expect((await berth('project', 'export', project!.id, '-o', out)).code).toBe(0);
    // Project variables are no secrets: their values are written as they are.
    expect(readFileSync(out, 'utf8')).toMatch(/^project:\n {2}name: from-cli\n[\s\S]*KEY: "?[a-zA-Z0-9_.-]{16}"?\n/);
  }, 240_000);

  it('push deploys a fresh folder and prints the build log; a failing build exits non-zero; deploys lists both versions', async () => {
    expect((await berth('login', '--url', url, '--token', token)).code).toBe(0);
    const { project } = await createProject(tdb.db, userId, { name: 'push-cli' });
    const { process: created } = await addService(tdb.db, userId, project.id, { hostname: 'app', type: 'nodejs@18' });
    expect((await waitProcess(tdb.db, created.id)).status).toBe('FINISHED');

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'server.js'), "require('node:http').createServer((q, r) => r.end('tiny')).listen(3000, '0.0.0.0');\n");
    const zeropsYml = (build: string) =>
      `zerops:\n  - setup: app\n    build:\n      base: nodejs@18\n      buildCommands:\n        - ${build}\n      deployFiles: server.js\n    run:\n      base: nodejs@18\n      ports:\n        - port: 3000\n          httpSupport: true\n      start: node server.js\n`;
    writeFileSync(join(app, 'zerops.yml'), zeropsYml('echo building the tiny app'));
    writeFileSync(join(app, '.gitignore'), 'secret.txt\n');
    writeFileSync(join(app, 'secret.txt'), 'left out by .gitignore\n');

    const pushed = await berth('push', app, '--project', project.id, '--service', 'app');
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/uploading [\s\S]*building the tiny app[\s\S]*version 1 of app is active/);

    writeFileSync(join(app, 'zerops.yml'), zeropsYml('echo about to fail && exit 3'));
    const failed = await berth('push', app, '--project', project.id, '--service', 'app');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('about to fail');
    expect(failed.stderr).toMatch(/service\.deploy failed/);

    const listed = await berth('deploys', '--project', project.id, '--service', 'app');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/#2\tBUILD_FAILED[\s\S]*#1\tACTIVE/);
  }, 300_000);
});

