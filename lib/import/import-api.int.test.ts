import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDbHandle } from '@/lib/db';
import { processes, projects, services } from '@/lib/db/schema';
import { createApiToken } from '@/lib/domain/api-tokens';
import { createTestDb, testDrivers, type TestDb } from '@/lib/testing/db';
import { createTestUser } from '@/lib/testing/engine';
import { callRoute, listRouteFiles } from '@/lib/testing/routes';

const routes = listRouteFiles();
const route = (template: string) => routes.find((r) => r.template === template)!.file;

const ok = `project:
  name: api-import
services:
  - hostname: db
    type: postgresql@15
  - hostname: app
    type: nodejs@16
    envSecrets:
      DB: \${db_connectionString}
`;

/** Each bad file with the line and key path its first error must name. */
const BAD: [string, string, { line: number; path: string; message: RegExp }][] = [
  ['invalid YAML', 'project:\n  name: x\n services: []\n', { line: 3, path: '(file)', message: /invalid YAML/ }],
  ['unknown key', 'project:\n  name: x\n  colour: red\n', { line: 3, path: 'project.colour', message: /unknown key "colour"/ }],
  ['hostname rules', 'project:\n  name: x\nservices:\n  - hostname: Web-1\n    type: nodejs@18\n', { line: 4, path: 'services[0].hostname', message: /lowercase letters a-z and digits/ }],
  [
    'duplicate hostnames',
    'project:\n  name: x\nservices:\n  - hostname: a\n    type: nodejs@18\n  - hostname: a\n    type: nodejs@18\n',
    { line: 6, path: 'services[1].hostname', message: /duplicate hostname "a"/ },
  ],
  ['unknown type', 'project:\n  name: x\nservices:\n  - hostname: s\n    type: objectstore\n', { line: 5, path: 'services[0].type', message: /unknown service type "objectstore"/ }],
  ['type the source cannot run', 'project:\n  name: x\nservices:\n  - hostname: s\n    type: mongodb@7\n', { line: 5, path: 'services[0].type', message: /MongoDB is not available from the local image source/ }],
  ['unknown version without acceptance', 'project:\n  name: x\nservices:\n  - hostname: s\n    type: postgresql@16\n', { line: 5, path: 'services[0].type', message: /available: postgresql@15, postgresql@17, postgresql@18; nearest: postgresql@17/ }],
  [
    'reference to a missing service',
    'project:\n  name: x\nservices:\n  - hostname: app\n    type: nodejs@18\n    envSecrets:\n      DB: ${db_connectionString}\n',
    { line: 6, path: 'services[0].envSecrets', message: /names no service/ },
  ],
  [
    'malformed preprocessor expression',
    '#yamlPreprocessor=on\nproject:\n  name: x\n  envVariables:\n    A: <@generateRandomString(<8>\n',
    { line: 5, path: 'project.envVariables.A', message: /preprocessor: expected "\)"/ },
  ],
  ['malformed IPv4 address', 'project:\n  name: x\n  publicIpV4: 10.0.0.300\n', { line: 3, path: 'project.publicIpV4', message: /must be true, false or an IPv4 address/ }],
  ['malformed IPv6 address', 'project:\n  name: x\n  publicIpV6: fd42:::1\n', { line: 3, path: 'project.publicIpV6', message: /must be an IPv6 address/ }],
  ['file over 100 kB', `project:\n  name: x\n# ${'x'.repeat(100 * 1024)}\n`, { line: 1, path: '(file)', message: /100 kB/ }],
];

