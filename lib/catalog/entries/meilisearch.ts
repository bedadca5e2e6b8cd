import { health, plain, secret } from '../building-blocks';
import { officialOnly } from './official-only';

const PORT = 7700;

/** Meilisearch from the upstream image (MEILI_MASTER_KEY, production mode, data under /meili_data). No HA mode. */
export const meilisearch = officialOnly({
  type: 'meilisearch',
  displayName: 'Meilisearch',
  category: 'search',
  versions: [
    { version: '1.20', image: 'getmeili/meilisearch:v1.20', default: true },
    { version: '1.10', image: 'getmeili/meilisearch:v1.10' },
  ],
  ports: [{ port: PORT, protocol: 'tcp', http: true, name: 'http' }],
  dataPath: '/meili_data',
  resources: { cpu: 1, memoryMb: 512 },
  generate(ctx) {
    return {
      port: plain(PORT),
      masterKey: secret(ctx.password()),
      environment: plain('production'),
      connectionString: plain(`http://${ctx.hostname}:${PORT}`),
    };
  },
  env: (g) => ({ MEILI_MASTER_KEY: g.masterKey ?? '', MEILI_ENV: g.environment ?? 'production', MEILI_NO_ANALYTICS: 'true' }),
  // /health needs no key; the image is Alpine-based, so busybox wget.
  healthCheck: health(['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${PORT}/health`], 30_000),
});
