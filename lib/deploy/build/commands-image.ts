import crypto from 'node:crypto';
import type { ProcessContext } from '@/lib/processes/context';
import { canonical } from '@/lib/provisioner/labels';
import { buildContainerName, buildLabels } from './labels';
import { caMount, cancellable, lineLog } from './tools';

export class CommandFailed extends Error {}

export interface CommandsImageInput {
  projectId: string;
  serviceId: string;
  network: string;
  baseImage: string;
  commands: string[];
  /** Files put into the container before the commands run (tar at path). */
  files?: { path: string; tar: Buffer; digest: string };
  env: Record<string, string>;
  repo: string;
  step: string;
  field: string;
  deadline: number;
}

/**
 * An image of `baseImage` after `commands` ran in it, cached by a hash of the base, the commands and
 * the files put in (like Zerops, not the variables, which change with every version): the second
 * deploy with the same base and commands reuses it without running anything.
 */
export async function commandsImage(ctx: ProcessContext, input: CommandsImageInput): Promise<string> {
  if (input.commands.length === 0) return input.baseImage;
  const hash = crypto
    .createHash('sha256')
    .update(canonical({ base: input.baseImage, commands: input.commands, files: input.files?.digest ?? null }))
    .digest('hex')
    .slice(0, 24);
  const ref = `${input.repo}:${hash}`;
  if (await ctx.engine.imageExists(ref)) {
    await ctx.log(`${input.field}: reusing the cached image (${hash.slice(0, 12)})`, { step: input.step });
    return ref;
  }
  const name = buildContainerName(input.projectId, `${input.step}-${hash.slice(0, 12)}`);
  const ca = caMount();
  await ctx.engine.removeContainer(name, 0);
  const id = await ctx.engine.createContainer(
    {
      name,
      image: input.baseImage,
      env: { ...input.env, ...ca.env },
      cmd: ['sleep', 'infinity'],
      labels: {},
      mounts: [],
      binds: ca.binds,
      network: { mode: 'bridge', name: input.network, aliases: [] },
      limits: { nanoCpus: 0, memoryBytes: 0 },
      restart: 'no',
      running: true,
    },
    buildLabels(input.projectId, input.serviceId, 'prepare'),
  );
  try {
    if (input.files) await ctx.engine.putArchive(id, input.files.path, input.files.tar);
    for (const [i, command] of input.commands.entries()) {
      await ctx.log(`$ ${command}`, { step: input.step });
      const out = lineLog(ctx, input.step);
      const code = await cancellable(
        ctx,
        () => ctx.engine.execStream(id, ['sh', '-c', command], (l) => out.line(l)),
        () => ctx.engine.removeContainer(id, 0),
        input.deadline,
      ).finally(() => out.close());
      if (code !== 0) throw new CommandFailed(`${input.field}[${i}] "${command}" exited with code ${code}`);
    }
    await ctx.engine.commitContainer(id, ref, { labels: buildLabels(input.projectId, input.serviceId, 'image') });
    return ref;
  } finally {
    await ctx.engine.removeContainer(id, 0);
  }
}
