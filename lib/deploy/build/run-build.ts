import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env } from '@/lib/env';
import type { ProcessContext } from '@/lib/processes/context';
import { networkName } from '@/lib/provisioner/labels';
import { baseImage } from '../bases';
import { extractArchive } from '../source/archive';
import { cachePath, putBlob } from '../store';
import type { ResolvedSetup } from '../zerops-yml';
import { CommandFailed, commandsImage } from './commands-image';
import { buildContainerName, buildLabels } from './labels';
import { selectDeployFiles } from './select-files';
import { caMount, cancellable, lineLog, packDir, packFiles, streamToBuffer } from './tools';
import { ensureCatalogImage } from '@/lib/processes/service-images';

export interface BuildInput {
  projectId: string;
  serviceId: string;
  versionId: string;
  setup: ResolvedSetup;
  /** The source tree on the host. */
  sourceDir: string;
  /** Build environment (project and service variables plus build.envVariables, resolved). */
  env: Record<string, string>;
}

export interface BuildOutput {
  artifactDigest: string;
  /** Files of `addToRunPrepare`, as a tar for /home/zerops, and its digest. */
  runPrepare?: { tar: Buffer; digest: string };
}

const SOURCE = '/build/source';
const limitBytes = () => env.BERTH_DEPLOY_ARCHIVE_LIMIT_MB * 1024 * 1024;

