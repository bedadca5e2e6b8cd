/**
 * `npm run bench:import [runs]`:
 * 1. parse + preprocess + validate + preview of a generated 50-service file, median of 30 runs (target < 50 ms);
 * 2. a 5-service file (no Git) imported until every service is healthy, beside the same project and services
 *    created one by one through the REST API (each call's process awaited before the next), alternating which
 *    goes first. Prints import / one-by-one (target ≤ 0.8: equal priorities start in parallel).
 */
import { useDbHandle as bindDb } from '@/lib/db';
import { openDb } from '@/lib/db/client';
import { prepareImport } from '@/lib/import';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { createApiToken } from '@/lib/domain/api-tokens';
import { deleteProject } from '@/lib/domain/projects';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { callRoute, listRouteFiles } from '@/lib/testing/routes';

const RUNS = Number(process.argv[2] ?? 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const TYPES = ['postgresql@15', 'redis@7.0', 'nodejs@18', 'python@3.11', 'go@1.19', 'static', 'shared-storage', 'mariadb@10.11', 'php-nginx@8.2', 'nginx@1.22'];
function bigFile(n: number): string {
  const services = Array.from({ length: n }, (_, i) => {
    const type = TYPES[i % TYPES.length]!;
    const runtime = /^(nodejs|python|go|php-nginx|static|nginx)/.test(type);
    return [
      `  - hostname: svc${i}`,
      `    type: ${type}`,
      `    priority: ${i % 3}`,
      ...(runtime ? ['    minContainers: 2', '    envSecrets:', `      TOKEN: <@generateRandomString(<32>)>`, '      DB: ${svc0_connectionString}'] : []),
    ].join('\n');
  });
  return `#yamlPreprocessor=on\nproject:\n  name: bench\n  envVariables:\n    KEY: <@generateRandomString(<64>)>\nservices:\n${services.join('\n')}\n`;
}

const big = bigFile(50);
const previewMs: number[] = [];
for (let i = 0; i < 31; i++) {
  const t = performance.now();
  const { preview } = await prepareImport(big, { target: 'project', source: 'local' });
  if (preview.services.length !== 50) throw new Error('the preview lost services');
  if (i) previewMs.push(performance.now() - t); // the first run warms the module caches
}
console.log(`preview of 50 services (${big.length} bytes): median ${median(previewMs).toFixed(1)} ms`);

const handle = openDb({ pgliteDir: 'memory://' });
await handle.migrate();
bindDb(handle);
const db = handle.db;
const engine = dockerEngine();
const worker = startWorker({ db, engine, pollMs: 100 });
const user = await createTestUser(db);
const token = (await createApiToken(db, user.id, { name: 'bench' })).token;
const routes = listRouteFiles();
const route = (template: string) => routes.find((r) => r.template === template)!.file;

const FIVE = [
  { hostname: 'db', type: 'postgresql@15' },
  { hostname: 'cache', type: 'redis@7.0' },
  { hostname: 'api', type: 'nodejs@18' },
  { hostname: 'worker', type: 'python@3.11' },
  { hostname: 'site', type: 'static' },
];
const fiveFile = (i: number) => `project:\n  name: bench import ${i}\nservices:\n${FIVE.map((s) => `  - hostname: ${s.hostname}\n    type: ${s.type}`).join('\n')}\n`;

async function finished(id: string) {
  const p = await waitProcess(db, id, 300_000);
  if (p.status !== 'FINISHED') throw new Error(`${p.action} ${p.status}: ${p.error}`);
}

async function viaImport(i: number): Promise<{ ms: number; projectId: string }> {
  const t = performance.now();
  const res = await callRoute(route('/projects/import'), 'POST', {}, { token, body: { yaml: fiveFile(i) } });
  if (res.status !== 202) throw new Error(`import answered ${res.status}: ${res.text}`);
  const { project, process: p } = res.json as { project: { id: string }; process: { id: string } };
  await finished(p.id);
  return { ms: performance.now() - t, projectId: project.id };
}

async function oneByOne(i: number): Promise<{ ms: number; projectId: string }> {
  const t = performance.now();
  const res = await callRoute(route('/projects'), 'POST', {}, { token, body: { name: `bench rest ${i}` } });
  const { project, process: p } = res.json as { project: { id: string }; process: { id: string } };
  await finished(p.id);
  for (const s of FIVE) {
    const added = await callRoute(route('/projects/{projectId}/services'), 'POST', { projectId: project.id }, { token, body: s });
    if (added.status !== 202) throw new Error(`add ${s.hostname} answered ${added.status}: ${added.text}`);
    await finished((added.json as { process: { id: string } }).process.id);
  }
  return { ms: performance.now() - t, projectId: project.id };
}

async function cleanup(projectId: string) {
  await finished((await deleteProject(db, user.id, projectId)).process.id);
}

const importMs: number[] = [];
const restMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 === 0 ? [viaImport, oneByOne] : [oneByOne, viaImport];
  for (const fn of order) {
    const r = await fn(i);
    (fn === viaImport ? importMs : restMs).push(r.ms);
    await cleanup(r.projectId);
  }
  console.log(`run ${i + 1}: import ${Math.round(importMs.at(-1)!)} ms, one by one ${Math.round(restMs.at(-1)!)} ms`);
}
await worker.stop();
await handle.close();
console.log(
  JSON.stringify({
    previewServices: 50,
    previewMedianMs: Number(median(previewMs).toFixed(1)),
    previewTargetMs: 50,
    runs: RUNS,
    importMedianMs: Math.round(median(importMs)),
    oneByOneMedianMs: Math.round(median(restMs)),
    ratio: Number((median(importMs) / median(restMs)).toFixed(2)),
    ratioTarget: 0.8,
  }),
);
