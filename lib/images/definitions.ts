import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The local image set: `images/base/packages.txt` bootstrapped with mmdebstrap into the base, and
 * every `images/<dir>/` holding a Dockerfile (first line `FROM berth-base`) and an `image.json`
 * ({ "repo": "berth/postgresql", "tags": ["15"] }) built FROM it with no network.
 */
export const SUITE = 'bookworm';
export const MIRROR = 'http://deb.debian.org/debian';
export const imagesDir = path.join(process.cwd(), 'images');

export interface TypeImage {
  dir: string;
  repo: string;
  tags: string[];
}

const imageJson = (dir: string): { repo: string; tags: string[] } =>
  JSON.parse(fs.readFileSync(path.join(imagesDir, dir, 'image.json'), 'utf8'));

export function basePackages(): string[] {
  return fs
    .readFileSync(path.join(imagesDir, 'base', 'packages.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export function typeImages(): TypeImage[] {
  return fs
    .readdirSync(imagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(imagesDir, d.name, 'Dockerfile')))
    .map((d) => ({ dir: d.name, ...imageJson(d.name) }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

function hashDir(hash: crypto.Hash, dir: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    hash.update(entry.name + '\0');
    if (entry.isDirectory()) hashDir(hash, full);
    else hash.update(fs.readFileSync(full)).update(String(fs.statSync(full).mode & 0o111));
  }
}

export function baseHash(): string {
  return crypto.createHash('sha256').update(`${SUITE}\n${MIRROR}\n${basePackages().join('\n')}`).digest('hex').slice(0, 12);
}

/** A type image's inputs: the base it builds on and every file of its directory. */
export function typeHash(image: TypeImage, base: string): string {
  const hash = crypto.createHash('sha256').update(base);
  hashDir(hash, path.join(imagesDir, image.dir));
  return hash.digest('hex').slice(0, 16);
}

export const baseTag = (hash: string) => `berth/base:${hash}`;
