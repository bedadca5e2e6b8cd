/**
 * `npm run bench:provision`: a single-container PostgreSQL service until healthy, through Berth
 * (createProject + addService, processes finished) vs raw `docker network create` + `docker run`
 * of the same image with the same health check, in the same run. Prints the ratio Berth / raw.
 */
import { startBenchEngine } from './engine';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService } from '@/lib/services/services';
import { waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';

const run = promisify(execFile);
const RUNS = Number(process.argv[2] ?? 3);
const { db, runtime, user, stop } = await startBenchEngine();

async function berth(i: number): Promise<number> {
  const t = performance.now();
  const { project, process: pc } = await createProject(db, user.id, { name: `bench provision ${i}` });
  const { process: ps } = await addService(db, user.id, project.id, { hostname: 'db', type: 'postgresql@15' });
  await waitProcess(db, pc.id);
  const done = await waitProcess(db, ps.id);
  const ms = performance.now() - t;
  if (done.status !== 'FINISHED') throw new Error(`stack.create ${done.status}: ${done.error}`);
  const { process: d } = await deleteProject(db, user.id, project.id);
  await waitProcess(db, d.id);
  return ms;
}

async function raw(i: number): Promise<number> {
  const net = `bench-raw-${process.pid}-${i}`;
  const t = performance.now();
  await run('docker', ['network', 'create', net]);
  await run('docker', [
    'run', '-d', '--name', net, '--network', net, '-e', 'POSTGRES_USER=db', '-e', 'POSTGRES_PASSWORD=benchpassword123', '-e', 'POSTGRES_DB=db',
    '--health-cmd', 'pg_isready -h 127.0.0.1 -U db -d postgres', '--health-interval', '2s', '--health-start-period', '60s', '--health-retries', '30',
    'berth/postgresql:15',
  ]);
  await waitFor('raw postgres healthy', async () => (await runtime.inspectContainer(net))?.health === 'healthy', 120_000, 100);
  const ms = performance.now() - t;
  await run('docker', ['rm', '-f', '-v', net]);
  await run('docker', ['network', 'rm', net]);
  return ms;
}

const berthMs: number[] = [];
const rawMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  rawMs.push(await raw(i));
  berthMs.push(await berth(i));
  console.log(`run ${i + 1}: raw ${Math.round(rawMs.at(-1)!)} ms, berth ${Math.round(berthMs.at(-1)!)} ms`);
}
await stop();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(JSON.stringify({ runs: RUNS, rawMedianMs: Math.round(median(rawMs)), berthMedianMs: Math.round(median(berthMs)), ratio: Number((median(berthMs) / median(rawMs)).toFixed(2)), target: 1.2 }));
