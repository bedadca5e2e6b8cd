import { plain, secret } from '../building-blocks';
import { officialOnly, tcpProbe } from './official-only';

const PORT = 8108;

/** Typesense single node from the upstream image; every server flag is read from TYPESENSE_* variables. */
export const typesense = officialOnly({
  type: 'typesense',
  displayName: 'Typesense',
  category: 'search',
  versions: [
    { version: '30.2', image: 'typesense/typesense:30.2' },
    { version: '27.1', image: 'typesense/typesense:27.1', default: true },
  ],
  ports: [{ port: PORT, protocol: 'tcp', http: true, name: 'http' }],
  dataPath: '/data',
  resources: { cpu: 1, memoryMb: 512 },
  generate(ctx) {
    return { port: plain(PORT), apiKey: secret(ctx.password()), connectionString: plain(`http://${ctx.hostname}:${PORT}`) };
  },
  env: (g) => ({ TYPESENSE_API_KEY: g.apiKey ?? '', TYPESENSE_DATA_DIR: '/data', TYPESENSE_ENABLE_CORS: 'true' }),
  healthCheck: tcpProbe(PORT),
});
