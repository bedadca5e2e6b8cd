import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import type { Engine } from '@/lib/provisioner/engine';
import { waitFor } from '@/lib/testing/wait';
import { nginxRunning, pushNginxConfig } from './push-config';

const engine = dockerEngine();
const config = (body: string) => `events {}\nhttp { server { listen 18199; return 200 "${body}"; } }\n`;

/** A bare balancer image with nginx, fed configs the way Berth feeds a project's balancers. */
describe('pushing an nginx config', () => {
  const name = `berth-push-config-${env.BERTH_RUN_ID ?? 'test'}-${Date.now().toString(36)}`;
  beforeAll(async () => {
    const c = await docker().createContainer({
      name,
      Image: 'berth/core:1',
      Labels: { 'berth.test-pid': String(process.pid), 'berth.test-run': env.BERTH_RUN_ID ?? '' },
    });
    await c.start();
  });
  afterAll(async () => {
    await docker().getContainer(name).remove({ force: true });
  });

  it('keeps the last good file when the reload fails, and the next push tries again', async () => {
    await pushNginxConfig(engine, name, config('one'));
    await waitFor('nginx running', () => nginxRunning(engine, name, '/run/nginx.pid'), 20_000);
    // The reload signal fails once (the master is gone, say): the new file must not stay in place as if it ran.
    let failed = false;
    const failing: Engine = {
      ...engine,
      exec: async (id, argv, opts) => {
        if (!failed && argv.includes('reload')) {
          failed = true;
          return { exitCode: 1, stdout: '', stderr: 'nginx: [error] kill failed' };
        }
        return engine.exec(id, argv, opts);
      },
    };
    await expect(pushNginxConfig(failing, name, config('two'))).rejects.toThrow(/reload failed/);
    expect((await engine.exec(name, ['cat', '/etc/berth/nginx.conf'])).stdout).toBe(config('one'));
    expect(await pushNginxConfig(engine, name, config('two'))).toBe(true);
    expect((await engine.exec(name, ['cat', '/etc/berth/nginx.conf'])).stdout).toBe(config('two'));
  });
});
