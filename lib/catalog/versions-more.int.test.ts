import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTypeImage } from '@/lib/images/definitions';
import { ensureLocalImage } from '@/lib/images/on-demand';
import { docker } from '@/lib/provisioner/docker/connection';
import { imageFor, resolveTypeVersion } from '../catalog';
import { amqpScript, NATS_SCRIPT } from './testing/clients';
import { randomPassword } from '@/lib/crypto/secrets';
import { createStack, type AddOptions, type CatalogStack, type StackService } from './testing/stack';

/**
 * More versions and types built on demand: PostgreSQL 18 (sid), RabbitMQ 4.0, NATS 2.10, PHP 8.4 and
 * Debian 13 (trixie), Node.js 24, Bun 1 and Deno 2 (the official binaries from registry packages), and
 * php-apache. Each is created, gets healthy, answers a real client from a Debian 13 container, stops
 * with exit code 0 and keeps its data across a replaced container.
 */
const TYPES: [hostname: string, typeVersion: string, opts?: AddOptions][] = [
  ['client', 'debian@13'],
  ['pg18', 'postgresql@18'],
  ['mq4', 'rabbitmq@4.0'],
  // A password that starts with a digit (the server would read an unquoted one as a number).
  ['nats', 'nats@2.10', { password: () => `9${randomPassword()}` }],
  ['node24', 'nodejs@24'],
  ['bun', 'bun@1'],
  ['deno', 'deno@2'],
  ['apache82', 'php-apache@8.2'],
  ['apache84', 'php-apache@8.4'],
  ['fpm84', 'php-nginx@8.4'],
];

