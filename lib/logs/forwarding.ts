import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from '@/lib/services/audit';
import { parseInput } from '@/lib/validations/parse';
import { logForwardSchema, type LogForward } from './syslog';

/** Forward the project's logs to a syslog endpoint over UDP (null turns forwarding off). */
export async function setLogForwarding(db: Db, userId: string, projectId: string, raw: unknown | null): Promise<LogForward | null> {
  await requireProjectAccess(db, userId, projectId, 'write');
  const target = raw === null ? null : parseInput(logForwardSchema, raw);
  await db
    .update(projects)
    .set({ settings: sql`${projects.settings} || ${JSON.stringify({ logForward: target })}::jsonb`, updatedAt: new Date() })
    .where(eq(projects.id, projectId));
  await audit(db, { userId, projectId, action: target ? 'logs.forward' : 'logs.forward.off', target: target ? `${target.host}:${target.port}` : '' });
  return target;
}
