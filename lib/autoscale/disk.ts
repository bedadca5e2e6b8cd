import { getCatalogEntry } from '@/lib/catalog';
import type { Db } from '@/lib/db/client';
import { scalingEvents, type Service } from '@/lib/db/schema';
import type { Engine } from '@/lib/provisioner/engine';

/** Warn when a container's volumes use this share of maxDisk. */
export const DISK_WARN_AT = 0.9;
const GB = 1024 * 1024;

/** Kilobytes used under `path` in the container (`du -sk`), or undefined when it cannot tell. */
async function usedKb(engine: Engine, container: string, path: string): Promise<number | undefined> {
  const r = await engine.exec(container, ['du', '-sk', path]).catch(() => undefined);
  const kb = Number(r?.stdout.trim().split(/\s+/)[0]);
  return r?.exitCode === 0 && Number.isFinite(kb) ? kb : undefined;
}

/**
 * Docker's local volumes on overlay2/ext4 take no size limit, so maxDisk is watched rather than
 * enforced: the service's volumes are measured and a `disk` warning event is written when they
 * reach DISK_WARN_AT of maxDisk (once, until usage drops below it again). Returns the GB used.
 */
export async function watchDisk(db: Db, engine: Engine, service: Service, container: string, warned: Set<string>): Promise<number | undefined> {
  const maxGb = service.autoscaling.maxDisk;
  const paths = getCatalogEntry(service.type).volumes.map((v) => v.mountPath);
  if (maxGb === undefined || paths.length === 0) return undefined;
  let kb = 0;
  for (const p of paths) kb += (await usedKb(engine, container, p)) ?? 0;
  const gb = Math.round((kb / GB) * 1000) / 1000;
  if (gb >= maxGb * DISK_WARN_AT && !warned.has(container)) {
    warned.add(container);
    await db.insert(scalingEvents).values({
      projectId: service.projectId,
      serviceId: service.id,
      resource: 'disk',
      direction: 'warn',
      fromValue: gb,
      toValue: maxGb,
      containerName: container,
      containerCount: service.containerCount,
      reason: `volumes use ${gb} GB of maxDisk ${maxGb} GB (${Math.round((gb / maxGb) * 100)}%)`,
    });
  } else if (gb < maxGb * DISK_WARN_AT) warned.delete(container);
  return gb;
}
