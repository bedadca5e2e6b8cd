/**
 * The control plane's resident memory as a user runs it: `npm start` (npm and the one Node process
 * it starts, summed over the whole process tree) on a fresh embedded database holding `projects`
 * projects whose cores run on the real engine, right after they are up and again after `idleMs`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { hashPassword } from '@/lib/auth/password';
import { openDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { L } from '@/lib/provisioner/labels';
import { createProject } from '@/lib/domain/projects';
import { waitFor } from '@/lib/testing/wait';

/** Resident set of `pid` and every process below it, in MB (from /proc). */
export function treeRssMb(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of parents) {
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

/** Whether any process is still in process group `pgid` (children outlive a parent that exits first). */
function groupAlive(pgid: number): boolean {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) return true;
    } catch {
      // ended meanwhile
    }
  }
  return false;
}

export async function idleMemory(opts: { projects: number; idleMs: number; port: number }) {
  const runId = `benchmem${Date.now().toString(36)}`;
  const dir = path.resolve('.test-data', runId);
  const handle = openDb({ pgliteDir: path.join(dir, 'pglite') });
  await handle.migrate();
  const [admin] = await handle.db.insert(users).values({ email: 'mem@berth.test', name: 'Mem', passwordHash: await hashPassword('bench-password-123'), role: 'admin' }).returning();
  for (let i = 0; i < opts.projects; i++) await createProject(handle.db, admin!.id, { name: `Idle ${i}` });
  await handle.close();

  const docker = new Docker();
  const ours = { label: [`${L.testRun}=${runId}`] };
  const server = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT: String(opts.port), BERTH_DATA_DIR: dir, BERTH_RUN_ID: runId, BERTH_TEST_PID: String(process.pid), BERTH_LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
    // Its own process group, so the whole tree (npm, node) is stopped at the end: a Berth left
    // running would heal its projects back after the cleanup.
    detached: true,
  });
  const stopTree = (signal: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, signal);
    } catch {
      // already gone
    }
  };
  const treeGone = () => !groupAlive(server.pid!);
  try {
    await waitFor('server', async () => (await fetch(`http://127.0.0.1:${opts.port}/api/health`).catch(() => undefined))?.ok, 120_000);
    // Up = every project's core balancer runs.
    await waitFor(
      'project cores',
      async () => (await docker.listContainers({ filters: { ...ours, label: [...ours.label, `${L.kind}=core`] } })).length >= opts.projects,
      300_000,
      1_000,
    );
    const afterStartMb = treeRssMb(server.pid!);
    await new Promise((r) => setTimeout(r, opts.idleMs));
    const afterIdleMb = treeRssMb(server.pid!);
    return { projects: opts.projects, idleMinutes: Math.round(opts.idleMs / 60_000), afterStartMb, afterIdleMb };
  } finally {
    stopTree('SIGTERM');
    await waitFor('server exit', async () => treeGone(), 30_000).catch(() => stopTree('SIGKILL'));
    await waitFor('server exit', async () => treeGone(), 10_000);
    for (const c of await docker.listContainers({ all: true, filters: ours })) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {});
    for (const n of await docker.listNetworks({ filters: ours })) await docker.getNetwork(n.Id).remove().catch(() => {});
    const { Volumes } = await docker.listVolumes({ filters: ours });
    for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
