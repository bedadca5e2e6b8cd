import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-fs';
import { docker } from '@/lib/provisioner/docker/connection';
import {
  DEFAULT_SUITE,
  mmdebstrapOptions,
  basePackages,
  baseHash,
  imagesDir,
  mirror,
  resolveDockerfile,
  typeHash,
  typeImages,
  type Suite,
  type TypeImage,
} from './definitions';
import { packNpm } from './npm-pack';

export const HASH_LABEL = 'berth.input-hash';

export type Say = (line: string) => void;

export interface BuildOptions {
  /** Repository namespace: `berth` for the real set; the cold benchmark builds a throw-away `berth-bench` set. */
  namespace?: string;
  /** Build without the engine's layer cache (the cold benchmark). */
  noCache?: boolean;
}

const rename = (repo: string, namespace: string) =>
  namespace === 'berth' ? repo : repo.replace(/^berth\//, `${namespace}/`);

/** The hash label of an image, undefined when it has none, null when the image does not exist. */
async function imageLabel(ref: string): Promise<string | undefined | null> {
  try {
    const info = await docker().getImage(ref).inspect();
    return info.Config?.Labels?.[HASH_LABEL] ?? undefined;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** mmdebstrap via execFile (argv array), with its `I:` progress lines passed on. */
function mmdebstrap(args: string[], say: Say): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const child = execFile('mmdebstrap', args, { maxBuffer: 256 * 1024 * 1024 }, (err) => {
      if (!err) return resolve();
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new Error(
          missing
            ? 'mmdebstrap is not installed (apt-get install mmdebstrap)'
            : `mmdebstrap failed: ${err.message}\n${tail.join('\n')}`,
        ),
      );
    });
    let partial = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        if (/^I: (running|downloading|extracting|installing|creating|success)/.test(line))
          say(`  ${line.slice(3)}`);
      }
    });
  });
}

