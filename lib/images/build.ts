import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import tar from 'tar-fs';
import { docker } from '@/lib/provisioner/docker/connection';
import { MIRROR, SUITE, basePackages, baseHash, baseTag, imagesDir, typeHash, typeImages, type TypeImage } from './definitions';

const run = promisify(execFile);
const HASH_LABEL = 'berth.input-hash';

type Say = (line: string) => void;

async function imageLabel(ref: string): Promise<string | undefined | null> {
  try {
    const info = await docker().getImage(ref).inspect();
    return info.Config?.Labels?.[HASH_LABEL] ?? undefined;
  } catch {
    return null; // not present
  }
}

/** mmdebstrap (minbase) → tarball → `docker import` as berth/base:<hash>. Skipped when present. */
export async function buildBase(say: Say): Promise<string> {
  const hash = baseHash();
  const tag = baseTag(hash);
  if ((await imageLabel(tag)) !== null) {
    say(`base ${tag}: cached`);
    return tag;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-base-'));
  const tarball = path.join(dir, 'rootfs.tar');
  try {
    say(`base ${tag}: mmdebstrap ${SUITE} with ${basePackages().length} packages (a few minutes)…`);
    const started = Date.now();
    await run(
      'mmdebstrap',
      ['--variant=minbase', `--include=${basePackages().join(',')}`, '--aptopt=Acquire::Retries "3"', '--dpkgopt=path-exclude=/usr/share/doc/*', '--dpkgopt=path-exclude=/usr/share/man/*', SUITE, tarball, MIRROR],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    say(`base ${tag}: bootstrapped in ${((Date.now() - started) / 1000).toFixed(1)} s, importing…`);
    // dockerode's typings omit `changes`, which the Engine API's import accepts.
    const importOpts: Record<string, unknown> = {
      repo: 'berth/base',
      tag: hash,
      changes: [`LABEL ${HASH_LABEL}=${hash}`, 'ENV LANG=C.UTF-8'],
    };
    const stream = (await docker().importImage(tarball, importOpts)) as unknown as NodeJS.ReadableStream;
    await followProgress(stream);
    say(`base ${tag}: imported`);
    return tag;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function followProgress(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker().modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = out?.find((o) => o.error);
      if (err) reject(err);
      else if (failed) reject(new Error(failed.error));
      else resolve();
    });
  });
}

/** Builds one type image FROM the base with no network; skipped when its input hash matches. */
export async function buildTypeImage(image: TypeImage, base: string, say: Say): Promise<void> {
  const hash = typeHash(image, base);
  const refs = image.tags.map((t) => `${image.repo}:${t}`);
  const labels = await Promise.all(refs.map(imageLabel));
  if (labels.every((l) => l === hash)) {
    say(`${refs.join(', ')}: cached`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `berth-${image.dir}-`));
  try {
    fs.cpSync(path.join(imagesDir, image.dir), dir, { recursive: true });
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    if (!dockerfile.startsWith('FROM berth-base')) throw new Error(`images/${image.dir}/Dockerfile must start with "FROM berth-base"`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile.replace(/^FROM berth-base/, `FROM ${base}`));
    const started = Date.now();
    const context = tar.pack(dir) as unknown as NodeJS.ReadableStream;
    const stream = await docker().buildImage(context, {
      t: refs[0],
      networkmode: 'none',
      labels: { [HASH_LABEL]: hash },
      rm: true,
      forcerm: true,
    });
    await followProgress(stream);
    for (const ref of refs.slice(1)) {
      const [repo = '', tag = 'latest'] = ref.split(':');
      await docker().getImage(refs[0]!).tag({ repo, tag });
    }
    say(`${refs.join(', ')}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function buildAll(say: Say, only?: string[]): Promise<void> {
  const base = await buildBase(say);
  for (const image of typeImages()) {
    if (only && !only.includes(image.dir)) continue;
    await buildTypeImage(image, base, say);
  }
}
