/**
 * `npm run bench:provision [runs] [type@version ...]`: a single-container service until healthy,
 * through Berth (createProject + addService, both processes finished: Berth shows it healthy) vs
 * raw `docker network create` + `docker run` of the same image, env, data volume and health check
 * (taken from the catalog) until that check's command first passes, run through exec every 100 ms
 * (faster than any Docker health interval: the raw side at its best). Same run, alternating which
 * goes first. Types default to PostgreSQL 15 and 17 and Valkey 8.1. Prints the ratio Berth / raw
 * per type, and "ready" for both (the same 100 ms exec watch on Berth's container), which shows
 * Berth's own overhead before the container answers.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { resolveTypeVersion } from '@/lib/catalog';
import type { ContainerTemplate } from '@/lib/catalog/types';
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { L } from '@/lib/provisioner/labels';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { createTestUser, waitProcess } from '@/lib/testing/engine';

const run = promisify(execFile);
const RUNS = Number(process.argv[2] ?? 5);
const TYPES = process.argv.length > 3 ? process.argv.slice(3) : ['postgresql@15', 'postgresql@17', 'valkey@8.1'];
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

/** The catalog's container for `typeVersion` with generated variables, as Berth would run it. */
function template(typeVersion: string): ContainerTemplate {
  const { entry, version } = resolveTypeVersion(typeVersion);
  const ctx = { hostname: 'db', serviceId: randomUUID(), projectId: randomUUID(), mode: 'NON_HA' as const, password: () => 'benchpassword123' };
  const generated = Object.fromEntries(Object.entries(entry.generate(ctx)).map(([k, v]) => [k, v.value]));
  const [tpl] = entry.containersFor({ hostname: 'db', version, mode: 'NON_HA', containerCount: 1, source: 'local', generated });
  if (!tpl?.healthCheck) throw new Error(`${typeVersion} has no health check to time`);
  return tpl;
}

/** Time until the health command `test` succeeds inside the container `name()` names (once it exists). */
function readyWatch(t0: number, name: () => Promise<string | undefined>, test: string[]): { stop(): void; ready: Promise<number> } {
  let stopped = false;
  const ready = (async () => {
    while (!stopped) {
      const n = await name();
      if (n) {
        const r = await engine.exec(n, test).catch(() => undefined);
        if (r?.exitCode === 0) return performance.now() - t0;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Number.NaN;
  })();
  return { stop: () => void (stopped = true), ready };
}

async function berth(typeVersion: string, i: number): Promise<Sample> {
  const test = template(typeVersion).healthCheck!.test;
  const t = performance.now();
  const wallStart = Date.now();
  const { project, process: pc } = await createProject(db, user.id, { name: `bench provision ${i} ${randomUUID().slice(0, 6)}` });
  const { process: ps } = await addService(db, user.id, project.id, { hostname: 'db', type: typeVersion });
  const watch = readyWatch(t, async () => (await engine.listContainers({ [L.project]: project.id })).find((c) => c.name.includes('-db-'))?.name, test);
  await waitProcess(db, pc.id);
  const done = await waitProcess(db, ps.id);
  // When the process finished, as it recorded it (not when this loop's next poll saw it).
  const healthyMs = done.finishedAt ? done.finishedAt.getTime() - wallStart : performance.now() - t;
  if (done.status !== 'FINISHED') throw new Error(`stack.create ${done.status}: ${done.error}`);
  const readyMs = await watch.ready;
  const { process: d } = await deleteProject(db, user.id, project.id);
  await waitProcess(db, d.id);
  return { readyMs, healthyMs };
}

async function raw(typeVersion: string, i: number): Promise<Sample> {
  const tpl = template(typeVersion);
  const h = tpl.healthCheck!;
  const net = `bench-raw-${process.pid}-${i}`;
  const volumes = tpl.volumes.flatMap((v) => ['-v', `${net}-${v.name}:${v.mountPath}`]);
  const t = performance.now();
  const watch = readyWatch(t, async () => ((await engine.inspectContainer(net)) ? net : undefined), h.test);
  await run('docker', ['network', 'create', '--label', `${L.testRun}=bench`, net]);
  await run('docker', [
    'run', '-d', '--name', net, '--network', net, ...volumes,
    ...Object.entries(tpl.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    '--health-cmd', h.test.join(' '), '--health-interval', `${h.intervalMs}ms`, '--health-timeout', `${h.timeoutMs}ms`,
    '--health-start-period', `${h.startPeriodMs}ms`, '--health-retries', String(h.retries),
    ...(tpl.entrypoint ? ['--entrypoint', tpl.entrypoint[0]!] : []),
    tpl.image,
    ...(tpl.entrypoint ? tpl.entrypoint.slice(1) : []),
    ...(tpl.cmd ?? []),
  ]);
  const readyMs = await Promise.race([watch.ready, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 120_000))]);
  watch.stop();
  if (Number.isNaN(readyMs)) throw new Error(`raw ${typeVersion}: its health command did not pass within 120 s`);
  await run('docker', ['rm', '-f', '-v', net]);
  await run('docker', ['volume', 'rm', ...tpl.volumes.map((v) => `${net}-${v.name}`)]);
  await run('docker', ['network', 'rm', net]);
  return { readyMs, healthyMs: readyMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = (xs: Sample[], k: keyof Sample) => Math.round(median(xs.map((x) => x[k])));
const results: Record<string, object> = {};
for (const typeVersion of TYPES) {
  const berthS: Sample[] = [];
  const rawS: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate the order so neither side always runs on a warmer engine.
    if (i % 2 === 0) {
      rawS.push(await raw(typeVersion, i));
      berthS.push(await berth(typeVersion, i));
    } else {
      berthS.push(await berth(typeVersion, i));
      rawS.push(await raw(typeVersion, i));
    }
    const b = berthS.at(-1)!;
    const r = rawS.at(-1)!;
    console.log(`${typeVersion} run ${i + 1}: raw ready ${Math.round(r.readyMs)} ms; berth healthy ${Math.round(b.healthyMs)} ms (its container ready at ${Math.round(b.readyMs)} ms)`);
  }
  results[typeVersion] = {
    berthHealthyMedianMs: m(berthS, 'healthyMs'),
    ratio: Number((m(berthS, 'healthyMs') / m(rawS, 'readyMs')).toFixed(2)),
    rawReadyMedianMs: m(rawS, 'readyMs'),
    berthReadyMedianMs: m(berthS, 'readyMs'),
    readyRatio: Number((m(berthS, 'readyMs') / m(rawS, 'readyMs')).toFixed(2)),
  };
}
await worker.stop();
await handle.close();
console.log(JSON.stringify({ runs: RUNS, types: results, target: 1.2 }));
