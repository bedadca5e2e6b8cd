import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { readLogs } from '@/lib/domain/logs';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService, restartService } from '@/lib/domain/services';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, labelAudit, waitProcess } from '@/lib/testing/engine';
import { waitFor } from '@/lib/testing/wait';
import { collectOnce, startLogCollector } from './collector';
import { setLogForwarding } from '@/lib/domain/log-forwarding';

const engine = dockerEngine();

describe('project logs', () => {
  let tdb: TestDb;
  let worker: Worker;
  let collector: { stop(): void };
  let userId: string;
  let projectId: string;
  let serviceId: string;
  let container: string;

  beforeAll(async () => {
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    collector = startLogCollector(tdb.db, engine, 200);
    userId = (await createTestUser(tdb.db)).id;
    const { project } = await createProject(tdb.db, userId, { name: 'logs' });
    projectId = project.id;
    const { service, process } = await addService(tdb.db, userId, projectId, { hostname: 'app', type: 'nodejs@18' });
    serviceId = service.id;
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    container = (await labelAudit(engine, projectId)).containers[0]!;
  });
  afterAll(async () => {
    collector?.stop();
    const { process } = await deleteProject(tdb.db, userId, projectId);
    await waitProcess(tdb.db, process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it('a line a container prints reaches the project log, and outlives the container', async () => {
    const marker = `/marker-${Date.now()}`;
    const ip = (await engine.inspectContainer(container))!.ips[`berth-${projectId}`]!;
    const t0 = performance.now();
    await fetch(`http://${ip}:3000${marker}`);
    const found = await waitFor('the marker line in the project log', async () => {
      const lines = await readLogs(tdb.db, userId, projectId, { q: marker });
      return lines.length ? lines : undefined;
    }, 15_000, 20);
    console.log(`log line visible after ${Math.round(performance.now() - t0)} ms`);
    expect(found[0]).toMatchObject({ container, stream: 'stdout' });
    expect((await readLogs(tdb.db, userId, projectId, { serviceId, container, q: 'listening on :3000' })).length).toBeGreaterThan(0);

    const { process } = await restartService(tdb.db, userId, projectId, serviceId);
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const fresh = await engine.logs(container, { tail: 10_000 });
    expect(fresh.some((l) => l.line.includes(marker))).toBe(false); // the new container never printed it
    expect((await readLogs(tdb.db, userId, projectId, { q: marker })).length).toBe(1); // still in the project log
  });

  it('after a restart the collector continues where the stored lines end: nothing is inserted twice', async () => {
    collector.stop();
    const stored = async () => (await readLogs(tdb.db, userId, projectId, { container, limit: 5000 })).length;
    // Output already collected (the restart test printed plenty), and a fresh cursor, as after a server restart.
    const before = await stored();
    expect(before).toBeGreaterThan(0);
    expect(await collectOnce(tdb.db, engine, new Map())).toBe(0);
    expect(await stored()).toBe(before);
    collector = startLogCollector(tdb.db, engine, 200);
  });

  it('forwards new lines to a syslog endpoint the user gives (UDP, RFC 5424), resolved once when set', async () => {
    const received: string[] = [];
    const server = dgram.createSocket('udp4');
    server.on('message', (m) => received.push(m.toString()));
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', () => resolve()));
    const port = server.address().port;
    let lookups = 0;
    const lookup = async (host: string) => {
      lookups++;
      return host === 'logs.example.test' ? ['127.0.0.1'] : host === 'metadata.example.test' ? ['169.254.169.254'] : [];
    };
    try {
      // Addresses on this machine are refused to members; an admin may allow them.
      await expect(setLogForwarding(tdb.db, userId, projectId, { host: '127.0.0.1', port })).rejects.toThrow(/host: 127.0.0.1 is a loopback/);
      await expect(setLogForwarding(tdb.db, userId, projectId, { host: 'metadata.example.test', port }, lookup)).rejects.toThrow(/169.254.169.254 is a loopback, link-local/);
      await expect(setLogForwarding(tdb.db, userId, projectId, { host: 'logs.example.test', port, allowLocal: true }, lookup)).rejects.toThrow(/Only an admin/);
      await expect(setLogForwarding(tdb.db, userId, projectId, { host: 'not a host', port: 514 })).rejects.toThrow(/host/);
      await tdb.db.update(users).set({ role: 'admin' }).where(eq(users.id, userId));
      lookups = 0;
      await setLogForwarding(tdb.db, userId, projectId, { host: 'logs.example.test', port, allowLocal: true }, lookup);
      const ip = (await engine.inspectContainer(container))!.ips[`berth-${projectId}`]!;
      const markers = [0, 1, 2].map((i) => `/forwarded-${i}-${Date.now()}`);
      for (const marker of markers) await fetch(`http://${ip}:3000${marker}`);
      for (const marker of markers) {
        const line = await waitFor('the forwarded line', async () => received.find((m) => m.includes(marker)), 15_000, 50);
        expect(line).toMatch(new RegExp(`^<14>1 \\S+ \\S+ ${container} - - - .*${marker}`));
      }
      expect(lookups).toBe(1); // the name was resolved when set, never per line
    } finally {
      await setLogForwarding(tdb.db, userId, projectId, null);
      await tdb.db.update(users).set({ role: 'user' }).where(eq(users.id, userId));
      server.close();
    }
  });
});
