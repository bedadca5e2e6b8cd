/**
 * `npm run bench:heal`: time from `docker kill` (and `docker rm -f`) of a service container to
 * its replacement being ready, with the self-healer running (median of several runs). Ready is
 * what the dashboard shows: the container's row healthy, from Berth's own probe right after the
 * start (or Docker's health check, whichever comes first). Docker's own `healthy` is reported too.
 * Last line: one JSON object.
 */
import { and, eq, gt } from 'drizzle-orm';
import { containers } from '@/lib/db/schema';
import { startBenchEngine } from './engine';
import { docker } from '@/lib/provisioner/docker/connection';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { startSelfHealer } from '@/lib/background/self-heal';

const RUNS = Number(process.argv[2] ?? 5);
/** Seconds to sit idle after the runs, measuring this process's CPU time (worker and self-healer running). */
const IDLE_S = Number(process.argv[3] ?? 0);
const { db, engine, user, stop } = await startBenchEngine();
const healer = await startSelfHealer(db, engine, { intervalMs: 600_000, sweepOrphans: false, debounceMs: 0 });
const { project } = await createProject(db, user.id, { name: 'bench heal' });
const { process: p } = await addService(db, user.id, project.id, { hostname: 'app', type: 'nodejs@18' });
await waitProcess(db, p.id);
const name = (await labelAudit(engine, project.id)).containers[0]!;

/** The engine's events for the container, as ms after the kill/rm (where the time goes). */
let mark = 0;
const timeline: string[] = [];
const unwatch = await engine.watchEvents(
  (e) => {
    if (e.labels.name === name && !e.action.startsWith('exec_')) timeline.push(`${e.action} ${Math.round(performance.now() - mark)}`);
  },
  () => {},
);
const samples: Record<'kill' | 'rm', number[]> = { kill: [], rm: [] };
/** Kill/rm → the dashboard's row shows the replacement healthy. */
const ready: Record<'kill' | 'rm', number[]> = { kill: [], rm: [] };
/** Kill/rm → replacement running (the repair itself, before the health check interval counts). */
const running: Record<'kill' | 'rm', number[]> = { kill: [], rm: [] };
for (let i = 0; i < RUNS; i++) {
  for (const how of ['kill', 'rm'] as const) {
    const before = await engine.inspectContainer(name);
    const t = performance.now();
    mark = t;
    timeline.length = 0;
    if (how === 'kill') await docker().getContainer(name).kill({ signal: 'SIGKILL' });
    else await docker().getContainer(name).remove({ force: true });
    const fresh = (d: Awaited<ReturnType<typeof engine.inspectContainer>>) =>
      !!d && d.state === 'running' && (d.id !== before?.id || d.startedAt !== before?.startedAt);
    const startedBefore = before?.startedAt ? new Date(before.startedAt) : new Date(0);
    const shown = waitFor('the replacement shown healthy', async () => {
      const [row] = await db.select().from(containers).where(and(eq(containers.name, name), eq(containers.health, 'healthy'), gt(containers.startedAt, startedBefore)));
      return row ? performance.now() - t : undefined;
    }, 60_000, 10);
    await waitFor('running replacement', async () => fresh(await engine.inspectContainer(name)), 60_000, 10);
    running[how].push(performance.now() - t);
    ready[how].push(await shown);
    const events = timeline.join(', ');
    await waitFor('healthy replacement', async () => {
      const d = await engine.inspectContainer(name);
      return d && d.state === 'running' && d.health === 'healthy' && (d.id !== before?.id || d.startedAt !== before?.startedAt);
    }, 60_000, 25);
    samples[how].push(performance.now() - t);
    console.log(
      `${how} #${i + 1}: running after ${Math.round(running[how].at(-1)!)} ms, shown ready after ${Math.round(ready[how].at(-1)!)} ms, Docker-healthy after ${Math.round(samples[how].at(-1)!)} ms [${events}]`,
    );
  }
}
let idleCpuMs: number | undefined;
if (IDLE_S > 0) {
  await waitFor('the last repair to settle', async () => (await engine.inspectContainer(name))?.health === 'healthy', 60_000);
  await new Promise((resolve) => setTimeout(resolve, 5_000)); // the follow-up looks after the last event end
  const cpu = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
  const used = process.cpuUsage(cpu);
  idleCpuMs = Math.round((used.user + used.system) / 1000);
  console.log(`idle: ${idleCpuMs} ms CPU over ${IDLE_S} s`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
healer.stop();
unwatch();
const { process: d } = await deleteProject(db, user.id, project.id);
await waitProcess(db, d.id);
await stop();
console.log(
  JSON.stringify({
    runs: RUNS,
    killToReadyMedianMs: Math.round(median(ready.kill)),
    rmToReadyMedianMs: Math.round(median(ready.rm)),
    killToHealthyMedianMs: Math.round(median(samples.kill)),
    rmToHealthyMedianMs: Math.round(median(samples.rm)),
    killToRunningMedianMs: Math.round(median(running.kill)),
    rmToRunningMedianMs: Math.round(median(running.rm)),
    ...(idleCpuMs !== undefined ? { idleSeconds: IDLE_S, idleCpuMs } : {}),
  }),
);
