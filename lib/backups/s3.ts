import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

/** An S3-compatible bucket: the endpoint (https://… or http://…), path-style addressing, and a key pair. */
export interface S3Target {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export class S3Error extends Error {}

const hmac = (key: crypto.BinaryLike, text: string) => crypto.createHmac('sha256', key).update(text).digest();
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
/** RFC 3986 encoding of one path segment, as SigV4 wants it. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The AWS Signature Version 4 headers of a request; the payload is not signed by default (it streams). */
export function signV4(
  t: S3Target,
  method: string,
  url: URL,
  headers: Record<string, string>,
  now = new Date(),
  payloadHash = 'UNSIGNED-PAYLOAD',
): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const all: Record<string, string> = {
    ...headers,
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
  };
  const names = Object.keys(all)
    .map((k) => k.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const canonical = [
    method,
    url.pathname,
    '',
    names.map((n) => `${n}:${lower[n]}\n`).join(''),
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${t.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${t.secretAccessKey}`, day), t.region), 's3'), 'aws4_request');
  const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...all,
    authorization: `AWS4-HMAC-SHA256 Credential=${t.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

function objectUrl(t: S3Target, key: string): URL {
  const base = new URL(t.endpoint);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}/${encode(t.bucket)}/${key.split('/').map(encode).join('/')}`, base);
}

async function request(
  t: S3Target,
  method: string,
  key: string,
  opts: { body?: Readable; size?: number } = {},
): Promise<http.IncomingMessage> {
  const url = objectUrl(t, key);
  const headers = signV4(
    t,
    method,
    url,
    opts.size !== undefined ? { 'content-length': String(opts.size) } : {},
  );
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers }, resolve);
    req.on('error', (err) => reject(new S3Error(`${t.endpoint}: ${err.message}`)));
    if (opts.body) {
      opts.body.on('error', (err) => req.destroy(err));
      opts.body.pipe(req);
    } else req.end();
  });
}

async function failure(res: http.IncomingMessage, what: string): Promise<S3Error> {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  return new S3Error(`${what}: HTTP ${res.statusCode}${code ? ` ${code}` : ''}`);
}

/** Streams `size` bytes into the object. */
export async function putObject(t: S3Target, key: string, body: Readable, size: number): Promise<void> {
  const res = await request(t, 'PUT', key, { body, size });
  if (res.statusCode !== 200) throw await failure(res, `uploading ${key} to ${t.bucket}`);
  res.resume();
}

/** The object's bytes as a stream. */
export async function getObject(t: S3Target, key: string): Promise<Readable> {
  const res = await request(t, 'GET', key);
  if (res.statusCode !== 200) throw await failure(res, `reading ${key} from ${t.bucket}`);
  return res;
}

export async function deleteObject(t: S3Target, key: string): Promise<void> {
  const res = await request(t, 'DELETE', key);
  if (res.statusCode !== 204 && res.statusCode !== 200 && res.statusCode !== 404)
    throw await failure(res, `deleting ${key} from ${t.bucket}`);
  res.resume();
}