describe.each(testDrivers)('import REST API (%s)', (driver) => {
  let tdb: TestDb;
  let token: string;
  const counts = async () => ({
    projects: (await tdb.db.select({ n: count() }).from(projects))[0]!.n,
    services: (await tdb.db.select({ n: count() }).from(services))[0]!.n,
    processes: (await tdb.db.select({ n: count() }).from(processes))[0]!.n,
  });

  beforeAll(async () => {
    tdb = await createTestDb(driver);
    useDbHandle(tdb);
    token = (await createApiToken(tdb.db, (await createTestUser(tdb.db)).id, { name: 't' })).token;
  });
  afterAll(async () => tdb?.dispose());

  it.each(BAD)('refuses %s with its line and key, and creates nothing', async (_name, yaml, want) => {
    const before = await counts();
    const res = await callRoute(route('/projects/import'), 'POST', {}, { token, body: { yaml } });
    expect(res.status).toBe(422);
    const issue = (res.json as { error: { issues: { line: number; column: number; path: string; message: string }[] } }).error.issues[0]!;
    expect(issue).toMatchObject({ line: want.line, path: want.path, column: expect.any(Number) });
    expect(issue.message).toMatch(want.message);
    expect(await counts()).toEqual(before);
  });

  it('dryRun answers the preview (pending version), apply needs acceptVersions, then starts one project.import', async () => {
    const before = await counts();
    const dry = await callRoute(route('/projects/import'), 'POST', {}, { token, body: { yaml: ok, dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({
      project: null,
      preview: {
        canApply: false,
        services: [{ hostname: 'db', type: 'postgresql@15' }, { hostname: 'app', type: 'nodejs@18', versionMapping: { requested: '16', used: '18' }, env: [{ key: 'DB', value: '••••••••' }] }],
        pending: [{ kind: 'version', line: 7, path: 'services[1].type' }],
      },
    });
    const refused = await callRoute(route('/projects/import'), 'POST', {}, { token, body: { yaml: ok } });
    expect(refused).toMatchObject({ status: 422, json: { error: { issues: [{ line: 7, path: 'services[1].type' }] } } });
    expect(await counts()).toEqual(before);
    const started = await callRoute(route('/projects/import'), 'POST', {}, { token, body: { yaml: ok, acceptVersions: true } });
    expect(started).toMatchObject({ status: 202, json: { project: { name: 'api-import', status: 'NEW' }, process: { action: 'project.import', status: 'PENDING' } } });
    // Services are created by the process, not by the request.
    expect(await counts()).toEqual({ projects: before.projects + 1, services: before.services, processes: before.processes + 1 });
    const payload = (started.json as { process: { payload: Record<string, unknown> } }).process.payload;
    expect(JSON.stringify(payload)).not.toContain('connectionString');

    const projectId = (started.json as { project: { id: string } }).project.id;
    const exported = await callRoute(route('/projects/{projectId}/export'), 'GET', { projectId }, { token });
    expect(exported.status).toBe(200);
    expect(exported.text).toMatch(/^project:\n {2}name: api-import\n/);
    const svc = await callRoute(route('/projects/{projectId}/services/import'), 'POST', { projectId }, { token, body: { yaml: 'services:\n  - hostname: db\n    type: postgresql@15\n', dryRun: true } });
    expect(svc).toMatchObject({ status: 200, json: { preview: { canApply: true, services: [{ hostname: 'db', action: 'create' }] } } });
  });

  it('export writes publicIpV6 and publicIpV4; an import takes IPv4 when the file has it and new addresses either way', async () => {
    type Made = { project: { id: string; publicIpV4: string | null; publicIpV6: string } };
    const make = async (yaml: string) => {
      const res = await callRoute(route('/projects/import'), 'POST', {}, { token, body: { yaml } });
      return { status: res.status, json: res.json as Made };
    };
    const v6only = await make('project:\n  name: v6-only\n  publicIpV4: false\n');
    expect(v6only.status).toBe(202);
    expect(v6only.json.project.publicIpV4).toBeNull();
    const text = (await callRoute(route('/projects/{projectId}/export'), 'GET', { projectId: v6only.json.project.id }, { token })).text;
    expect(text).toContain(`  publicIpV6: ${v6only.json.project.publicIpV6}\n  publicIpV4: false\n`);
    const copy = await make(text.replace('name: v6-only', 'name: v6-copy'));
    expect(copy.json.project).toMatchObject({ publicIpV4: null });
    expect(copy.json.project.publicIpV6).not.toBe(v6only.json.project.publicIpV6);
    const dual = await make('project:\n  name: dual\n  publicIpV4: 127.1.2.3\n  publicIpV6: fd00::5\n');
    expect(dual.json.project.publicIpV4).toMatch(/^127\./);
    expect(dual.json.project.publicIpV4).not.toBe('127.1.2.3');
    const exported = (await callRoute(route('/projects/{projectId}/export'), 'GET', { projectId: dual.json.project.id }, { token })).text;
    expect(exported).toContain(`  publicIpV4: ${dual.json.project.publicIpV4}\n`);
  });
});
