import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { L, containerName } from '@/lib/provisioner/labels';
import { deployArchive, getVersionWithLog } from '@/lib/domain/deploys';
import { waitProcess } from '@/lib/testing/engine';
import { steadyLoad } from '@/lib/testing/load';
import { tarGz } from './testing/fixtures';
import { answers, deployProject, engine, versionRow } from './testing/harness';
import { tinyApp } from './testing/tiny-app';

/** When each container of the service was first and last seen running, sampled from the engine. */
function sampleContainers(projectId: string, serviceId: string) {
  const seen = new Map<string, { first: number; last: number }>();
  let most = 0;
  let stopped = false;
  const loop = (async () => {
    const until = Date.now() + 300_000;
    while (!stopped && Date.now() < until) {
      const list = (await engine.listContainers({ [L.project]: projectId, [L.service]: serviceId })).filter((c) => c.state === 'running');
      const now = performance.now();
      most = Math.max(most, list.length);
      for (const c of list) {
        const local = c.labels[L.container] ?? c.name;
        const s = seen.get(local);
        if (s) s.last = now;
        else seen.set(local, { first: now, last: now });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { seen, most };
    },
  };
}

describe('a scaled service (2 containers) rolls one container at a time', () => {
  let t: Awaited<ReturnType<typeof deployProject>>;
  let appId: string;

  const deploy = async (content: string) => {
    const archive = await tarGz(await tinyApp(content, { startDelayMs: 3_000, readiness: true }));
    const { version, process } = await deployArchive(t.db, t.userId, t.project.id, appId, archive);
    const done = await waitProcess(t.db, process.id, 300_000).catch((e: Error) => ({ error: e.message, status: 'TIMEOUT' }));
    const { log } = await getVersionWithLog(t.db, t.userId, t.project.id, appId, version.id);
    return { version, done, log: log.map((l) => l.message) };
  };

  beforeAll(async () => {
    t = await deployProject('deploy rolling');
    appId = (await t.add('app', 'nodejs@18', { containerCount: 2 })).id;
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  }, 120_000);

  it('under steady load: each new container is ready before an old one goes, 0 failed requests', async () => {
    const first = await deploy('version one');
    expect(first.done.error ?? 'ok', first.log.join('\n').slice(-2500)).toBe('ok');
    await answers(t.get, 'app', /version one/);

    const load = steadyLoad(async () => (await t.get('app')).status === 200, { clients: 4, maxMs: 240_000, maxRequests: 200_000 });
    const sampler = sampleContainers(t.project.id, appId);
    const second = await deploy('version two');
    const { seen, most } = await sampler.stop();
    const stats = await load.stop();
    expect(second.done.error ?? 'ok', second.log.join('\n').slice(-2500)).toBe('ok');
    expect(await versionRow(t.db, second.version.id)).toMatchObject({ status: 'ACTIVE', rolling: null });
    await answers(t.get, 'app', /version two/);
    expect(stats.sent).toBeGreaterThan(50);
    expect(stats.failed, JSON.stringify(stats)).toBe(0);
    // The balancer retries another upstream on a 503, so the app itself tells whether traffic came before it was ready.
    for (const i of [0, 1]) {
      const logs = await engine.logs(containerName(t.project.id, `app-v${second.version.sequence}-${i}`), { tail: 200 });
      expect(logs.map((l) => l.line).filter((l) => l.includes('early request')), `app-v${second.version.sequence}-${i}`).toEqual([]);
    }

    // The rollout's own account, in order: start, ready, old removed; then the next container.
    const at = (text: string) => {
      const i = second.log.findIndex((l) => l.includes(text));
      expect(i, `log line "${text}" in:\n${second.log.join('\n')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      at('new container 1 of 2: starting'),
      at('new container 1 of 2 ready and taking traffic'),
      at('old container 1 of 2 removed'),
      at('new container 2 of 2: starting'),
      at('new container 2 of 2 ready and taking traffic'),
      at('old container 2 of 2 removed'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));

    // What the engine ran: never more than one extra container; each old container outlives its
    // successor's start (by the 3 s the app answers 503), and the second new one starts after the first old one went.
    const v1 = first.version.sequence;
    const v2 = second.version.sequence;
    const span = (local: string) => {
      const s = seen.get(local);
      expect(s, `${local} seen (saw ${[...seen.keys()].join(', ')})`).toBeDefined();
      return s!;
    };
    expect(most).toBeLessThanOrEqual(3);
    expect(span(`app-v${v1}-0`).last).toBeGreaterThan(span(`app-v${v2}-0`).first + 2_000);
    expect(span(`app-v${v2}-1`).first).toBeGreaterThan(span(`app-v${v1}-0`).last);
    expect(span(`app-v${v1}-1`).last).toBeGreaterThan(span(`app-v${v2}-1`).first + 2_000);
  }, 600_000);
});
