import { baseVars, health, plain, secret, single } from '../building-blocks';
import type { CatalogEntry } from '../types';

const versions = [
  { version: '3.10', default: true, images: { local: 'berth/rabbitmq:3.10', official: 'rabbitmq:3.10' } },
  { version: '4.0', images: { local: 'berth/rabbitmq:4.0', official: 'rabbitmq:4.0' } },
];

/** RabbitMQ: bookworm's 3.10 and trixie's 4.0 (built on first use). The documented HA topology (3 nodes) is not available yet. */
export const rabbitmq: CatalogEntry = {
  type: 'rabbitmq',
  displayName: 'RabbitMQ',
  category: 'broker',
  managed: 'full',
  versions,
  ports: [{ port: 5672, protocol: 'tcp', http: false, name: 'amqp' }],
  volumes: [{ name: 'data', mountPath: '/var/lib/rabbitmq' }],
  resources: { cpu: 1, memoryMb: 512 },
  ha: { roles: [{ role: 'node', count: 3 }], available: false },
  scaling: { min: 1, max: 1 },
  generate(ctx) {
    const password = ctx.password();
    return {
      ...baseVars(ctx),
      port: plain(5672),
      user: plain(ctx.hostname),
      password: secret(password),
      connectionString: secret(`amqp://${ctx.hostname}:${password}@${ctx.hostname}:5672`),
    };
  },
  containersFor(input) {
    return single(input, versions, {
      env: { RABBITMQ_DEFAULT_USER: input.generated.user ?? input.hostname, RABBITMQ_DEFAULT_PASS: input.generated.password ?? '' },
      volumes: [{ name: 'data', mountPath: '/var/lib/rabbitmq' }],
      // RabbitMQ opens its AMQP listener only after boot (default user included). bash's /dev/tcp works in
      // the official image too, which has no nc, and costs far less than an Erlang rabbitmq-diagnostics run.
      healthCheck: health(['bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/5672'], 120_000),
    });
  },
};
