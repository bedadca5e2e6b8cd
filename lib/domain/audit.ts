import type { Db } from '@/lib/db/client';
import { auditLog } from '@/lib/db/schema';
import { redact } from '@/lib/log';

export async function audit(
  db: Db,
  entry: { userId?: string | null; projectId?: string | null; action: string; target?: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId ?? null,
    projectId: entry.projectId ?? null,
    action: entry.action,
    target: entry.target ?? '',
    details: (redact(entry.details ?? {}) as Record<string, unknown>) ?? {},
  });
}
