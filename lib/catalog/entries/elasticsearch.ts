import { health, plain, secret } from '../building-blocks';
import { officialOnly } from './official-only';

const PORT = 9200;

/**
 * Elasticsearch single node from the upstream image: security on with the `elastic` user's password
 * from ELASTIC_PASSWORD, HTTP without TLS inside the project network (the core terminates TLS).
 */
export const elasticsearch = officialOnly({
  type: 'elasticsearch',
  displayName: 'Elasticsearch',
  category: 'search',
  versions: [
    { version: '9.2', image: 'elasticsearch:9.2.0', default: true },
    { version: '8.16', image: 'elasticsearch:8.16.1' },
  ],
  ports: [{ port: PORT, protocol: 'tcp', http: true, name: 'http' }],
  dataPath: '/usr/share/elasticsearch/data',
  resources: { cpu: 1, memoryMb: 2048 },
  generate(ctx) {
    const password = ctx.password();
    return {
      port: plain(PORT),
      user: plain('elastic'),
      password: secret(password),
      connectionString: secret(`http://elastic:${password}@${ctx.hostname}:${PORT}`),
    };
  },
  env: (g) => ({
    'discovery.type': 'single-node',
    ELASTIC_PASSWORD: g.password ?? '',
    'xpack.security.http.ssl.enabled': 'false',
    ES_JAVA_OPTS: '-Xms512m -Xmx512m',
  }),
  // Up when it answers at all: 401 without credentials is an answer, so no password in the probe.
  healthCheck: health(['sh', '-c', `curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:${PORT}/ | grep -qE '^(200|401)$'`], 90_000),
});
