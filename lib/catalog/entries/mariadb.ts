import { baseVars, health, plain, secret, single } from '../building-blocks';
import { MARIADB_BOTH_FAMILIES } from '../both-families';
import type { CatalogEntry } from '../types';

/** 10.11 from Debian bookworm (the default set); 11.8 from trixie, built locally the first time it is used. */
const versions = [
  { version: '10.11', default: true, images: { local: 'berth/mariadb:10.11', official: 'mariadb:10.11' } },
  { version: '11.8', images: { local: 'berth/mariadb:11.8', official: 'mariadb:11.8' } },
];

/**
 * Both images keep a usage-only `healthcheck` user with its credentials in this file (the official
 * image's own convention), so the probe authenticates: no password in argv, no "Access denied" line
 * in the service's log every interval.
 */
export const HEALTH_CNF = '/var/lib/mysql/.my-healthcheck.cnf';

/** MariaDB. The documented HA topology (3 nodes + 2 MaxScale proxies) is not available yet. */
export const mariadb: CatalogEntry = {
  type: 'mariadb',
  displayName: 'MariaDB',
  category: 'database',
  managed: 'full',
  versions,
  ports: [{ port: 3306, protocol: 'tcp', http: false, name: 'mysql' }],
  volumes: [{ name: 'data', mountPath: '/var/lib/mysql' }],
  resources: { cpu: 1, memoryMb: 512 },
  ha: { roles: [{ role: 'node', count: 3 }, { role: 'proxy', count: 2 }], available: false },
  scaling: { min: 1, max: 1 },
  generate(ctx) {
    const password = ctx.password();
    const user = ctx.hostname;
    return {
      ...baseVars(ctx),
      port: plain(3306),
      user: plain(user),
      password: secret(password),
      dbName: plain(ctx.hostname),
      rootPassword: secret(ctx.password()),
      connectionString: secret(`mysql://${user}:${password}@${ctx.hostname}:3306/${ctx.hostname}`),
    };
  },
  containersFor(input) {
    const g = input.generated;
    return single(input, versions, {
      env: {
        MARIADB_ROOT_PASSWORD: g.rootPassword ?? '',
        MARIADB_DATABASE: g.dbName ?? input.hostname,
        MARIADB_USER: g.user ?? input.hostname,
        MARIADB_PASSWORD: g.password ?? '',
      },
      // The official image binds every address of both families by default.
      ...(input.ipv6 && input.source === 'local' ? { cmd: MARIADB_BOTH_FAMILIES } : {}),
      volumes: [{ name: 'data', mountPath: '/var/lib/mysql' }],
      healthCheck: health(
        input.source === 'official'
          ? ['healthcheck.sh', '--connect', '--innodb_initialized']
          : ['mariadb-admin', `--defaults-extra-file=${HEALTH_CNF}`, 'ping', '--silent'],
      ),
    });
  },
};
