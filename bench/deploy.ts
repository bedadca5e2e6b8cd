/**
 * `npm run bench:deploy`. (1) The Node.js example, archive → first answer of the new build through
 * the edge: cold (a new service, so no build cache, and prepareCommands no image holds yet) and
 * warm (the build cache and the prepare image reused, a changed build variable), beside the same app
 * built with a plain Dockerfile and started with `docker run` on the same base image (cold: no layer
 * cache; warm: the layer cache, the same changed variable), as ratios. (2) A redeploy under steady
 * loopback load through the edge: sent, failed, longest gap. The app runs without its database here
 * (the run.envVariables line that points at it is left out on both sides). The warm pair runs
 * BENCH_WARM_RUNS times (default 3), Berth and Docker alternating, and the ratio is of the medians
 * (the machine may be shared). Last line: one JSON object.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { startBenchEngine } from './engine';
import { baselineContext, baselineRun, removeBaselineImage } from './deploy-baseline';
import { edgeName } from '@/lib/core/edge';
import { baseImage } from '@/lib/deploy/bases';
import { DEPLOY_LABEL } from '@/lib/deploy/build/labels';
import { exampleCopy, tarGz } from '@/lib/deploy/testing/fixtures';
import { env } from '@/lib/env';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { deployArchive, getVersionWithLog } from '@/lib/domain/deploys';
import { addService } from '@/lib/domain/services';
import { waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';

const nonce = Date.now().toString(36);
const { db, engine, user, stop } = await startBenchEngine({ core: true });
const { project, process: p } = await createProject(db, user.id, { name: `bench deploy ${nonce}` });
await waitProcess(db, p.id);
const { service, process: s } = await addService(db, user.id, project.id, { hostname: 'app', type: 'nodejs@18', subdomainAccess: true });
await waitProcess(db, s.id);
const host = `app-${project.slug}.${env.BERTH_DOMAIN}`;

/** The example with a greeting of its own; the unique prepare line makes the first build cold. */
const app = (greeting: string) =>
  exampleCopy('nodejs', async (dir) => {
    const file = path.join(dir, 'zerops.yml');
    const yml = (await fs.readFile(file, 'utf8'))
      .replace('GREETING: hello from the Node.js example', `GREETING: ${greeting}`)
      .replace('        - ln -sf /opt/package/bin/npm-cli.js /usr/local/bin/npm\n', `        - ln -sf /opt/package/bin/npm-cli.js /usr/local/bin/npm\n        - echo bench ${nonce}\n`)
      .replace(/ {6}envVariables:\n {8}DATABASE_URL: .*\n/, '');
    await fs.writeFile(file, yml);
  });

/** Archive upload → the first answer with `greeting` through the edge, in ms. */
async function berthDeploy(greeting: string, timeline = false): Promise<{ ms: number; processId: string }> {
  const archive = await tarGz(await app(greeting));
  const t0 = performance.now();
  const started = Date.now();
  const { process: d, version } = await deployArchive(db, user.id, project.id, service.id, archive);
  await waitFor(`the deploy of "${greeting}" to answer through the edge`, async () => {
    const r = await httpGet(env.BERTH_HTTP_PORT, host);
    return r.status === 200 && r.body.includes(greeting);
  }, 600_000, 50);
  const ms = performance.now() - t0;
  const done = await waitProcess(db, d.id, 120_000);
  if (done.status !== 'FINISHED') throw new Error(`the deploy ended ${done.status}: ${done.error}`);
  if (timeline) {
    // Where the time goes: each log line's offset from the upload.
    const { log } = await getVersionWithLog(db, user.id, project.id, service.id, version.id);
    for (const l of log) console.log(`  +${String(l.at.getTime() - started).padStart(6)} ms [${l.step ?? ''}] ${l.message.split('\n')[0]!.slice(0, 100)}`);
  }
  return { ms, processId: d.id };
}

const cold = await berthDeploy(`cold ${nonce}`);
console.log(`berth cold: ${Math.round(cold.ms)} ms`);

const base = baseImage('nodejs@18', 'build.base').image;
const tag = `berth-bench/deploy:${env.BERTH_RUN_ID ?? 'local'}-${nonce}`;
const context = await baselineContext(await app('baseline'), base);
const baseCold = await baselineRun(context, tag, `docker cold ${nonce}`, true);
console.log(`docker build + run cold: ${Math.round(baseCold)} ms`);

const runs = Math.max(1, Math.min(10, Number(process.env.BENCH_WARM_RUNS ?? 3) || 3));
const warms: number[] = [];
const baseWarms: number[] = [];
for (let i = 0; i < runs; i++) {
  warms.push((await berthDeploy(`warm ${i} ${nonce}`, true)).ms);
  console.log(`berth warm ${i + 1}/${runs}: ${Math.round(warms[i]!)} ms`);
  baseWarms.push(await baselineRun(context, tag, `docker warm ${i} ${nonce}`, false));
  console.log(`docker build + run warm ${i + 1}/${runs}: ${Math.round(baseWarms[i]!)} ms`);
}
await removeBaselineImage(tag);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const warm = { ms: median(warms) };
const baseWarm = median(baseWarms);

// A redeploy under steady load: 4 clients through the edge, bounded in count and time.
// Failed answers by status (0: no answer within 3 s) and by offset from the redeploy's start, to tell when they came.
const failedStatuses: Record<string, number> = {};
const failedAt: number[] = [];
let redeployStart = performance.now();
const load = steadyLoad(
  async () => {
    const { status } = await httpGet(env.BERTH_HTTP_PORT, host);
    if (status !== 200) {
      failedStatuses[status] = (failedStatuses[status] ?? 0) + 1;
      if (failedAt.length < 20) failedAt.push(Math.round(performance.now() - redeployStart));
    }
    return status === 200;
  },
  { clients: 4, maxMs: 600_000, maxRequests: 200_000 },
);
redeployStart = performance.now();
const redeploy = await berthDeploy(`under load ${nonce}`, true);
const stats = await load.stop();
if (stats.failed) console.log(`failed answers by status: ${JSON.stringify(failedStatuses)}; the first at ms after the upload: ${failedAt.join(', ')}`);
console.log(`redeploy under load: ${Math.round(redeploy.ms)} ms; ${stats.sent} requests, ${stats.failed} failed, longest gap ${stats.maxGapMs} ms`);

const { process: d } = await deleteProject(db, user.id, project.id);
await waitProcess(db, d.id);
await engine.removeContainer(edgeName());
for (const img of await engine.listImages({ [DEPLOY_LABEL]: project.id })) for (const t of img.tags) await engine.removeImage(t).catch(() => {});
await stop();
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify({
    coldMs: Math.round(cold.ms),
    warmMs: Math.round(warm.ms),
    dockerColdMs: Math.round(baseCold),
    dockerWarmMs: Math.round(baseWarm),
    coldRatio: ratio(cold.ms, baseCold),
    warmRatio: ratio(warm.ms, baseWarm),
    warmRunsMs: warms.map(Math.round),
    dockerWarmRunsMs: baseWarms.map(Math.round),
    redeployMs: Math.round(redeploy.ms),
    requests: stats.sent,
    failedRequests: stats.failed,
    longestGapMs: stats.maxGapMs,
    failedStatuses,
  }),
);
