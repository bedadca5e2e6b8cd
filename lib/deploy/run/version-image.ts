import { getCatalogEntry } from '@/lib/catalog';
import { env } from '@/lib/env';
import type { ProcessContext } from '@/lib/processes/context';
import { networkName, shortId } from '@/lib/provisioner/labels';
import { baseImage } from '../bases';
import { commandsImage } from '../build/commands-image';
import { VERSION_LABEL, buildContainerName, buildLabels } from '../build/labels';
import { packFiles } from '../build/tools';
import { readBlob } from '../store';
import type { ResolvedSetup } from '../zerops-yml';
import { versionFiles } from './scripts';
import { ensureCatalogImage } from '@/lib/processes/service-images';

export interface VersionImageInput {
  projectId: string;
  serviceId: string;
  hostname: string;
  type: string;
  serviceVersion: string;
  versionId: string;
  setup: ResolvedSetup;
  artifactDigest: string;
  runPrepare?: { tar: Buffer; digest: string };
  env: Record<string, string>;
  deadline: number;
}

export const versionImageRef = (projectId: string, hostname: string, versionId: string) =>
  `berth-app/${shortId(projectId)}-${hostname}:${versionId.replace(/-/g, '').slice(0, 16)}`;

/** The image a service's containers run without code: run.base if given, else the type's own. */
function runBaseImage(input: VersionImageInput): string {
  const base = input.setup.run.bases[0];
  if (base) return baseImage(base, 'run.base').image;
  const entry = getCatalogEntry(input.type);
  const v = entry.versions.find((x) => x.version === input.serviceVersion) ?? entry.versions[0]!;
  return v.images[env.BERTH_IMAGE_SOURCE] ?? v.images.local!;
}

/**
 * The app version image: the run image (run.base + run.prepareCommands with the addToRunPrepare
 * files in /home/zerops, cached by hash) plus the artifact at /var/www and the start script. A
 * per-version image makes every container of the version (scaling, self-healing) start the same.
 */
export async function buildVersionImage(ctx: ProcessContext, input: VersionImageInput): Promise<string> {
  const baseRef = runBaseImage(input);
  await ensureCatalogImage(ctx, baseRef);
  const runImage = await commandsImage(ctx, {
    projectId: input.projectId,
    serviceId: input.serviceId,
    network: networkName(input.projectId),
    baseImage: baseRef,
    commands: input.setup.run.prepareCommands,
    files: input.runPrepare && { path: '/home/zerops', tar: input.runPrepare.tar, digest: input.runPrepare.digest },
    env: input.env,
    repo: 'berth-deploy/run',
    step: 'run-prepare',
    field: 'run.prepareCommands',
    deadline: input.deadline,
  });
  const ref = versionImageRef(input.projectId, input.hostname, input.versionId);
  if (await ctx.engine.imageExists(ref)) return ref;
  const files = versionFiles(input.type, input.setup.run);
  const name = buildContainerName(input.projectId, `image-${input.versionId.slice(0, 8)}`);
  await ctx.engine.removeContainer(name, 0);
  const id = await ctx.engine.createContainer(
    {
      name,
      image: runImage,
      env: {},
      labels: {},
      mounts: [],
      network: { mode: 'bridge', name: networkName(input.projectId), aliases: [] },
      limits: { nanoCpus: 0, memoryBytes: 0 },
      restart: 'no',
      running: false,
    },
    buildLabels(input.projectId, input.serviceId, 'build'),
  );
  try {
    if (input.runPrepare) {
      // The run image may be the plain base (no prepareCommands): the files still belong in /home/zerops.
      await ctx.engine.putArchive(id, '/', await packFiles([], ['home/zerops/']));
      await ctx.engine.putArchive(id, '/home/zerops', input.runPrepare.tar);
    }
    await ctx.engine.putArchive(id, '/', await packFiles(files.files, files.dirs));
    await ctx.engine.putArchive(id, '/var/www', await readBlob('artifacts', input.artifactDigest));
    await ctx.engine.commitContainer(id, ref, {
      cmd: files.cmd,
      workingDir: '/var/www',
      labels: { ...buildLabels(input.projectId, input.serviceId, 'image'), [VERSION_LABEL]: input.versionId },
    });
    await ctx.log(`app version image ready (${ref})`, { step: 'image' });
    return ref;
  } finally {
    await ctx.engine.removeContainer(id, 0).catch(() => {});
  }
}