/** mmdebstrap (minbase of a suite) → tarball → Engine API import as <namespace>/base:<suite>-<hash>. Skipped when present. */
export async function buildBase(say: Say, opts: BuildOptions = {}, suite: Suite = DEFAULT_SUITE): Promise<string> {
  const hash = baseHash(suite);
  const repo = `${opts.namespace ?? 'berth'}/base`;
  const tag = `${repo}:${suite}-${hash}`;
  if ((await imageLabel(tag)) === hash) {
    say(`base ${tag}: cached`);
    return tag;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-base-'));
  const tarball = path.join(dir, 'rootfs.tar');
  try {
    const packages = basePackages();
    say(
      `base ${tag}: mmdebstrap --variant=minbase ${suite} from ${mirror()} with ${packages.length} packages…`,
    );
    const started = Date.now();
    await mmdebstrap(
      [...mmdebstrapOptions(suite), `--include=${packages.join(',')}`, suite, tarball, mirror()],
      say,
    );
    const mb = Math.round(fs.statSync(tarball).size / 1e6);
    say(
      `base ${tag}: bootstrapped in ${((Date.now() - started) / 1000).toFixed(1)} s (${mb} MB), importing…`,
    );
    // dockerode's typings omit `changes`, which the Engine API's import accepts.
    const importOpts: Record<string, unknown> = {
      repo,
      tag: `${suite}-${hash}`,
      changes: [`LABEL ${HASH_LABEL}=${hash}`, 'ENV LANG=C.UTF-8'],
    };
    const stream = await docker().importImage(tarball, importOpts);
    await followProgress(stream);
    say(`base ${tag}: imported`);
    return tag;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function followProgress(stream: NodeJS.ReadableStream, onStep?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    docker().modem.followProgress(
      stream,
      (err: Error | null, out: Array<{ error?: string }>) => {
        const failed = out?.find((o) => o.error);
        if (err) reject(err);
        else if (failed) reject(new Error(failed.error));
        else resolve();
      },
      (event: { stream?: string }) => {
        const line = event.stream?.trim();
        if (line && onStep && /^Step \d+\/\d+/.test(line)) onStep(line);
      },
    );
  });
}

/**
 * Builds one type image FROM its suite's minbase; skipped when its input hash matches. A variant with
 * Debian packages builds on the default network (its RUN step fetches them from the host's mirror, given
 * as the build argument PACKAGES); one without builds with no network at all.
 */
export async function buildTypeImage(
  image: TypeImage,
  base: string,
  say: Say,
  opts: BuildOptions = {},
): Promise<void> {
  const hash = typeHash(image, base);
  const refs = image.tags.map((t) => `${rename(image.repo, opts.namespace ?? 'berth')}:${t}`);
  const labels = await Promise.all(refs.map(imageLabel));
  if (labels.every((l) => l === hash)) {
    say(`${refs.join(', ')}: cached`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `berth-${image.dir}-`));
  try {
    fs.cpSync(path.join(imagesDir, image.dir), dir, { recursive: true });
    const dockerfile = path.join(dir, 'Dockerfile');
    fs.writeFileSync(dockerfile, resolveDockerfile(fs.readFileSync(dockerfile, 'utf8'), image.dir, base));
    const started = Date.now();
    await packNpm(image.npm, dir);
    const online = image.packages.length > 0;
    say(`${refs.join(', ')}: building from images/${image.dir}/ on ${image.suite}${online ? ` with ${image.packages.join(' ')}` : ' (no network)'}…`);
    // tar-fs gives a streamx stream; the Engine client takes a Node stream.
    const context = new PassThrough();
    tar.pack(dir).pipe(context);
    const stream = await docker().buildImage(context, {
      t: refs[0],
      networkmode: online ? 'default' : 'none',
      buildargs: { ...image.args, PACKAGES: image.packages.join(' ') },
      labels: { [HASH_LABEL]: hash },
      rm: true,
      forcerm: true,
      nocache: opts.noCache ?? false,
    });
    await followProgress(stream, (step) => say(`  ${step}`));
    for (const ref of refs.slice(1)) {
      const [repo = '', tag = 'latest'] = ref.split(':');
      await docker().getImage(refs[0]!).tag({ repo, tag });
    }
    say(`${refs.join(', ')}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    throw new Error(`images/${image.dir}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every image of the default set (or only the named directories or refs, on-demand ones included), each
 * after its suite's minbase. Returns the bases, then the image refs built or cached.
 */
export async function buildAll(say: Say, only?: string[], opts: BuildOptions = {}): Promise<{ bases: string[]; refs: string[] }> {
  const all = typeImages();
  const named = (i: TypeImage, o: string) => i.dir === o || i.tags.some((t) => `${i.repo}:${t}` === o);
  const unknown = (only ?? []).filter((o) => !all.some((i) => named(i, o)));
  if (unknown.length)
    throw new Error(`no image directory or image ${unknown.join(', ')}; have: ${all.map((i) => `${i.dir} (${i.repo}:${i.tags.join(',')})`).join(', ')}`);
  const images = only ? all.filter((i) => only.some((o) => named(i, o))) : all.filter((i) => !i.onDemand);
  try {
    await docker().ping();
  } catch (err) {
    throw new Error(
      `the Docker Engine is unreachable (${err instanceof Error ? err.message : String(err)}); start dockerd (scripts/ensure-host.sh)`,
    );
  }
  const bases = new Map<Suite, string>();
  for (const suite of new Set(images.map((i) => i.suite))) bases.set(suite, await buildBase(say, opts, suite));
  await inParallel(images, BUILD_CONCURRENCY, (image) => buildTypeImage(image, bases.get(image.suite)!, say, opts));
  const refs = images.flatMap((image) => image.tags.map((t) => `${rename(image.repo, opts.namespace ?? 'berth')}:${t}`));
  return { bases: [...bases.values()], refs };
}

/**
 * Type images build a few at a time: most of a build waits on the mirror (apt-get update, downloads),
 * which overlaps well even on two cores.
 */
export const BUILD_CONCURRENCY = 3;

export async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
