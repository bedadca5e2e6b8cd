import { health, plain, secret } from '../building-blocks';
import { officialOnly } from './official-only';

const NATIVE = 9000;
const HTTP = 8123;

/** ClickHouse from the upstream server image: CLICKHOUSE_USER/PASSWORD/DB create the user and the database. */
export const clickhouse = officialOnly({
  type: 'clickhouse',
  displayName: 'ClickHouse',
  category: 'database',
  versions: [{ version: '25.3', image: 'clickhouse/clickhouse-server:25.3', default: true }],
  ports: [
    { port: NATIVE, protocol: 'tcp', http: false, name: 'native' },
    { port: HTTP, protocol: 'tcp', http: true, name: 'http' },
    { port: 9004, protocol: 'tcp', http: false, name: 'mysql' },
    { port: 9005, protocol: 'tcp', http: false, name: 'postgresql' },
  ],
  dataPath: '/var/lib/clickhouse',
  resources: { cpu: 1, memoryMb: 1024 },
  generate(ctx) {
    const password = ctx.password();
    return {
      port: plain(NATIVE),
      portNative: plain(NATIVE),
      portHttp: plain(HTTP),
      portMysql: plain(9004),
      portPostgresql: plain(9005),
      user: plain('zerops'),
      password: secret(password),
      dbName: plain('db'),
      connectionString: secret(`clickhouse://zerops:${password}@${ctx.hostname}:${NATIVE}`),
    };
  },
  env: (g) => ({
    CLICKHOUSE_USER: g.user ?? 'zerops',
    CLICKHOUSE_PASSWORD: g.password ?? '',
    CLICKHOUSE_DB: g.dbName ?? 'db',
    CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT: '1',
  }),
  // /ping answers without credentials.
  healthCheck: health(['wget', '--no-verbose', '--tries=1', '--spider', `http://127.0.0.1:${HTTP}/ping`], 30_000),
});
