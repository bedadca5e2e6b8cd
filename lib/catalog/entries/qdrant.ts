import { plain, secret } from '../building-blocks';
import { officialOnly, tcpProbe } from './official-only';

const HTTP = 6333;
const GRPC = 6334;

/** Qdrant from the upstream image (QDRANT__SERVICE__* set the keys); internal access only, like Zerops. */
export const qdrant = officialOnly({
  type: 'qdrant',
  displayName: 'Qdrant',
  category: 'database',
  versions: [
    { version: '1.12', image: 'qdrant/qdrant:v1.12.6', default: true },
    { version: '1.10', image: 'qdrant/qdrant:v1.10.1' },
  ],
  ports: [
    { port: HTTP, protocol: 'tcp', http: true, name: 'http' },
    { port: GRPC, protocol: 'tcp', http: false, name: 'grpc' },
  ],
  dataPath: '/qdrant/storage',
  resources: { cpu: 1, memoryMb: 512 },
  generate(ctx) {
    return {
      port: plain(HTTP),
      grpcPort: plain(GRPC),
      apiKey: secret(ctx.password()),
      readOnlyApiKey: secret(ctx.password()),
      connectionString: plain(`http://${ctx.hostname}:${HTTP}`),
      grpcConnectionString: plain(`http://${ctx.hostname}:${GRPC}`),
    };
  },
  env: (g) => ({ QDRANT__SERVICE__API_KEY: g.apiKey ?? '', QDRANT__SERVICE__READ_ONLY_API_KEY: g.readOnlyApiKey ?? '' }),
  // The image has neither curl nor wget.
  healthCheck: tcpProbe(HTTP),
});
