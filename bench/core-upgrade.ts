/**
 * `npm run bench:core-upgrade`: steady, bounded load on loopback while LIGHT → SERIOUS runs:
 * HTTP through the edge (by subdomain) and raw TCP exchanges with the project address. Prints
 * requests sent and failed, the longest gap without a success, and whether the logs and
 * statistics from before the upgrade are still readable after it. Last line: one JSON object.
 */
import { startBenchEngine } from './engine';
import { count, eq } from 'drizzle-orm';
import { upgradeCore } from '@/lib/core';
import { statsSamples } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { createProject, deleteProject } from '@/lib/services/projects';
import { addService } from '@/lib/services/services';
import { sampleOnce } from '@/lib/stats/sampler';
import { labelAudit, waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad, tcpExchange } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';

const { db, runtime, user, stop } = await startBenchEngine({ core: true });
const { project, process: pc } = await createProject(db, user.id, { name: `bench core ${Date.now().toString(36)}` });
await waitProcess(db, pc.id);
const { process: ps } = await addService(db, user.id, project.id, { hostname: 'app', type: 'nodejs@18', containerCount: 2, subdomainAccess: true });
await waitProcess(db, ps.id);
const host = `app-${project.slug}.${env.BERTH_DOMAIN}`;
await waitFor('route through the edge', async () => (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200, 30_000);

// Before: a marker line in the logs and a few statistics samples.
const marker = `/before-upgrade-${Date.now()}`;
await httpGet(env.BERTH_CORE_HTTP_PORT, host, project.address!).catch(() => undefined);
const appContainers = (await labelAudit(runtime, project.id)).containers.filter((n) => n.includes('-app-'));
await fetch(`http://${(await runtime.inspectContainer(appContainers[0]!))!.ips[`berth-${project.id}`]}:3000${marker}`);
for (let i = 0; i < 3; i++) await sampleOnce(db, runtime);
const statsBefore = (await db.select({ n: count() }).from(statsSamples).where(eq(statsSamples.projectId, project.id)))[0]!.n;

const httpLoad = steadyLoad(async () => (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200, { clients: 3, maxMs: 120_000, maxRequests: 100_000 });
const tcpLoad = steadyLoad(() => tcpExchange(env.BERTH_CORE_HTTP_PORT, project.address!, host), { clients: 1, maxMs: 120_000, maxRequests: 100_000 });
const t = performance.now();
const { process } = await upgradeCore(db, user.id, project.id);
const done = await waitProcess(db, process.id);
const upgradeMs = Math.round(performance.now() - t);
await new Promise((r) => setTimeout(r, 500));
const http = await httpLoad.stop();
const tcp = await tcpLoad.stop();

const logsKept = (await runtime.logs(appContainers[0]!, { tail: 1_000_000 })).some((l) => l.line.includes(marker));
const statsAfter = (await db.select({ n: count() }).from(statsSamples).where(eq(statsSamples.projectId, project.id)))[0]!.n;
const { process: pd } = await deleteProject(db, user.id, project.id);
await waitProcess(db, pd.id);
await stop();
console.log(
  JSON.stringify({
    upgrade: done.status,
    upgradeMs,
    http: { sent: http.sent, failed: http.failed, longestGapMs: http.maxGapMs },
    tcp: { sent: tcp.sent, failed: tcp.failed, longestGapMs: tcp.maxGapMs },
    logsBeforeUpgradeKept: logsKept,
    statsBeforeUpgradeKept: statsAfter >= statsBefore && statsBefore > 0,
    target: { failed: 0, longestGapMs: 100 },
  }),
);
