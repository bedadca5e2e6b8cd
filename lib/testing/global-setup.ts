import net from 'node:net';
import Docker from 'dockerode';
import { intWorkers } from './int-workers';

/**
 * Integration-test bootstrap: gives the run an id (every Docker object a test makes carries it as
 * `berth.test-run`) and removes what earlier, interrupted runs left behind. A run's objects are
 * removed only when the process that made them is gone, so concurrent runs leave each other alone.
 */
export default async function setup() {
  process.env.BERTH_RUN_ID ??= `t${Date.now().toString(36)}`;
  process.env.BERTH_TEST_PID = String(process.pid);
  // Runs of several developers (and e2e) share one engine and one loopback: each run gets its own
  // edge ports and project addresses, so no run's edge or balancers answer for another's.
  // Parallel workers (worker-env.ts) each take two of these ports and the next /24 of the pool.
  const workers = intWorkers();
  const ports = process.env.BERTH_HTTP_PORT
    ? Array.from({ length: workers }, (_, i) => [Number(process.env.BERTH_HTTP_PORT) + i * 2, Number(process.env.BERTH_HTTPS_PORT ?? Number(process.env.BERTH_HTTP_PORT) + 1) + i * 2]).flat()
    : await freePorts(20_000 + (process.pid % 4_000) * 2, workers * 2);
  process.env.BERTH_TEST_EDGE_PORTS = ports.join(',');
  process.env.BERTH_TEST_BASE_RUN_ID = process.env.BERTH_RUN_ID;
  process.env.BERTH_TEST_BASE_IP_POOL = process.env.BERTH_IP_POOL ?? `127.${100 + (process.pid % 100)}.${(Math.floor(process.pid / 100) * 8) % 256}.0/24`;
  // IPv6: a unique-local /64 per run (the next /64s for further workers), unless the run names its own.
  process.env.BERTH_TEST_BASE_IP6_POOL = process.env.BERTH_IP6_POOL ?? `fd42:be47:${(process.pid % 0x8000).toString(16)}::/64`;
  await removeLeftovers(new Docker());
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` ports from `start` up that nothing listens on now. */
async function freePorts(start: number, count: number): Promise<number[]> {
  const found: number[] = [];
  for (let port = start; found.length < count && port < 65_000; port++) if (await portFree(port)) found.push(port);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function removeLeftovers(docker: Docker) {
  const stale = (labels: Record<string, string> | undefined) => {
    const pid = Number(labels?.['berth.test-pid']);
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  };
  const filters = JSON.stringify({ label: ['berth.test-pid'] });
  for (const c of await docker.listContainers({ all: true, filters })) {
    if (stale(c.Labels)) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {});
  }
  for (const n of await docker.listNetworks({ filters })) {
    if (stale(n.Labels)) await docker.getNetwork(n.Id).remove().catch(() => {});
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    if (stale(v.Labels)) await docker.getVolume(v.Name).remove().catch(() => {});
  }
  // Images a deploy test committed (build caches, app versions).
  for (const i of await docker.listImages({ filters })) {
    if (stale(i.Labels)) await docker.getImage(i.Id).remove({ force: true }).catch(() => {});
  }
}
