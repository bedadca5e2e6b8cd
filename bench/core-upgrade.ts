/**
 * `npm run bench:core-upgrade`: steady, bounded load on loopback while LIGHT → SERIOUS runs:
 * HTTP through the edge (by subdomain) and TCP exchanges through a public TCP port of the project
 * address (the balancer's stream module), each over IPv4 and IPv6 (the edge on [::1], the port on
 * the project's IPv6 address). Prints requests sent and failed, the longest gap without
 * a success, and whether the project's logs and statistics from before the upgrade are still
 * readable after it (from the project log and the statistics store, not from the containers), and
 * whether the logger's archive moved with the logger into its own Serious container.
 * Last line: one JSON object.
 */
import { startBenchEngine } from './engine';
import { addPublicPort } from '@/lib/domain/public-ports';
import { upgradeCore } from '@/lib/domain/core-upgrade';
import { edgeName } from '@/lib/core/edge';
import { readArchive } from '@/lib/core/logger';
import { projects } from '@/lib/db/schema';
import { eq } from 'drizzle-orm';
import { queryStats, sampleOnce } from '@/lib/stats/sampler';
import { env } from '@/lib/env';
import { startLogCollector } from '@/lib/logs/collector';
import { readLogs } from '@/lib/domain/logs';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService } from '@/lib/domain/services';
import { labelAudit, waitProcess } from '@/lib/testing/engine';
import { httpGet, steadyLoad, tcpExchange } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';

const TCP_PORT = 15080;
const { db, engine, user, stop } = await startBenchEngine({ core: true });
const collector = startLogCollector(db, engine, 200);
const { project, process: pc } = await createProject(db, user.id, { name: `bench core ${Date.now().toString(36)}` });
await waitProcess(db, pc.id);
const { service, process: ps } = await addService(db, user.id, project.id, { hostname: 'app', type: 'nodejs@18', containerCount: 2, subdomainAccess: true });
await waitProcess(db, ps.id);
const { process: pp } = await addPublicPort(db, user.id, project.id, { serviceId: service.id, publicPort: TCP_PORT, internalPort: 3000 });
await waitProcess(db, pp.id);
const host = `app-${project.slug}.${env.BERTH_DOMAIN}`;
const address = project.address!;
const address6 = project.address6!;
await waitFor('route through the edge', async () => (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200, 30_000);
await waitFor('public TCP port', () => tcpExchange(TCP_PORT, address, host), 30_000);
await waitFor('route through the edge on [::1]', async () => (await httpGet(env.BERTH_HTTP_PORT, host, '::1')).status === 200, 30_000);
await waitFor('public TCP port on IPv6', () => tcpExchange(TCP_PORT, address6, host), 30_000);

// Before: a marker line in the project log and statistics samples of the service.
const marker = `/before-upgrade-${Date.now()}`;
const app = (await labelAudit(engine, project.id)).containers.find((n) => n.includes('-app-'))!;
const tLog = performance.now();
await fetch(`http://${(await engine.inspectContainer(app))!.ips[`berth-${project.id}`]}:3000${marker}`);
await waitFor('marker in the project log', async () => (await readLogs(db, user.id, project.id, { q: marker })).length > 0, 30_000, 20);
const logVisibleMs = Math.round(performance.now() - tLog);
const archived = async () => (await readArchive(engine, (await db.select().from(projects).where(eq(projects.id, project.id)))[0]!, 100_000)).some((l) => l.includes(marker));
await waitFor("marker in the logger's archive", archived, 30_000, 50);
const archiveVisibleMs = Math.round(performance.now() - tLog);
for (let i = 0; i < 3; i++) await sampleOnce(db, engine, new Date(Date.now() - (3 - i) * 1000));
const statsBefore = (await queryStats(db, { projectId: project.id, serviceId: service.id, sinceMs: 3_600_000 })).length;

// Baseline: the same load for a few seconds without an upgrade, so the gap during it can be read
// against what this machine shows anyway (a loaded 2-core host pauses clients too).
const httpAttempt = async () => (await httpGet(env.BERTH_HTTP_PORT, host)).status === 200;
const tcpAttempt = () => tcpExchange(TCP_PORT, address, host);
const http6Attempt = async () => (await httpGet(env.BERTH_HTTP_PORT, host, '::1')).status === 200;
const tcp6Attempt = () => tcpExchange(TCP_PORT, address6, host);
const baseHttp = steadyLoad(httpAttempt, { clients: 3, maxMs: 5_000, maxRequests: 100_000 });
const baseTcp = steadyLoad(tcpAttempt, { clients: 1, maxMs: 5_000, maxRequests: 100_000 });
await new Promise((r) => setTimeout(r, 5_000));
const baseline = { http: await baseHttp.stop(), tcp: await baseTcp.stop() };

const httpLoad = steadyLoad(httpAttempt, { clients: 3, maxMs: 120_000, maxRequests: 100_000 });
const tcpLoad = steadyLoad(tcpAttempt, { clients: 1, maxMs: 120_000, maxRequests: 100_000 });
const http6Load = steadyLoad(http6Attempt, { clients: 1, maxMs: 120_000, maxRequests: 100_000 });
const tcp6Load = steadyLoad(tcp6Attempt, { clients: 1, maxMs: 120_000, maxRequests: 100_000 });
const t = performance.now();
const { process } = await upgradeCore(db, user.id, project.id);
const done = await waitProcess(db, process.id);
const upgradeMs = Math.round(performance.now() - t);
await new Promise((r) => setTimeout(r, 500)); // keep the load on briefly after the old balancer is gone
const http = await httpLoad.stop();
const tcp = await tcpLoad.stop();
const http6 = await http6Load.stop();
const tcp6 = await tcp6Load.stop();

const logsKept = (await readLogs(db, user.id, project.id, { q: marker })).length === 1;
const archiveKept = await archived(); // now read from the Serious core's own logger container
const statsAfter = (await queryStats(db, { projectId: project.id, serviceId: service.id, sinceMs: 3_600_000 })).length;
const balancers = (await labelAudit(engine, project.id)).containers.filter((n) => n.includes('-core-')).map((n) => n.slice(n.indexOf('-core-') + 1));
collector.stop();
const { process: pd } = await deleteProject(db, user.id, project.id);
await waitProcess(db, pd.id);
await engine.removeContainer(edgeName(), 0); // the bench's own edge (its ports are the bench's)
await stop();
console.log(
  JSON.stringify({
    upgrade: done.status,
    upgradeMs,
    coreContainersAfter: balancers,
    http: { sent: http.sent, failed: http.failed, longestGapMs: http.maxGapMs },
    tcp: { sent: tcp.sent, failed: tcp.failed, longestGapMs: tcp.maxGapMs },
    ipv6: {
      http: { sent: http6.sent, failed: http6.failed, longestGapMs: http6.maxGapMs },
      tcp: { sent: tcp6.sent, failed: tcp6.failed, longestGapMs: tcp6.maxGapMs },
    },
    baselineWithoutUpgrade: {
      http: { sent: baseline.http.sent, failed: baseline.http.failed, longestGapMs: baseline.http.maxGapMs },
      tcp: { sent: baseline.tcp.sent, failed: baseline.tcp.failed, longestGapMs: baseline.tcp.maxGapMs },
    },
    logLineVisibleMs: logVisibleMs,
    logLineInArchiveMs: archiveVisibleMs,
    logsBeforeUpgradeKept: logsKept,
    loggerArchiveKept: archiveKept,
    statsBeforeUpgradeKept: statsBefore > 0 && statsAfter >= statsBefore,
    target: { failed: 0, longestGapMs: 100 },
  }),
);
