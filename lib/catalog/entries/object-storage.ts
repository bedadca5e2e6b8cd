import { baseVars, health, plain, secret, single } from '../building-blocks';
import type { CatalogEntry, GenerateContext } from '../types';

const PORT = 9000;
const DATA = '/data';

/**
 * The official source runs the same server from rclone's own image (its entry point is rclone, so a
 * constant script makes the bucket and passes the key pair through the environment, never argv).
 */
const OFFICIAL_START = [
  'set -eu',
  'mkdir -p "/data/$S3_BUCKET"',
  'RCLONE_AUTH_KEY="\\"$S3_ACCESS_KEY_ID,$S3_SECRET_ACCESS_KEY\\"" exec rclone serve s3 /data --addr :9000',
].join('\n');

/** Lowercase letters and digits from the context's random source (bucket names and access key ids allow no more). */
function randomLower(ctx: GenerateContext, length: number): string {
  let out = '';
  while (out.length < length) out += ctx.password().toLowerCase().replace(/[^a-z0-9]/g, '');
  return out.slice(0, length);
}

/**
 * Object storage (Zerops' `object-storage`, alias `objectstorage`): an S3-compatible API from
 * `rclone serve s3` over a volume, one bucket per service named like Zerops' (a random prefix and the
 * hostname), with a generated key pair. Only the official source: Debian builds its rclone packages
 * without `serve s3`. Quotas and bucket policies are not enforced by this server.
 */
export const objectStorage: CatalogEntry = {
  type: 'object-storage',
  displayName: 'Object storage',
  category: 'storage',
  managed: 'full',
  versions: [{ version: '1', default: true, images: { official: 'rclone/rclone:1.71' } }],
  sourceNotes: { local: "Debian's rclone (1.60 in bookworm and trixie, 1.75 in sid) is built without `serve s3`" },
  ports: [{ port: PORT, protocol: 'tcp', http: true, name: 's3' }],
  volumes: [{ name: 'data', mountPath: DATA }],
  resources: { cpu: 0.5, memoryMb: 256 },
  ha: null,
  scaling: { min: 1, max: 1 },
  generate(ctx) {
    return {
      ...baseVars(ctx),
      apiUrl: plain(`http://${ctx.hostname}:${PORT}`),
      apiHost: plain(`${ctx.hostname}:${PORT}`),
      accessKeyId: plain(randomLower(ctx, 20)),
      secretAccessKey: secret(ctx.password()),
      bucketName: plain(`${randomLower(ctx, 7)}-${ctx.hostname}`.slice(0, 63)),
    };
  },
  containersFor(input) {
    const g = input.generated;
    return single(input, objectStorage.versions, {
      env: { S3_ACCESS_KEY_ID: g.accessKeyId ?? '', S3_SECRET_ACCESS_KEY: g.secretAccessKey ?? '', S3_BUCKET: g.bucketName ?? input.hostname },
      ...(input.source === 'official' ? { entrypoint: ['/bin/sh', '-c', OFFICIAL_START] } : {}),
      volumes: [{ name: 'data', mountPath: DATA }],
      // An unauthenticated request gets 403 and writes nothing to the log; a TCP connect is enough.
      healthCheck: health(['nc', '-z', '127.0.0.1', String(PORT)], 30_000),
    });
  },
};
