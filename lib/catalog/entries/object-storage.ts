import { baseVars, health, plain, secret, single } from '../building-blocks';
import { bucketPolicy, BucketPolicyError, DEFAULT_OBJECT_STORAGE_GB, type ObjectStoragePolicy } from '../bucket-policy';
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
  for (let round = 0; out.length < length && round < 64; round++) out += ctx.password().toLowerCase().replace(/[^a-z0-9]/g, '');
  // A source with no letters or digits (a plan's placeholder password) still gets a name of the right length.
  return out.padEnd(length, 'x').slice(0, length);
}

/** The bucket's policy document; a custom one that no longer parses (checked when it was set) keeps the bucket private. */
function policyOrPrivate(policy: ObjectStoragePolicy, bucket: string, raw?: string): string {
  try {
    return bucketPolicy(policy, bucket, raw);
  } catch (err) {
    if (err instanceof BucketPolicyError) return '';
    throw err;
  }
}

/**
 * Object storage (Zerops' `object-storage`, alias `objectstorage`): an S3-compatible API, one bucket
 * per service named like Zerops' (a random prefix and the hostname), with a generated key pair.
 * The local image runs Ceph's RADOS Gateway from Debian sid on its SQLite store, behind a front that
 * enforces the quota (`quotaGBytes`) and applies the bucket policy. The official source runs
 * `rclone serve s3`, which enforces neither.
 */
export const objectStorage: CatalogEntry = {
  type: 'object-storage',
  displayName: 'Object storage',
  category: 'storage',
  managed: 'full',
  versions: [{ version: '1', default: true, images: { local: 'berth/object-storage:1', official: 'rclone/rclone:1.71' } }],
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
      quotaGBytes: plain(String(ctx.objectStorageSize ?? DEFAULT_OBJECT_STORAGE_GB)),
    };
  },
  containersFor(input) {
    const g = input.generated;
    const bucket = g.bucketName ?? input.hostname;
    const gb = Number(g.quotaGBytes ?? DEFAULT_OBJECT_STORAGE_GB);
    const policy = input.objectStorage?.policy ?? 'private';
    return single(input, objectStorage.versions, {
      env: {
        S3_ACCESS_KEY_ID: g.accessKeyId ?? '',
        S3_SECRET_ACCESS_KEY: g.secretAccessKey ?? '',
        S3_BUCKET: bucket,
        S3_QUOTA_BYTES: String(Math.round((Number.isFinite(gb) && gb > 0 ? gb : DEFAULT_OBJECT_STORAGE_GB) * 1024 ** 3)),
        S3_POLICY: policyOrPrivate(policy, bucket, input.objectStorage?.rawPolicy),
      },
      ...(input.source === 'official' ? { entrypoint: ['/bin/sh', '-c', OFFICIAL_START] } : {}),
      volumes: [{ name: 'data', mountPath: DATA }],
      // An unauthenticated request gets 403 and writes nothing to the log; a TCP connect is enough.
      healthCheck: health(['nc', '-z', '127.0.0.1', String(PORT)], 30_000),
    });
  },
};
