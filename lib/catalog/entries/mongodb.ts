import { health, plain, secret } from '../building-blocks';
import { officialOnly } from './official-only';

const PORT = 27017;

/** MongoDB from the upstream `mongo` image (MONGO_INITDB_* create the root user and the database). */
export const mongodb = officialOnly({
  type: 'mongodb',
  displayName: 'MongoDB',
  category: 'database',
  versions: [
    { version: '8.0', image: 'mongo:8.0', default: true },
    { version: '7.0', image: 'mongo:7.0' },
  ],
  ports: [{ port: PORT, protocol: 'tcp', http: false, name: 'mongodb' }],
  dataPath: '/data/db',
  resources: { cpu: 1, memoryMb: 512 },
  generate(ctx) {
    const password = ctx.password();
    return {
      port: plain(PORT),
      user: plain(ctx.hostname),
      password: secret(password),
      dbName: plain(ctx.hostname),
      connectionString: secret(`mongodb://${ctx.hostname}:${password}@${ctx.hostname}:${PORT}`),
    };
  },
  env: (g, input) => ({
    MONGO_INITDB_ROOT_USERNAME: g.user ?? input.hostname,
    MONGO_INITDB_ROOT_PASSWORD: g.password ?? '',
    MONGO_INITDB_DATABASE: g.dbName ?? input.hostname,
  }),
  // `ping` is allowed before authentication: no credentials in the probe.
  healthCheck: health(['mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"]),
});
