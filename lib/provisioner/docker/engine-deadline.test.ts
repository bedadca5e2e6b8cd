import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineExceeded } from '../deadline';
import { dockerEngine } from './docker-engine';

/** An "engine" that accepts connections and never answers: every call to it hangs. */
describe('engine calls have deadlines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-hung-'));
  const socketPath = path.join(dir, 'docker.sock');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const engine = () =>
    dockerEngine(new Docker({ socketPath }), { deadlines: { inspect: 150, list: 150, stop: 150, exec: 150, create: 150, events: 150 } });

  it.each([
    ['inspect', (rt: ReturnType<typeof engine>) => rt.inspectContainer('x')],
    ['list', (rt: ReturnType<typeof engine>) => rt.listContainers({ a: 'b' })],
    ['exec', (rt: ReturnType<typeof engine>) => rt.exec('x', ['true'])],
    ['events', (rt: ReturnType<typeof engine>) => rt.watchEvents(() => {}, () => {})],
  ])('%s fails by its deadline when the engine never answers', async (_kind, call) => {
    const t = Date.now();
    await expect(call(engine())).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it('a stop waits for its graceful stop time on top of the deadline', async () => {
    const t = Date.now();
    await expect(engine().stopContainer('x', 1)).rejects.toThrow(/did not answer "stop x" within 1\.2 s/);
    expect(Date.now() - t).toBeGreaterThanOrEqual(1_100);
  });
});
