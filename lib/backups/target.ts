import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, services, type Service } from '@/lib/db/schema';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import type { Engine } from '@/lib/provisioner/engine';
import type { ToolTarget } from './tools';

/**
 * The container a tool runs in: for a backup a running replica when the service has one (the
 * primary keeps serving), else the main/primary container; a restore always writes to the primary.
 */
export async function toolTarget(db: Db, engine: Engine, service: Service, purpose: 'backup' | 'restore'): Promise<ToolTarget> {
  const rows = await db.select().from(containers).where(eq(containers.serviceId, service.id));
  const running = rows.filter((c) => c.status === 'running');
  const primary = running.find((c) => c.role === 'main' || c.role === 'primary');
  const replica = running.find((c) => c.role === 'replica' && c.health === 'healthy');
  const chosen = purpose === 'backup' && service.type === 'postgresql' ? (replica ?? primary) : primary;
  if (!chosen) throw new Error(`${service.hostname} has no running container to ${purpose} (start the service first)`);
  const list = await db.select().from(services).where(eq(services.projectId, service.projectId));
  const { env } = resolveServiceEnv(await loadProjectVars(db, service.projectId, list), service.hostname);
  return { engine, container: chosen.name, hostname: service.hostname, vars: env };
}
