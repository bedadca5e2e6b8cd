import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { hostMirror } from './mirror';

/**
 * The local image set: `images/base/packages.txt` bootstrapped with mmdebstrap into the base, and
 * every `images/<dir>/` holding a Dockerfile whose FROM line is `FROM berth-base` built on it with no
 * network. An optional `image.json` ({ "repo": "berth/postgresql", "tags": ["15"] }) names the image;
 * without it the image is `berth/<dir>:latest`.
 */
export const SUITE = 'bookworm';
/** The host apt's own mirror for SUITE (nothing else is reachable on an air-gapped host). */
export const mirror = (): string => hostMirror(SUITE);
export const imagesDir = path.join(process.cwd(), 'images');

export interface TypeImage {
  dir: string;
  repo: string;
  tags: string[];
}

const imageJsonSchema = z.object({
  repo: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/),
  tags: z.array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/)).min(1),
});

function imageJson(dir: string): { repo: string; tags: string[] } {
  const file = path.join(imagesDir, dir, 'image.json');
  if (!fs.existsSync(file)) return { repo: `berth/${dir}`, tags: ['latest'] };
  const parsed = imageJsonSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `images/${dir}/image.json: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function basePackages(): string[] {
  return fs
    .readFileSync(path.join(imagesDir, 'base', 'packages.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

export function typeImages(): TypeImage[] {
  return fs
    .readdirSync(imagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(imagesDir, d.name, 'Dockerfile')))
    .map((d) => ({ dir: d.name, ...imageJson(d.name) }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The Dockerfile with its `FROM berth-base` line pointing at the real base tag. */
export function resolveDockerfile(text: string, dir: string, base: string): string {
  const from = /^FROM\s+berth-base\s*$/m;
  if (!from.test(text))
    throw new Error(`images/${dir}/Dockerfile must build FROM berth-base (the line "FROM berth-base")`);
  return text.replace(from, `FROM ${base}`);
}

function hashDir(hash: crypto.Hash, dir: string) {
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    hash.update(entry.name + '\0');
    if (entry.isDirectory()) hashDir(hash, full);
    else hash.update(fs.readFileSync(full)).update(String(fs.statSync(full).mode & 0o111));
  }
}

/** mmdebstrap options besides the package list (they shape the base, so they are hashed with it). */
export const MMDEBSTRAP_OPTIONS = [
  '--variant=minbase',
  '--aptopt=Acquire::Retries "3"',
  '--dpkgopt=path-exclude=/usr/share/doc/*',
  '--dpkgopt=path-exclude=/usr/share/man/*',
  '--dpkgopt=path-exclude=/usr/share/locale/*',
];

/** The base's inputs: suite, mirror, mmdebstrap options and package list. */
export function baseHash(): string {
  const input = [SUITE, mirror(), ...MMDEBSTRAP_OPTIONS, ...basePackages()].join('\n');
  return crypto.createHash('sha256').update(input).digest('hex').slice(0, 12);
}

/** A type image's inputs: the base it builds on and every file of its directory. */
export function typeHash(image: TypeImage, base: string): string {
  const hash = crypto.createHash('sha256').update(base);
  hashDir(hash, path.join(imagesDir, image.dir));
  return hash.digest('hex').slice(0, 16);
}
