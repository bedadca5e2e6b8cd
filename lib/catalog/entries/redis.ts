import { baseVars, health, plain, secret, versionImage } from '../building-blocks';
import { REDIS_BIND_BOTH } from '../both-families';
import type { CatalogEntry, ContainerTemplate, ContainersForInput, GenerateContext, GeneratedVar, VersionDef } from '../types';

const PORT = 6379;
const SENTINEL_PORT = 26379;

/**
 * Official images have no Berth entry point: a Sentinel there writes its config from the same env the
 * local image reads. A constant script (argv, never assembled from input); $0 is the sentinel binary.
 */
const OFFICIAL_SENTINEL = [
  'set -eu',
  'conf=/data/sentinel.conf',
  'if [ ! -s "$conf" ]; then',
  '  m="$BERTH_SENTINEL_MASTER"',
  '  printf "%s\\n" "port 26379" "sentinel resolve-hostnames yes" "sentinel announce-hostnames yes" \\',
  '    "sentinel announce-ip $BERTH_ANNOUNCE_HOST" "sentinel monitor $m $BERTH_REDIS_PRIMARY 6379 2" \\',
  '    "sentinel auth-pass $m $REDIS_PASSWORD" "sentinel down-after-milliseconds $m 3000" "sentinel failover-timeout $m 10000" > "$conf"',
  'fi',
  'exec "$0" "$conf"',
].join('\n');

function generate(ctx: GenerateContext): Record<string, GeneratedVar> {
  const password = ctx.password();
  const vars = {
    ...baseVars(ctx),
    port: plain(PORT),
    password: secret(password),
    connectionString: secret(`redis://default:${password}@${ctx.hostname}:${PORT}`),
  };
  if (ctx.mode !== 'HA') return vars;
  return {
    ...vars,
    portReplicas: plain(PORT),
    connectionStringReplicas: secret(`redis://default:${password}@${ctx.hostname}-replicas:${PORT}`),
    sentinelPort: plain(SENTINEL_PORT),
    sentinelMaster: plain('primary'),
    sentinelHosts: plain([0, 1, 2].map((i) => `${ctx.hostname}-sentinel-${i}:${SENTINEL_PORT}`).join(',')),
  };
}

/**
 * Redis-protocol servers. HA = 1 primary + 2 replicas, plus 3 Sentinels that promote a replica when the
 * primary is gone. The local image reads REDIS_PASSWORD; the official images have no such variable, so
 * their command writes it from the environment into a config file the server reads: the password is
 * never on a command line (`docker inspect`, `ps`). redis-cli reads REDISCLI_AUTH, which keeps it out
 * of the health check's argv.
 */
const OFFICIAL_SERVER = String.raw`umask 077; p=$(printf %s "$REDIS_PASSWORD" | sed 's/[\\"]/\\&/g'); printf 'requirepass "%s"\nmasterauth "%s"\n' "$p" "$p" > /tmp/berth-auth.conf; exec "$0" /tmp/berth-auth.conf "$@"`;
function containersFor(versions: VersionDef[], server: string, sentinelBin: string) {
  return (input: ContainersForInput): ContainerTemplate[] => {
    const image = versionImage(versions, input.version, input.source);
    const password = input.generated.password ?? '';
    const official = input.source === 'official';
    const probe = health(['redis-cli', 'ping'], 30_000);
    const node = (role: string, ordinal: number, extraEnv: Record<string, string>, extraCmd: string[], aliases?: string[]): ContainerTemplate => ({
      role,
      ordinal,
      image,
      env: { REDIS_PASSWORD: password, REDISCLI_AUTH: password, ...extraEnv },
      // Without a bind setting (the official images) the server listens on both families already.
      cmd: official ? ['sh', '-c', OFFICIAL_SERVER, server, '--appendonly', 'yes', ...extraCmd] : ['redis-server', ...(input.ipv6 ? REDIS_BIND_BOTH : [])],
      volumes: [{ name: 'data', mountPath: '/data' }],
      healthCheck: probe,
      aliases,
      serviceAlias: role === 'main' || role === 'primary',
    });
    if (input.mode !== 'HA') return [node('main', 0, {}, [])];
    const primaryHost = `${input.hostname}-primary-0`;
    const nodes = [
      node('primary', 0, { BERTH_ANNOUNCE_HOST: primaryHost }, ['--replica-announce-ip', primaryHost]),
      ...[0, 1].map((i) => {
        const self = `${input.hostname}-replica-${i}`;
        return node(
          'replica',
          i,
          { BERTH_REDIS_PRIMARY: primaryHost, BERTH_ANNOUNCE_HOST: self },
          ['--replica-announce-ip', self, '--replicaof', primaryHost, String(PORT)],
          [`${input.hostname}-replicas`],
        );
      }),
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
      cmd: official ? ['sh', '-c', OFFICIAL_SENTINEL, sentinelBin] : ['sentinel'],
      volumes: [{ name: 'sentinel', mountPath: '/data' }],
      healthCheck: health(['redis-cli', '-p', String(SENTINEL_PORT), 'ping'], 30_000),
      serviceAlias: false,
    }));
    return [...nodes, ...sentinels];
  };
}

const roles = [
  { role: 'primary', count: 1 },
  { role: 'replica', count: 2 },
  { role: 'sentinel', count: 3 },
];

/** The Redis-protocol store entry: Redis and Valkey differ in name, versions and binaries only. */
function redisProtocolStore(def: Pick<CatalogEntry, 'type' | 'displayName' | 'versions' | 'sourceNotes'> & { server: string; sentinel: string }): CatalogEntry {
  return {
    type: def.type,
    displayName: def.displayName,
    category: 'database',
    managed: 'full',
    versions: def.versions,
    ...(def.sourceNotes ? { sourceNotes: def.sourceNotes } : {}),
    ports: [{ port: PORT, protocol: 'tcp', http: false, name: 'redis' }],
    volumes: [{ name: 'data', mountPath: '/data' }],
    resources: { cpu: 0.5, memoryMb: 256 },
    ha: { roles, available: true },
    scaling: { min: 1, max: 1 },
    generate,
    containersFor: containersFor(def.versions, def.server, def.sentinel),
  };
}

/** Redis (Debian bookworm ships 7.0, the version that actually runs in the local image). */
export const redis = redisProtocolStore({
  type: 'redis',
  displayName: 'Redis',
  versions: [{ version: '7.0', default: true, images: { local: 'berth/redis:7.0', official: 'redis:7.0' } }],
  server: 'redis-server',
  sentinel: 'redis-sentinel',
});

/**
 * Valkey, Zerops' name for its Redis-compatible store (`valkey@7.2` in import files). 8.1 is Debian
 * trixie's (built on first use; the image links the redis-* command names to valkey-*); 7.2 exists only
 * as the official image, so an import asking the local source for it is offered 8.1 instead.
 */
export const valkey = redisProtocolStore({
  type: 'valkey',
  displayName: 'Valkey',
  versions: [
    { version: '8.1', default: true, images: { local: 'berth/valkey:8.1', official: 'valkey/valkey:8.1' } },
    { version: '7.2', images: { official: 'valkey/valkey:7.2' } },
  ],
  sourceNotes: { local: 'no Debian suite ships Valkey 7.2; valkey@8.1 (Debian trixie) is the nearest' },
  server: 'valkey-server',
  sentinel: 'valkey-sentinel',
});
