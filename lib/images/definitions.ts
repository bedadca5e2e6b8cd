import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { hostMirror } from './mirror';

/**
 * The local image set: one small minbase per Debian suite (`images/base/packages.txt` bootstrapped with
 * mmdebstrap), and every `images/<dir>/` holding a Dockerfile whose FROM line is `FROM berth-base` built
 * on the minbase of its suite. `image.json` names the image and its variants: one object, or a list of
 * them for several versions from one directory, each with its suite, its Debian packages (installed in
 * the build container from the host's mirror, passed as the build argument PACKAGES), registry packages
 * (`npm pack`ed on the host into the build context) and build arguments. Variants marked `onDemand` are
 * left out of `npm run images` and built when a service first needs them.
 */
export const SUITES = ['bookworm', 'trixie', 'sid'] as const;
export type Suite = (typeof SUITES)[number];
export const DEFAULT_SUITE: Suite = 'bookworm';

/**
 * The host apt's own mirror (nothing else is reachable on an air-gapped host). The archive that serves
 * bookworm serves the other suites too, so every suite is fetched from that one URI.
 */
export const mirror = (): string => hostMirror(DEFAULT_SUITE);
export const imagesDir = path.join(process.cwd(), 'images');

export interface TypeImage {
  dir: string;
  repo: string;
  tags: string[];
  suite: Suite;
  packages: string[];
  /** Registry packages (`name@exact-version`) whose tarball lands in the build context as `<name>.tgz`. */
  npm: string[];
  args: Record<string, string>;
  onDemand: boolean;
}

const variantSchema = z.object({
  repo: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/),
  tags: z.array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/)).min(1),
  suite: z.enum(SUITES).default(DEFAULT_SUITE),
  packages: z.array(z.string().regex(/^[a-z0-9][a-z0-9+.:=~-]*$/, 'a Debian package name')).default([]),
  npm: z.array(z.string().regex(/^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9._-]*@\d+\.\d+\.\d+$/, 'name@x.y.z')).default([]),
  args: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()).default({}),
  onDemand: z.boolean().default(false),
});
const imageJsonSchema = z.union([variantSchema, z.array(variantSchema).min(1)]);

function variants(dir: string): Omit<TypeImage, 'dir'>[] {
  const file = path.join(imagesDir, dir, 'image.json');
  if (!fs.existsSync(file))
    return [{ repo: `berth/${dir}`, tags: ['latest'], suite: DEFAULT_SUITE, packages: [], npm: [], args: {}, onDemand: false }];
  const parsed = imageJsonSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `images/${dir}/image.json: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
}

/** The packages of every suite's minbase (TLS roots, process tools, probes, an init for PID 1). */
export function basePackages(): string[] {
  return fs
    .readFileSync(path.join(imagesDir, 'base', 'packages.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** Every variant of every image directory; `all: false` leaves out the on-demand ones. */
export function typeImages(opts: { all?: boolean } = {}): TypeImage[] {
  return fs
    .readdirSync(imagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(imagesDir, d.name, 'Dockerfile')))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => variants(d.name).map((v) => ({ dir: d.name, ...v })))
    .filter((i) => opts.all !== false || !i.onDemand);
}

export const imageRefs = (image: TypeImage): string[] => image.tags.map((t) => `${image.repo}:${t}`);

let byRef: Map<string, TypeImage> | undefined;

/**
 * The variant that builds `ref` (e.g. `berth/postgresql:17`), if any directory declares it. The image
 * directories ship with the code, so they are read once per process (the wizard asks per version).
 */
export function findTypeImage(ref: string): TypeImage | undefined {
  if (!byRef) {
    byRef = new Map();
    for (const image of typeImages()) for (const r of imageRefs(image)) if (!byRef.has(r)) byRef.set(r, image);
  }
  return byRef.get(ref);
}

/** The Dockerfile with its `FROM berth-base` line pointing at the real base tag. */
export function resolveDockerfile(text: string, dir: string, base: string): string {
  // Every stage of a multi-stage build starts from the minbase too (`FROM berth-base AS unpack`).
  const from = /^FROM[ \t]+berth-base([ \t]+AS[ \t]+[a-z0-9_-]+)?[ \t]*$/gim;
  if (!/^FROM\s+berth-base(\s+AS\s+[a-z0-9_-]+)?\s*$/im.test(text))
    throw new Error(`images/${dir}/Dockerfile must build FROM berth-base (the line "FROM berth-base")`);
  return text.replace(from, (_line, stage: string | undefined) => `FROM ${base}${stage ?? ''}`);
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
  '--aptopt=APT::Install-Recommends "false"',
  // No fsync per unpacked file (kept in the minbase, so the type builds' apt-get is fast too): an
  // interrupted build is rebuilt from scratch anyway.
  '--dpkgopt=force-unsafe-io',
  '--dpkgopt=path-exclude=/usr/share/doc/*',
  '--dpkgopt=path-exclude=/usr/share/man/*',
  '--dpkgopt=path-exclude=/usr/share/locale/*',
];

/**
 * The options for one suite: sid's Release file carries a Valid-Until date, which a mirror snapshot
 * outlives; its signature is still checked.
 */
export const mmdebstrapOptions = (suite: Suite): string[] =>
  suite === 'sid' ? [...MMDEBSTRAP_OPTIONS, '--aptopt=Acquire::Check-Valid-Until "false"'] : MMDEBSTRAP_OPTIONS;

/** A suite's minbase inputs: suite, mirror, mmdebstrap options and package list. */
export function baseHash(suite: Suite = DEFAULT_SUITE): string {
  const input = [suite, mirror(), ...mmdebstrapOptions(suite), ...basePackages()].join('\n');
  return crypto.createHash('sha256').update(input).digest('hex').slice(0, 12);
}

/** A type image's inputs: the base it builds on, its variant and every file of its directory. */
export function typeHash(image: TypeImage, base: string): string {
  const { packages, npm, args, suite } = image;
  const hash = crypto.createHash('sha256').update(base).update(JSON.stringify({ packages, npm, args, suite }));
  hashDir(hash, path.join(imagesDir, image.dir));
  return hash.digest('hex').slice(0, 16);
}
