import http from 'node:http';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  HeadObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProjectCore } from '@/lib/core';
import { env } from '@/lib/env';
import { ensureLocalImage } from '@/lib/images/on-demand';
import { startWorker, type Worker } from '@/lib/processes/worker';
import { docker } from '@/lib/provisioner/docker/connection';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { L } from '@/lib/provisioner/labels';
import { createProject, deleteProject } from '@/lib/domain/projects';
import { addService, restartService, stopService, startService, updateObjectStorage } from '@/lib/domain/services';
import { eq } from 'drizzle-orm';
import { services } from '@/lib/db/schema';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import { createTestDb, type TestDb } from '@/lib/testing/db';
import { createTestUser, waitProcess } from '@/lib/testing/engine';
import { httpGet } from '@/lib/testing/load';
import { waitFor } from '@/lib/testing/wait';

const engine = dockerEngine();
registerProjectCore();
const GiB = 1024 ** 3;

/**
 * Object storage from the local image (Ceph's RADOS Gateway from Debian sid on its SQLite store, built
 * on first use) through Berth's engine: a real S3 client (@aws-sdk/client-s3) on the host uses the
 * service's bucket with the generated key pair over the project network's bridge; the quota refuses
 * an upload past it; `public-read` objects are fetched anonymously through the project core by
 * subdomain, a private bucket's are not; objects survive a stop and a restart.
 */