/** Cache entries: one tar per cached path, restored into its parent folder. */
function cacheFiles(serviceId: string, cache: string[] | boolean): { path: string; file: string }[] {
  if (cache === false) return [];
  const paths = cache === true ? ['.'] : cache;
  return paths.map((p) => {
    const clean = path.posix.normalize(p.replace(/^\.\//, '')).replace(/\/+$/, '') || '.';
    const key = crypto.createHash('sha256').update(clean).digest('hex').slice(0, 16);
    return { path: clean, file: `${cachePath(serviceId)}.${key}` };
  });
}

/** The folders the source and the cache entries unpack into (a build image need not have them). */
function buildDirs(entries: { path: string }[]): string[] {
  const dirs = new Set(['build/', 'build/source/']);
  for (const e of entries) {
    if (e.path === '.' || e.path.split('/').includes('..')) continue;
    const parts = path.posix.dirname(e.path).split('/').filter((x) => x && x !== '.');
    for (let i = 1; i <= parts.length; i++) dirs.add(`build/source/${parts.slice(0, i).join('/')}/`);
  }
  return [...dirs];
}

/** Unpacks the saved cache entries (they may overwrite source files, as a restored cache does). */
async function restoreCache(ctx: ProcessContext, id: string, entries: { path: string; file: string }[]) {
  let restored = 0;
  for (const e of entries) {
    if (e.path.split('/').includes('..') || !fs.existsSync(e.file)) continue;
    const parent = e.path === '.' ? '/build' : path.posix.join(SOURCE, path.posix.dirname(e.path));
    await ctx.engine.putArchive(id, parent, fs.createReadStream(e.file));
    restored++;
  }
  if (restored) await ctx.log(`build cache restored (${entries.map((e) => e.path).join(', ')})`, { step: 'build' });
}

async function saveCache(ctx: ProcessContext, id: string, entries: { path: string; file: string }[]) {
  for (const e of entries) {
    if (e.path.split('/').includes('..')) continue;
    const from = e.path === '.' ? SOURCE : path.posix.join(SOURCE, e.path);
    try {
      const tar = await streamToBuffer(await ctx.engine.getArchive(id, from), limitBytes());
      await fsp.mkdir(path.dirname(e.file), { recursive: true });
      await fsp.writeFile(`${e.file}.tmp`, tar);
      await fsp.rename(`${e.file}.tmp`, e.file);
    } catch (err) {
      await ctx.log(`build.cache ${e.path} not saved: ${(err as Error).message}`, { step: 'build', level: 'warn' });
    }
  }
}

/**
 * Builds an app version in a temporary container: build.base (+ prepareCommands, cached as an
 * image), the source at /build/source, buildCommands in order with their output in the process
 * log, then the deployFiles selection stored as a content-addressed artifact. The container is
 * removed whatever happens.
 */
export async function runBuild(ctx: ProcessContext, input: BuildInput): Promise<BuildOutput> {
  const { setup } = input;
  const base = baseImage(setup.build.bases[0]!, 'build.base');
  if (base.note) await ctx.log(base.note, { step: 'build', level: 'warn' });
  await ensureCatalogImage(ctx, base.image);
  const deadline = Math.min(ctx.deadline, Date.now() + env.BERTH_BUILD_TIMEOUT_MS);
  const network = networkName(input.projectId);
  const image = await commandsImage(ctx, {
    projectId: input.projectId,
    serviceId: input.serviceId,
    network,
    baseImage: base.image,
    commands: setup.build.prepareCommands,
    env: input.env,
    repo: 'berth-deploy/build',
    step: 'prepare',
    field: 'build.prepareCommands',
    deadline,
  });
  await ctx.checkpoint('build prepared');

  const name = buildContainerName(input.projectId, input.versionId.slice(0, 8));
  const ca = caMount();
  await ctx.engine.removeContainer(name, 0);
  const id = await ctx.engine.createContainer(
    {
      name,
      image,
      env: { ...input.env, ...ca.env },
      cmd: ['sleep', 'infinity'],
      labels: {},
      mounts: [],
      binds: ca.binds,
      workingDir: SOURCE,
      network: { mode: 'bridge', name: network, aliases: [] },
      limits: { nanoCpus: Math.round(Math.min(env.BERTH_BUILD_CPUS, os.cpus().length) * 1e9), memoryBytes: env.BERTH_BUILD_MEMORY_MB * 1024 * 1024 },
      restart: 'no',
      // Filled before it starts: archives unpack into a created container without an exec each.
      running: false,
    },
    buildLabels(input.projectId, input.serviceId, 'build'),
  );
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'berth-build-'));
  try {
    const cache = cacheFiles(input.serviceId, setup.build.cache);
    await ctx.engine.putArchive(id, '/', await packFiles([], buildDirs(cache)));
    await ctx.engine.putArchive(id, SOURCE, await packDir(input.sourceDir));
    await restoreCache(ctx, id, cache);
    await ctx.engine.startContainer(id);
    for (const [i, command] of setup.build.buildCommands.entries()) {
      await ctx.log(`$ ${command}`, { step: 'build' });
      const out = lineLog(ctx, 'build');
      const code = await cancellable(
        ctx,
        () => ctx.engine.execStream(id, ['sh', '-c', command], (l) => out.line(l), { workingDir: SOURCE }),
        () => ctx.engine.removeContainer(id, 0),
        deadline,
      ).finally(() => out.close());
      if (code !== 0) throw new CommandFailed(`build.buildCommands[${i}] "${command}" exited with code ${code}`);
    }
    await ctx.checkpoint('built');
    // The next build's cache is read out beside the built tree (two archive streams at once).
    const tree = path.join(work, 'tree');
    const [, built] = await Promise.all([saveCache(ctx, id, cache), ctx.engine.getArchive(id, SOURCE).then((s) => streamToBuffer(s, limitBytes() * 2))]);
    await extractArchive(built, tree, { maxBytes: limitBytes() * 2, maxEntries: 500_000 });
    const root = path.join(tree, 'source');
    const out = path.join(work, 'artifact');
    const count = await selectDeployFiles(root, setup.build.deployFiles, out);
    const artifactDigest = await putBlob('artifacts', await packDir(out));
    await ctx.log(`artifact stored (${count} paths, sha256 ${artifactDigest.slice(0, 12)})`, { step: 'artifact' });

    let runPrepare: BuildOutput['runPrepare'];
    if (setup.build.addToRunPrepare.length) {
      const prep = path.join(work, 'run-prepare');
      await selectDeployFiles(root, setup.build.addToRunPrepare, prep, 'build.addToRunPrepare');
      const tar = await packDir(prep);
      runPrepare = { tar, digest: crypto.createHash('sha256').update(tar).digest('hex') };
    }
    return { artifactDigest, runPrepare };
  } finally {
    await ctx.engine.removeContainer(id, 0).catch(() => {});
    await ctx.engine.removeContainer(name, 0).catch(() => {});
    await fsp.rm(work, { recursive: true, force: true });
  }
}