describe('more catalog versions and types on the real engine (local images built on demand)', () => {
  let stack: CatalogStack;
  const s: Record<string, StackService> = {};
  const run = (argv: string[], env?: Record<string, string>) => stack.exec(s.client!.at('runtime-0'), argv, env);

  beforeAll(async () => {
    for (const [, typeVersion] of TYPES) {
      const { entry, version } = resolveTypeVersion(typeVersion);
      const ref = imageFor(entry, version, 'local');
      expect(findTypeImage(ref)?.onDemand, ref).toBe(true);
      await ensureLocalImage(ref, () => {});
    }
    stack = await createStack();
    for (const [hostname, typeVersion, opts] of TYPES) s[hostname] = await stack.add(hostname, typeVersion, opts);
    await stack.waitHealthy(Object.values(s).flatMap((svc) => svc.containers), 240_000);
  }, 1_500_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  it('Debian 13 is trixie', async () => {
    expect((await run(['cat', '/etc/debian_version'])).stdout.trim()).toMatch(/^13\./);
  });

  it('PostgreSQL 18: psql reaches it with the generated connectionString and the server says 18', async () => {
    const url = s.pg18!.vars.connectionString!;
    const r = await run(['psql', url, '-v', 'ON_ERROR_STOP=1', '-qtAc', "create table notes (t text); insert into notes values ('eighteen'); show server_version"]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^18\./);
  });

  it('RabbitMQ 4.0: an AMQP round trip with the generated user; a wrong password is refused', async () => {
    const mq = s.mq4!.vars;
    expect((await run(['python3', '-c', amqpScript('mq4', 'put'), mq.user!, mq.password!, 'four'])).stdout.trim()).toBe('sent');
    expect((await run(['python3', '-c', amqpScript('mq4', 'get'), mq.user!, mq.password!])).stdout.trim()).toBe('four');
    expect((await run(['python3', '-c', amqpScript('mq4', 'get'), mq.user!, 'wrong'])).stderr).toMatch(/ACCESS_REFUSED|AccessRefused/);
  });

  it('NATS 2.10: publish and receive as the generated user, JetStream on; a wrong password gets an authorization error', async () => {
    const n = s.nats!.vars;
    expect(n.user).toBe('zerops');
    expect(n.password).toHaveLength(16);
    expect(n.password).toMatch(/^9/);
    expect(n.connectionString).toBe(`nats://zerops:${n.password}@nats:4222`);
    expect((await run(['python3', '-c', NATS_SCRIPT, 'nats', 'zerops', n.password!, 'hello nats'])).stdout.trim()).toBe('jetstream=True got=hello nats');
    const wrong = await run(['python3', '-c', NATS_SCRIPT, 'nats', 'zerops', 'wrong', 'x']);
    expect(wrong.stdout).toMatch(/-ERR 'Authorization Violation'/);
    // The password is referenced from the environment, not written into the command line.
    const argv = await stack.exec(s.nats!.at('main-0'), ['sh', '-c', 'cat /proc/1/cmdline | tr "\\0" " "']);
    expect(argv.stdout).not.toContain(n.password!);
  });

  it.each([
    ['node24', 3000, ['node', '--version'], /^v24\./, /Node\.js v24\./],
    ['bun', 3000, ['bun', '--version'], /^1\./, /Bun 1\./],
    ['deno', 8000, ['deno', '--version'], /^deno 2\./, /Deno 2\./],
    ['apache82', 80, ['php', '-r', 'echo PHP_VERSION;'], /^8\.2\./, /PHP 8\.2\.\d+ with Apache/],
    ['apache84', 80, ['php', '-r', 'echo PHP_VERSION;'], /^8\.4\./, /PHP 8\.4\.\d+ with Apache/],
    ['fpm84', 80, ['php', '-r', 'echo PHP_VERSION;'], /^8\.4\./, /PHP 8\.4\.\d+ with nginx/],
  ] as const)('runtime %s serves its placeholder on :%i and runs the version it names', async (host, port, argv, version, page) => {
    const r = await run(['curl', '-fsS', `http://${host}:${port}/`]);
    expect(r.stdout).toContain(`${host} is running on Berth`);
    expect(r.stdout).toMatch(page);
    expect((await stack.exec(s[host]!.at('runtime-0'), [...argv])).stdout.trim()).toMatch(version);
  });

  it('images are lean: only the type packages (or the one binary) on its minbase', async () => {
    const mb = async (ref: string) => Math.round(((await docker().getImage(ref).inspect()).Size ?? 0) / 1e6);
    expect(await mb('berth/postgresql:18')).toBeLessThanOrEqual(350);
    expect(await mb('berth/debian:13')).toBeLessThanOrEqual(350);
    expect(await mb('berth/nats:2.10')).toBeLessThanOrEqual(150);
    for (const ref of ['berth/bun:1', 'berth/deno:2', 'berth/nodejs:24']) expect(await mb(ref), ref).toBeLessThanOrEqual(280);
  });

  describe('a stop exits 0 and the data survives a replaced container on the same volume', () => {
    const replace = async (svc: StackService, role = 'main-0') => {
      const c = svc.at(role);
      expect(await stack.recreate(c, svc.hostname), `${svc.hostname} exit code`).toBe(0);
      await stack.waitHealthy([c], 180_000);
    };

    it('PostgreSQL 18', async () => {
      await replace(s.pg18!);
      expect((await run(['psql', s.pg18!.vars.connectionString!, '-qtAc', 'select t from notes'])).stdout.trim()).toBe('eighteen');
    });

    it('RabbitMQ 4.0 (a persistent message on a durable queue)', async () => {
      const mq = s.mq4!.vars;
      expect((await run(['python3', '-c', amqpScript('mq4', 'put'), mq.user!, mq.password!, 'kept'])).stdout.trim()).toBe('sent');
      await replace(s.mq4!);
      expect((await run(['python3', '-c', amqpScript('mq4', 'get'), mq.user!, mq.password!])).stdout.trim()).toBe('kept');
    });

    it('NATS 2.10', async () => {
      await replace(s.nats!);
      expect((await run(['python3', '-c', NATS_SCRIPT, 'nats', 'zerops', s.nats!.vars.password!, 'again'])).stdout.trim()).toBe('jetstream=True got=again');
    });

    it.each(['node24', 'bun', 'deno', 'apache84', 'fpm84'])('runtime %s', async (host) => {
      await replace(s[host]!, 'runtime-0');
      expect((await run(['curl', '-fsS', `http://${host}:${s[host]!.vars.port}/`])).stdout).toContain(`${host} is running on Berth`);
    });
  });
});
