import Docker from 'dockerode';

/**
 * Integration-test bootstrap: gives the run an id (every Docker object a test makes carries it as
 * `berth.test-run`) and removes what earlier, interrupted runs left behind. A run's objects are
 * removed only when the process that made them is gone, so concurrent runs leave each other alone.
 */
export default async function setup() {
  process.env.BERTH_RUN_ID ??= `t${Date.now().toString(36)}`;
  process.env.BERTH_TEST_PID = String(process.pid);
  await removeLeftovers(new Docker());
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
}
