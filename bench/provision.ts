/**
 * `npm run bench:provision [runs]`: a single-container PostgreSQL service until healthy, through Berth
 * (createProject + addService, both processes finished) vs raw `docker network create` + `docker run`
 * of the same image, env, data volume and health check (taken from the catalog), in the same run,
 * alternating which goes first. Prints the ratio Berth / raw.
 *
 * Docker runs a health check every interval (2 s for PostgreSQL), so "healthy" is quantized; the
 * bench also reports "ready" (pg_isready through exec, polled every 100 ms) for both, which shows
 * Berth's own overhead without that quantization.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { getCatalogEntry } from '@/lib/catalog';
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { L } from '@/lib/provisioner/labels';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';

const run = promisify(execFile);
const RUNS = Number(process.argv[2] ?? 5);
const handle = openDb({ pgliteDir: 'memory://' });
await handle.migrate();
const db = handle.db;
const engine = dockerEngine();
const worker = startWorker({ db, engine, pollMs: 100 });
const user = await createTestUser(db);

interface Sample {
  readyMs: number;
  healthyMs: number;
}

/** Time until `pg_isready` answers inside the container `name()` names (once it exists). */
function readyWatch(t0: number, name: () => Promise<string | undefined>, user: string): { stop(): void; ready: Promise<number> } {
  let stopped = false;
  const ready = (async () => {
    while (!stopped) {
      const n = await name();
      if (n) {
        const r = await engine.exec(n, ['pg_isready', '-q', '-h', '127.0.0.1', '-U', user, '-d', 'postgres']).catch(() => undefined);
        if (r?.exitCode === 0) return performance.now() - t0;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Number.NaN;
  })();
  return { stop: () => void (stopped = true), ready };
}

async function berth(i: number): Promise<Sample> {
  const t = performance.now();
  const { project, process: pc } = await createProject(db, user.id, { name: `bench provision ${i}` });
  const { process: ps } = await addService(db, user.id, project.id, { hostname: 'db', type: 'postgresql@15' });
  const watch = readyWatch(t, async () => (await engine.listContainers({ [L.project]: project.id }))[0]?.name, 'db');
  await waitProcess(db, pc.id);
  const done = await waitProcess(db, ps.id);
  const healthyMs = performance.now() - t;
  if (done.status !== 'FINISHED') throw new Error(`stack.create ${done.status}: ${done.error}`);
  const readyMs = await watch.ready;
  const { process: d } = await deleteProject(db, user.id, project.id);
  await waitProcess(db, d.id);
  return { readyMs, healthyMs };
}

async function raw(i: number): Promise<Sample> {
  const [tpl] = getCatalogEntry('postgresql').containersFor({
    hostname: 'db',
    version: '15',
    mode: 'NON_HA',
    containerCount: 1,
    source: 'local',
    generated: { user: 'db', password: 'benchpassword123', dbName: 'db' },
  });
  const h = tpl!.healthCheck!;
  const net = `bench-raw-${process.pid}-${i}`;
  const volumes = tpl!.volumes.flatMap((v) => ['-v', `${net}-${v.name}:${v.mountPath}`]);
  const t = performance.now();
  const watch = readyWatch(t, async () => ((await engine.inspectContainer(net)) ? net : undefined), 'db');
  await run('docker', ['network', 'create', '--label', `${L.testRun}=bench`, net]);
  await run('docker', [
    'run', '-d', '--name', net, '--network', net, ...volumes,
    ...Object.entries(tpl!.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    '--health-cmd', h.test.join(' '), '--health-interval', `${h.intervalMs}ms`, '--health-timeout', `${h.timeoutMs}ms`,
    '--health-start-period', `${h.startPeriodMs}ms`, '--health-retries', String(h.retries),
    tpl!.image,
  ]);
  await waitFor('raw postgres healthy', async () => (await engine.inspectContainer(net))?.health === 'healthy', 120_000, 50);
  const healthyMs = performance.now() - t;
  const readyMs = await watch.ready;
  await run('docker', ['rm', '-f', '-v', net]);
  await run('docker', ['volume', 'rm', ...tpl!.volumes.map((v) => `${net}-${v.name}`)]);
  await run('docker', ['network', 'rm', net]);
  return { readyMs, healthyMs };
}

const berthS: Sample[] = [];
const rawS: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  // Alternate the order so neither side always runs on a warmer engine.
  if (i % 2 === 0) {
    rawS.push(await raw(i));
    berthS.push(await berth(i));
  } else {
    berthS.push(await berth(i));
    rawS.push(await raw(i));
  }
  const b = berthS.at(-1)!;
  const r = rawS.at(-1)!;
  console.log(`run ${i + 1}: healthy raw ${Math.round(r.healthyMs)} ms, berth ${Math.round(b.healthyMs)} ms; ready raw ${Math.round(r.readyMs)} ms, berth ${Math.round(b.readyMs)} ms`);
}
await worker.stop();
await handle.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = (xs: Sample[], k: keyof Sample) => Math.round(median(xs.map((x) => x[k])));
console.log(
  JSON.stringify({
    runs: RUNS,
    rawHealthyMedianMs: m(rawS, 'healthyMs'),
    berthHealthyMedianMs: m(berthS, 'healthyMs'),
    ratio: Number((m(berthS, 'healthyMs') / m(rawS, 'healthyMs')).toFixed(2)),
    rawReadyMedianMs: m(rawS, 'readyMs'),
    berthReadyMedianMs: m(berthS, 'readyMs'),
    readyRatio: Number((m(berthS, 'readyMs') / m(rawS, 'readyMs')).toFixed(2)),
    target: 1.2,
  }),
);
