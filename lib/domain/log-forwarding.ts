import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects } from '@/lib/db/schema';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from './audit';
import { parseInput } from '@/lib/validations/parse';
import { users } from '@/lib/db/schema';
import { forbidden } from '@/lib/errors';
import { requireNotDeleting } from './ids';
import { resolveForwardTarget, type Lookup } from '@/lib/logs/forward-target';
import { logForwardSchema, type LogForward } from '@/lib/logs/syslog';

/**
 * Forward the project's logs to a syslog endpoint over UDP (null turns forwarding off). The name
 * is resolved and checked here, once; the collector sends to the stored address.
 */
export async function setLogForwarding(db: Db, userId: string, projectId: string, raw: unknown | null, lookup?: Lookup): Promise<LogForward | null> {
  requireNotDeleting((await requireProjectAccess(db, userId, projectId, 'write')).project);
  let target: LogForward | null = null;
  if (raw !== null) {
    const input = parseInput(logForwardSchema, raw);
    if (input.allowLocal) {
      const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
      if (user?.role !== 'admin') throw forbidden('Only an admin can allow forwarding to an address on this server');
    }
    const address = await resolveForwardTarget(input.host, { allowLocal: Boolean(input.allowLocal), lookup });
    target = { ...input, address };
  }
  await db
    .update(projects)
    .set({ settings: sql`${projects.settings} || ${JSON.stringify({ logForward: target })}::jsonb`, updatedAt: new Date() })
    .where(eq(projects.id, projectId));
  await audit(db, { userId, projectId, action: target ? 'logs.forward' : 'logs.forward.off', target: target ? `${target.host}:${target.port}` : '' });
  return target;
}
