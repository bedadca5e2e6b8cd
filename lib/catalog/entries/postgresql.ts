import { baseVars, health, plain, secret, versionImage } from '../building-blocks';
import type { CatalogEntry, ContainerTemplate } from '../types';

/**
 * 15 from Debian bookworm (the default set); 17 from trixie and 18 from sid, built locally the first
 * time they are used.
 */
const versions = [
  { version: '15', default: true, images: { local: 'berth/postgresql:15', official: 'postgres:15' } },
  { version: '17', images: { local: 'berth/postgresql:17', official: 'postgres:17' } },
  { version: '18', images: { local: 'berth/postgresql:18', official: 'postgres:18' } },
];
const DATA = '/var/lib/postgresql/data';

/** PostgreSQL; HA = 1 primary + 2 streaming replicas (replicas clone the primary with pg_basebackup). */
export const postgresql: CatalogEntry = {
  type: 'postgresql',
  displayName: 'PostgreSQL',
  category: 'database',
  managed: 'full',
  versions,
  ports: [{ port: 5432, protocol: 'tcp', http: false, name: 'postgresql' }],
  volumes: [{ name: 'data', mountPath: DATA }],
  resources: { cpu: 1, memoryMb: 512 },
  ha: { roles: [{ role: 'primary', count: 1 }, { role: 'replica', count: 2 }], available: true },
  scaling: { min: 1, max: 1 },
  generate(ctx) {
    const password = ctx.password();
    const user = ctx.hostname;
    const vars = {
      ...baseVars(ctx),
      port: plain(5432),
      user: plain(user),
      password: secret(password),
      dbName: plain('db'),
      superUser: plain(user),
      superUserPassword: secret(password),
      connectionString: secret(`postgresql://${user}:${password}@${ctx.hostname}:5432/db`),
    };
    if (ctx.mode === 'HA') {
      return {
        ...vars,
        portReplicas: plain(5432),
        connectionStringReplicas: secret(`postgresql://${user}:${password}@${ctx.hostname}-replicas:5432/db`),
      };
    }
    return vars;
  },
  containersFor(input) {
    const image = versionImage(versions, input.version, input.source);
    const env = {
      POSTGRES_USER: input.generated.user ?? input.hostname,
      POSTGRES_PASSWORD: input.generated.password ?? '',
      POSTGRES_DB: input.generated.dbName ?? 'db',
      // The official image keeps 18's data under /var/lib/postgresql/18/docker unless told otherwise.
      ...(input.version === '18' ? { PGDATA: DATA } : {}),
    };
    const probe = health(['pg_isready', '-h', '127.0.0.1', '-U', env.POSTGRES_USER, '-d', 'postgres']);
    const primary: ContainerTemplate = {
      role: 'primary',
      ordinal: 0,
      image,
      env,
      volumes: [{ name: 'data', mountPath: DATA }],
      healthCheck: probe,
      serviceAlias: true,
    };
    if (input.mode !== 'HA') return [{ ...primary, role: 'main' }];
    const primaryHost = `${input.hostname}-primary-0`;
    const replicas: ContainerTemplate[] = [0, 1].map((ordinal) => ({
      role: 'replica',
      ordinal,
      image,
      env: { ...env, BERTH_PG_ROLE: 'replica', BERTH_PG_PRIMARY: primaryHost },
      volumes: [{ name: 'data', mountPath: DATA }],
      healthCheck: health(['pg_isready', '-h', '127.0.0.1', '-U', env.POSTGRES_USER, '-d', 'postgres'], 120_000),
      aliases: [`${input.hostname}-replicas`],
      serviceAlias: false,
    }));
    return [primary, ...replicas];
  },
};