describe('object storage on the real engine (local image)', () => {
  let tdb: TestDb;
  let worker: Worker;
  let userId: string;
  let projectId: string;
  let slug: string;
  const ids: Record<'pub' | 'priv', string> = { pub: '', priv: '' };
  const vars: Record<'pub' | 'priv', Record<string, string>> = { pub: {}, priv: {} };

  const endpoint = async (serviceId: string) => {
    const [c] = await docker().listContainers({ filters: { label: [`${L.service}=${serviceId}`] } });
    const ip = Object.values(c?.NetworkSettings.Networks ?? {})[0]?.IPAddress;
    if (!ip) throw new Error(`no running container for ${serviceId}`);
    return `http://${ip}:9000`;
  };
  const client = async (k: 'pub' | 'priv', secretAccessKey = vars[k].secretAccessKey!) =>
    new S3Client({
      endpoint: await endpoint(ids[k]),
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: vars[k].accessKeyId!, secretAccessKey },
    });
  const throughCore = (k: 'pub' | 'priv', key: string) => httpGet(env.BERTH_HTTP_PORT, `${k === 'pub' ? 'files' : 'vault'}-${slug}.${env.BERTH_DOMAIN}`, '127.0.0.1', 3000, `/${vars[k].bucketName}/${key}`);

  beforeAll(async () => {
    await ensureLocalImage('berth/object-storage:1', () => {});
    tdb = await createTestDb('postgres');
    worker = startWorker({ db: tdb.db, engine, pollMs: 100 });
    userId = (await createTestUser(tdb.db)).id;
    const { project, process } = await createProject(tdb.db, userId, { name: `object storage ${Date.now().toString(36)}` });
    await waitProcess(tdb.db, process.id);
    projectId = project.id;
    slug = project.slug;
    const added = await Promise.all([
      addService(tdb.db, userId, projectId, { hostname: 'files', type: 'objectstorage', subdomainAccess: true, objectStorage: { sizeGb: 1, policy: 'public-read' } }),
      addService(tdb.db, userId, projectId, { hostname: 'vault', type: 'object-storage@1', subdomainAccess: true }),
    ]);
    for (const [k, { service, process: p }] of [['pub', added[0]], ['priv', added[1]]] as const) {
      const done = await waitProcess(tdb.db, p.id, 300_000);
      expect({ status: done.status, error: done.error }).toEqual({ status: 'FINISHED', error: null });
      ids[k] = service.id;
    }
    const all = await tdb.db.select().from(services).where(eq(services.projectId, projectId));
    for (const [k, hostname] of [['pub', 'files'], ['priv', 'vault']] as const) vars[k] = resolveServiceEnv(await loadProjectVars(tdb.db, projectId, all), hostname).env;
  }, 900_000);
  afterAll(async () => {
    if (projectId) await waitProcess(tdb.db, (await deleteProject(tdb.db, userId, projectId)).process.id);
    await worker?.stop();
    await tdb?.dispose();
  });

  it("generates Zerops' variables: a bucket named after the hostname, a key pair, the API address and the quota", () => {
    expect(vars.pub.bucketName).toMatch(/^[a-z0-9]{7}-files$/);
    expect(vars.pub.accessKeyId).toMatch(/^[a-z0-9]{20}$/);
    expect(vars.pub.secretAccessKey!.length).toBeGreaterThanOrEqual(20);
    expect(vars.pub).toMatchObject({ apiUrl: 'http://files:9000', apiHost: 'files:9000', quotaGBytes: '1' });
    expect(vars.priv.quotaGBytes).toBe('2');
  });

  it('puts, lists, gets, deletes, uploads in parts and signs URLs with the generated key pair', async () => {
    const s3 = await client('priv');
    const Bucket = vars.priv.bucketName!;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'notes/hello.txt', Body: 'hello object storage', ContentType: 'text/plain' }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((o) => o.Key)).toEqual(['notes/hello.txt']);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'notes/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello object storage');

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'big.bin' }));
    const first = Buffer.alloc(5 * 1024 * 1024, 1);
    const parts = [];
    // The last part is not tiny: radosgw's SQLite store reads a multipart object in chunks the size of its last part.
    for (const [i, Body] of [first, Buffer.alloc(100 * 1024, 2)].entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key: 'big.bin', UploadId, PartNumber: i + 1, Body }));
      parts.push({ PartNumber: i + 1, ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'big.bin', UploadId, MultipartUpload: { Parts: parts } }));
    const big = await (await s3.send(new GetObjectCommand({ Bucket, Key: 'big.bin' }))).Body!.transformToByteArray();
    expect(big.length).toBe(first.length + 100 * 1024);

    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'notes/hello.txt' }), { expiresIn: 60 });
    const signed = await fetch(url);
    expect([signed.status, await signed.text()]).toEqual([200, 'hello object storage']);
    expect((await fetch(url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=' + '0'.repeat(64)))).status).toBe(403);

    await s3.send(new PutObjectCommand({ Bucket, Key: 'kept.txt', Body: 'kept' }));
    // Server-side copies: the metadata kept, or replaced when asked.
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'copies/hello.txt', CopySource: `${Bucket}/notes/hello.txt` }));
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'copies/hello.md', CopySource: `${Bucket}/notes/hello.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/markdown', Metadata: { origin: 'copy' } }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'notes/hello.txt' }));
    const copied = await s3.send(new GetObjectCommand({ Bucket, Key: 'copies/hello.txt' }));
    expect([await copied.Body?.transformToString(), copied.ContentType]).toEqual(['hello object storage', 'text/plain']);
    expect(await s3.send(new HeadObjectCommand({ Bucket, Key: 'copies/hello.md' }))).toMatchObject({ ContentType: 'text/markdown', Metadata: { origin: 'copy' } });
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'copies/hello.txt' }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'copies/hello.md' }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((o) => o.Key)).toEqual(['big.bin', 'kept.txt']);
  });

  it('refuses a wrong secret', async () => {
    const s3 = await client('priv', 'not-the-secret-key-at-all');
    await expect(s3.send(new ListObjectsV2Command({ Bucket: vars.priv.bucketName! }))).rejects.toThrow();
  });

  it('refuses an upload past the quota with QuotaExceeded, before its body is sent', async () => {
    const s3 = await client('pub');
    const Bucket = vars.pub.bucketName!;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'filler.bin', Body: Buffer.alloc(8 * 1024 * 1024, 7) }));
    // 8 MiB stored + 1 GiB - 4 MiB declared is past the 1 GiB quota; the client waits for "100 Continue" and gets the refusal.
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'too-big.bin' }), { expiresIn: 60 });
    const refused = await new Promise<{ status: number; body: string; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = http.request(url, { method: 'PUT', headers: { 'content-length': String(GiB - 4 * 1024 * 1024), expect: '100-continue' } });
      req.on('continue', () => {
        continued = true;
        req.destroy();
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, continued }));
      });
      req.on('error', (err) => (continued ? resolve({ status: 0, body: '', continued }) : reject(err)));
      req.end();
    });
    expect(refused.continued).toBe(false);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>QuotaExceeded</Code>');
    // A small upload still fits.
    await s3.send(new PutObjectCommand({ Bucket, Key: 'small.txt', Body: 'fits' }));
  });

  it('serves public-read objects anonymously through the project core; a private bucket refuses', async () => {
    const s3pub = await client('pub');
    await s3pub.send(new PutObjectCommand({ Bucket: vars.pub.bucketName!, Key: 'site/logo.txt', Body: 'public bytes' }));
    const pub = await waitFor('the public object through the core', async () => {
      const r = await throughCore('pub', 'site/logo.txt');
      return r.status === 200 ? r : undefined;
    }, 30_000);
    expect(pub.body).toBe('public bytes');
    const priv = await throughCore('priv', 'kept.txt');
    expect(priv.status).toBe(403);
    expect(priv.body).toContain('AccessDenied');
  });

  it("changes a bucket's access and quota in place: the objects stay, anonymous reads start working", async () => {
    await expect(updateObjectStorage(tdb.db, userId, projectId, ids.priv, { objectStorage: { policy: 'custom', rawPolicy: '{"Statement": [' } })).rejects.toThrow(
      /objectStorage\.rawPolicy: is not valid JSON/,
    );
    await expect(updateObjectStorage(tdb.db, userId, projectId, ids.priv, { objectStorage: {} })).rejects.toMatchObject({ code: 'VALIDATION' });
    const { process } = await updateObjectStorage(tdb.db, userId, projectId, ids.priv, { objectStorage: { sizeGb: 4, policy: 'public-objects-read' } });
    expect((await waitProcess(tdb.db, process.id)).status).toBe('FINISHED');
    const all = await tdb.db.select().from(services).where(eq(services.projectId, projectId));
    expect(resolveServiceEnv(await loadProjectVars(tdb.db, projectId, all), 'vault').env.quotaGBytes).toBe('4');
    const [container] = await docker().listContainers({ filters: { label: [`${L.service}=${ids.priv}`] } });
    expect((await docker().getContainer(container!.Id).inspect()).Config.Env).toContain(`S3_QUOTA_BYTES=${4 * GiB}`);
    const open = await waitFor('the object readable anonymously through the core', async () => {
      const r = await throughCore('priv', 'kept.txt');
      return r.status === 200 ? r : undefined;
    }, 30_000);
    expect(open.body).toBe('kept');
  });

  it('keeps objects across a stop (exit code 0) and a restart', async () => {
    const stopped = await waitProcess(tdb.db, (await stopService(tdb.db, userId, projectId, ids.priv)).process.id);
    expect(stopped.status).toBe('FINISHED');
    const [c] = await docker().listContainers({ all: true, filters: { label: [`${L.service}=${ids.priv}`] } });
    expect((await docker().getContainer(c!.Id).inspect()).State.ExitCode).toBe(0);
    expect((await waitProcess(tdb.db, (await startService(tdb.db, userId, projectId, ids.priv)).process.id)).status).toBe('FINISHED');
    expect((await waitProcess(tdb.db, (await restartService(tdb.db, userId, projectId, ids.priv)).process.id)).status).toBe('FINISHED');
    const got = await (await client('priv')).send(new GetObjectCommand({ Bucket: vars.priv.bucketName!, Key: 'kept.txt' }));
    expect(await got.Body?.transformToString()).toBe('kept');
  });
});
