import { baseVars, health, plain, secret, versionImage } from '../helpers';
import type { CatalogEntry, ContainerTemplate } from '../types';

const versions = [{ version: '7.0', default: true, images: { local: 'berth/redis:7.0', official: 'redis:7.0' } }];

/** Redis (Debian bookworm ships 7.0). HA = 1 primary + 2 replicas, each with a Sentinel beside it. */
export const redis: CatalogEntry = {
  type: 'redis',
  displayName: 'Redis',
  category: 'database',
  managed: 'full',
  versions,
  ports: [{ port: 6379, protocol: 'tcp', http: false, name: 'redis' }],
  volumes: [{ name: 'data', mountPath: '/data' }],
  resources: { cpu: 0.5, memoryMb: 256 },
  ha: { roles: [{ role: 'primary', count: 1 }, { role: 'replica', count: 2 }, { role: 'sentinel', count: 3 }], available: true },
  scaling: { min: 1, max: 1 },
  generate(ctx) {
    const password = ctx.password();
    const vars = {
      ...baseVars(ctx),
      port: plain(6379),
      password: secret(password),
      connectionString: secret(`redis://default:${password}@${ctx.hostname}:6379`),
    };
    if (ctx.mode !== 'HA') return vars;
    return {
      ...vars,
      sentinelPort: plain(26379),
      sentinelMaster: plain('primary'),
      sentinelHosts: plain([0, 1, 2].map((i) => `${ctx.hostname}-sentinel-${i}:26379`).join(',')),
    };
  },
  containersFor(input) {
    const image = versionImage(versions, input.version, input.source);
    const password = input.generated.password ?? '';
    const official = input.source === 'official';
    const probe = health(['redis-cli', '--no-auth-warning', '-a', password, 'ping'], 30_000, 1_000);
    const server = (role: string, ordinal: number, extraEnv: Record<string, string>): ContainerTemplate => ({
      role,
      ordinal,
      image,
      env: { REDIS_PASSWORD: password, ...extraEnv },
      cmd: official ? ['redis-server', '--requirepass', password, '--appendonly', 'yes'] : ['redis-server'],
      volumes: [{ name: 'data', mountPath: '/data' }],
      healthCheck: probe,
      serviceAlias: role === 'main' || role === 'primary',
    });
    if (input.mode !== 'HA') return [server('main', 0, {})];
    const primaryHost = `${input.hostname}-primary-0`;
    const nodes = [
      server('primary', 0, { BERTH_ANNOUNCE_HOST: primaryHost }),
      ...[0, 1].map((i) => server('replica', i, { BERTH_REDIS_PRIMARY: primaryHost, BERTH_ANNOUNCE_HOST: `${input.hostname}-replica-${i}` })),
    ];
    const sentinels: ContainerTemplate[] = [0, 1, 2].map((i) => ({
      role: 'sentinel',
      ordinal: i,
      image,
      env: {
        REDIS_PASSWORD: password,
        BERTH_REDIS_PRIMARY: primaryHost,
        BERTH_ANNOUNCE_HOST: `${input.hostname}-sentinel-${i}`,
        BERTH_SENTINEL_MASTER: 'primary',
      },
      cmd: ['sentinel'],
      volumes: [{ name: 'sentinel', mountPath: '/data' }],
      healthCheck: health(['redis-cli', '-p', '26379', 'ping'], 30_000, 1_000),
      serviceAlias: false,
    }));
    return [...nodes, ...sentinels];
  },
};
