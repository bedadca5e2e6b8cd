import { eq } from 'drizzle-orm';
import { imageFor, resolveTypeVersion } from '@/lib/catalog';
import { services } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { findTypeImage } from '@/lib/images/definitions';
import { ensureLocalImage } from '@/lib/images/on-demand';
import type { ProcessContext } from './context';

/**
 * Local images of versions outside the default set are built the first time a service of that version
 * is created or started (cached by input hash, one build per image on the host): the steps land in
 * the process log. Nothing to do for the official source, where the engine pulls.
 */
export async function ensureServiceImages(ctx: ProcessContext, where: { projectId: string; serviceId?: string }): Promise<void> {
  if (env.BERTH_IMAGE_SOURCE !== 'local') return;
  const rows = await ctx.db
    .select({ id: services.id, type: services.type, version: services.version })
    .from(services)
    .where(eq(services.projectId, where.projectId));
  const refs = new Set<string>();
  for (const row of rows) {
    if (where.serviceId && row.id !== where.serviceId) continue;
    const { entry, version } = resolveTypeVersion(`${row.type}@${row.version}`);
    refs.add(imageFor(entry, version, 'local'));
  }
  for (const ref of refs) await ensureCatalogImage(ctx, ref);
}

/** One catalog image (a service's, or a deploy's build or run base): built first when it is an on-demand local one. */
export async function ensureCatalogImage(ctx: ProcessContext, ref: string): Promise<void> {
  if (env.BERTH_IMAGE_SOURCE !== 'local' || !findTypeImage(ref)?.onDemand) return;
  await ctx.checkpoint('image');
  const lines: Promise<void>[] = [];
  const result = await ensureLocalImage(ref, (line) => void lines.push(ctx.log(line, { step: 'image' })));
  await Promise.all(lines);
  if (result === 'built') await ctx.log(`built ${ref}`, { step: 'image' });
}
