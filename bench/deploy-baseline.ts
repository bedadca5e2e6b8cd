/**
 * The baseline of `bench:deploy`: the same app built by a plain Dockerfile (`docker build`) on the
 * same base image and started with `docker run`, both through the Engine API, timed from the build
 * request to the first answer on a loopback port.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { packDir } from '@/lib/deploy/build/tools';
import { env } from '@/lib/env';
import { managedLabels } from '@/lib/provisioner/labels';
import { httpGet } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';

const docker = new Docker();
const CA = '/etc/berth/ca-certificates.crt';

/** The zerops.yml's build and run as a Dockerfile: prepare, npm i on the lockfile, the build step, start. */
function dockerfile(base: string): string {
  return [
    `FROM ${base}`,
    `COPY ca.crt ${CA}`,
    `ENV SSL_CERT_FILE=${CA} NODE_EXTRA_CA_CERTS=${CA} CURL_CA_BUNDLE=${CA} NPM_CONFIG_UPDATE_NOTIFIER=false`,
    'RUN curl -fsSL https://registry.npmjs.org/npm/-/npm-10.8.2.tgz | tar -xz -C /opt && ln -sf /opt/package/bin/npm-cli.js /usr/local/bin/npm',
    'WORKDIR /var/www',
    'COPY package.json package-lock.json ./',
    'RUN npm i --no-audit --no-fund',
    'COPY . .',
    'ARG GREETING',
    'RUN npm run build',
    'CMD ["node", "dist/server.js"]',
    '',
  ].join('\n');
}

/** A build context: the app's folder with the Dockerfile and the host CA bundle added. */
export async function baselineContext(appDir: string, base: string): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-bench-ctx-'));
  try {
    await fs.cp(appDir, dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'Dockerfile'), dockerfile(base));
    await fs.copyFile(env.BERTH_CA_BUNDLE, path.join(dir, 'ca.crt'));
    await fs.writeFile(path.join(dir, '.dockerignore'), 'node_modules\ndist\n');
    return await packDir(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function build(context: Buffer, tag: string, greeting: string, noCache: boolean): Promise<void> {
  const stream = await docker.buildImage(Readable.from([context]), { t: tag, nocache: noCache, buildargs: { GREETING: greeting }, labels: managedLabels({ 'berth.bench': 'deploy' }) });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
      const failed = err ?? out.find((o) => o.error);
      if (failed) reject(failed instanceof Error ? failed : new Error(failed.error));
      else resolve();
    });
  });
}

/**
 * `docker build` (cold: no layer cache) then `docker run` with port 3000 published on loopback;
 * returns the milliseconds until the app answered `greeting`. The container is removed after.
 */
export async function baselineRun(context: Buffer, tag: string, greeting: string, noCache: boolean): Promise<number> {
  const t0 = performance.now();
  await build(context, tag, greeting, noCache);
  const container = await docker.createContainer({
    Image: tag,
    name: `berth-bench-deploy-${env.BERTH_RUN_ID ?? 'local'}-${Date.now().toString(36)}`,
    Labels: managedLabels({ 'berth.bench': 'deploy' }),
    ExposedPorts: { '3000/tcp': {} },
    HostConfig: { PortBindings: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  try {
    await container.start();
    const info = await container.inspect();
    const port = Number(info.NetworkSettings.Ports['3000/tcp']?.[0]?.HostPort);
    await waitFor('the docker run app to answer', async () => {
      const r = await httpGet(port, 'localhost', '127.0.0.1', 2000).catch(() => ({ status: 0, body: '' }));
      return r.status === 200 && r.body.includes(greeting);
    }, 120_000, 50);
    return performance.now() - t0;
  } finally {
    await container.remove({ force: true });
  }
}

export async function removeBaselineImage(tag: string): Promise<void> {
  await docker.getImage(tag).remove({ force: true }).catch(() => {});
}
