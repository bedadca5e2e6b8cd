/**
 * `npm run bench:autoscale`, default scaler tuning. Vertical: a runtime `cpu` (0.25–0.5 CPU) under a
 * sustained CPU load (bounded busy processes) → its first raised CPU limit (in place). Horizontal: a
 * runtime `web` (0.25 CPU and 256 MB fixed, 1–2 containers) behind the project core, with paced
 * requests through the edge all along, gets a working set of ~80 % of its memory limit → a new
 * container answering requests through the core. Failed requests over both. Last line: one JSON object.
 */
import { startBenchEngine } from './engine';
import { startScaler } from '@/lib/autoscale/scaler';
import { edgeName } from '@/lib/core/edge';
import { env } from '@/lib/env';
import { containerName } from '@/lib/provisioner/labels';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';

const LOAD_SECONDS = 90;
const { db, engine, user, stop } = await startBenchEngine({ core: true });
const scaler = startScaler(db, engine);
const { project, process: p } = await createProject(db, user.id, { name: `bench autoscale ${Date.now().toString(36)}` });
await waitProcess(db, p.id);
const { process: s } = await addService(db, user.id, project.id, {
  hostname: 'web',
  type: 'nodejs@18',
  subdomainAccess: true,
  autoscaling: { minCpu: 0.25, maxCpu: 0.25, minRam: 0.25, maxRam: 0.25, minContainers: 1, maxContainers: 2 },
});
await waitProcess(db, s.id);
const { process: c } = await addService(db, user.id, project.id, { hostname: 'cpu', type: 'nodejs@18', autoscaling: { minCpu: 0.25, maxCpu: 0.5 } });
await waitProcess(db, c.id);
const busy = containerName(project.id, 'cpu-runtime-0');
const host = `web-${project.slug}.${env.BERTH_DOMAIN}`;
await waitFor('the runtime via the edge', async () => (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200, 60_000);

const first = containerName(project.id, 'web-runtime-0');
const second = containerName(project.id, 'web-runtime-1');
let servedBySecond: number | undefined;
let t0 = performance.now();
const load = steadyLoad(
  async () => {
    const r = await httpGet(env.BERTH_HTTP_PORT, host);
    if (r.status === 200 && servedBySecond === undefined && r.body.includes(second)) servedBySecond = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 25));
    return r.status === 200;
  },
  { clients: 2, maxMs: (LOAD_SECONDS + 30) * 1000, maxRequests: 20_000 },
);
// Eight bounded busy processes: the container stays at its CPU limit on a shared host.
for (let i = 0; i < 8; i++) {
  await engine.exec(busy, ['node', '-e', `const end = Date.now() + ${LOAD_SECONDS * 1000}; while (Date.now() < end) {}`], { detach: true });
}
const vertical = await waitFor(
  'a vertical scale-up',
  async () => ((await engine.inspectContainer(busy))?.limits?.nanoCpus ?? 0) > 0.25e9 && performance.now() - t0,
  LOAD_SECONDS * 1000,
  100,
).catch(() => undefined);
console.log(`vertical scale-up after ${vertical === undefined ? 'never' : `${Math.round(vertical)} ms`}`);
t0 = performance.now();
await engine.exec(first, ['node', '-e', `const b = Buffer.alloc(190 * 1024 * 1024, 1); setTimeout(() => b.length, ${LOAD_SECONDS * 1000});`], { detach: true });
const horizontal = await waitFor('a new container serving', async () => servedBySecond, LOAD_SECONDS * 1000, 100).catch(() => undefined);
console.log(`new container serving (after the memory load) after ${horizontal === undefined ? 'never' : `${Math.round(horizontal)} ms`}`);
const stats = await load.stop();
console.log(`${stats.sent} requests, ${stats.failed} failed, longest gap ${stats.maxGapMs} ms`);

scaler.stop();
const { process: d } = await deleteProject(db, user.id, project.id);
await waitProcess(db, d.id);
await engine.removeContainer(edgeName());
await stop();
console.log(
  JSON.stringify({
    verticalScaleUpMs: vertical === undefined ? null : Math.round(vertical),
    horizontalServingMs: horizontal === undefined ? null : Math.round(horizontal),
    requests: stats.sent,
    failedRequests: stats.failed,
    longestGapMs: stats.maxGapMs,
  }),
);
