import { and, desc, eq, inArray, max, notInArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { appVersions, type AppVersion, type AppVersionSource } from '@/lib/db/schema';
import type { Engine } from '@/lib/provisioner/engine';
import { removeBlob } from './store';

/** How many app versions a service keeps (Zerops keeps 10); older ones are pruned with their artifact and image. */
export const KEPT_VERSIONS = 10;

export async function createVersion(
  tx: Db,
  input: { projectId: string; serviceId: string; source: AppVersionSource; setupName?: string | null; zeropsYml?: string | null; createdBy?: string | null },
): Promise<AppVersion> {
  const [top] = await tx.select({ n: max(appVersions.sequence) }).from(appVersions).where(eq(appVersions.serviceId, input.serviceId));
  const [row] = await tx
    .insert(appVersions)
    .values({
      projectId: input.projectId,
      serviceId: input.serviceId,
      sequence: (top?.n ?? 0) + 1,
      source: input.source,
      setupName: input.setupName ?? null,
      zeropsYml: input.zeropsYml ?? null,
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return row!;
}

export async function getVersion(db: Db, id: string): Promise<AppVersion | undefined> {
  const [row] = await db.select().from(appVersions).where(eq(appVersions.id, id));
  return row;
}

export async function updateVersion(db: Db, id: string, patch: Partial<Omit<AppVersion, 'id' | 'projectId' | 'serviceId' | 'sequence'>>): Promise<void> {
  await db.update(appVersions).set(patch).where(eq(appVersions.id, id));
}

/**
 * Keeps the newest KEPT_VERSIONS versions of a service (and always the ACTIVE one); removes the
 * rest with their image and, when no kept version shares it, their artifact.
 */
export async function pruneVersions(db: Db, engine: Engine, serviceId: string): Promise<number> {
  const all = await db.select().from(appVersions).where(eq(appVersions.serviceId, serviceId)).orderBy(desc(appVersions.sequence));
  const busy = ['ACTIVE', 'DEPLOYING', 'BUILDING', 'PENDING'];
  const kept = all.slice(0, KEPT_VERSIONS).concat(all.slice(KEPT_VERSIONS).filter((v) => busy.includes(v.status)));
  const gone = all.filter((v) => !kept.includes(v));
  if (gone.length === 0) return 0;
  const keptArtifacts = new Set(kept.map((v) => v.artifactDigest).filter(Boolean));
  for (const v of gone) {
    if (v.image) await engine.removeImage(v.image).catch(() => {});
    if (v.artifactDigest && !keptArtifacts.has(v.artifactDigest)) await removeBlob('artifacts', v.artifactDigest);
  }
  await db.delete(appVersions).where(
    and(
      eq(appVersions.serviceId, serviceId),
      inArray(
        appVersions.id,
        gone.map((v) => v.id),
      ),
      notInArray(appVersions.status, busy as AppVersion['status'][]),
    ),
  );
  return gone.length;
}
