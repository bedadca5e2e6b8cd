import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalImage } from '@/lib/images/on-demand';
import { docker } from '@/lib/provisioner/docker/connection';
import { createStack, type CatalogStack, type StackService } from './testing/stack';

/**
 * Object storage from the local image (Debian sid's `rclone serve s3`, built on first use): a real S3
 * client (@aws-sdk/client-s3) on the host puts, lists, gets and deletes an object in the service's bucket
 * with the generated key pair, over the test network's bridge; a wrong secret is refused; the object
 * survives a replaced container.
 */
describe('object storage on the real engine (local image)', () => {
  let stack: CatalogStack;
  let svc: StackService;
  let endpoint = '';
  const client = (secretAccessKey = svc.vars.secretAccessKey!) =>
    new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: svc.vars.accessKeyId!, secretAccessKey },
    });
  const bucket = () => svc.vars.bucketName!;

  beforeAll(async () => {
    await ensureLocalImage('berth/object-storage:1', () => {});
    stack = await createStack();
    svc = await stack.add('files', 'objectstorage');
    await stack.waitHealthy(svc.containers, 120_000);
    const c = svc.containers[0]!;
    const networks = (await docker().getContainer(c.name).inspect()).NetworkSettings.Networks;
    const ip = Object.values(networks)[0]?.IPAddress;
    expect(ip).toBeTruthy();
    endpoint = `http://${ip}:9000`;
  }, 1_200_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  it('generates Zerops-style variables: a bucket named after the hostname, a key pair, the API address', () => {
    expect(svc.vars.bucketName).toMatch(/^[a-z0-9]{7}-files$/);
    expect(svc.vars.accessKeyId).toMatch(/^[a-z0-9]{20}$/);
    expect(svc.vars.secretAccessKey!.length).toBeGreaterThanOrEqual(20);
    expect(svc.vars.apiUrl).toBe('http://files:9000');
    expect(svc.vars.apiHost).toBe('files:9000');
  });

  it('puts, lists, gets and deletes an object with the generated key pair', async () => {
    const s3 = client();
    await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: 'notes/hello.txt', Body: 'hello object storage', ContentType: 'text/plain' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket() }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['notes/hello.txt']);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: 'notes/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello object storage');
    await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: 'kept.txt', Body: 'kept' }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: 'notes/hello.txt' }));
    const after = await s3.send(new ListObjectsV2Command({ Bucket: bucket() }));
    expect(after.Contents?.map((o) => o.Key)).toEqual(['kept.txt']);
  });

  it('refuses a wrong secret', async () => {
    await expect(client('not-the-secret-key-at-all').send(new ListObjectsV2Command({ Bucket: bucket() }))).rejects.toThrow();
  });

  it('keeps objects when the container is replaced on the same volume (stopped with exit code 0)', async () => {
    const c = svc.containers[0]!;
    expect(await stack.recreate(c, svc.hostname)).toBe(0);
    await stack.waitHealthy([c], 120_000);
    const ip = Object.values((await docker().getContainer(c.name).inspect()).NetworkSettings.Networks)[0]?.IPAddress;
    endpoint = `http://${ip}:9000`;
    const got = await client().send(new GetObjectCommand({ Bucket: bucket(), Key: 'kept.txt' }));
    expect(await got.Body?.transformToString()).toBe('kept');
  });
});
