import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projectBackupKeys } from '@/lib/db/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';

/**
 * The project's backup data key (32 bytes), created on first use. It is stored only wrapped by the
 * server's secret key, so neither the database nor the backup files alone reveal a dump.
 */
export async function projectBackupKey(db: Db, projectId: string): Promise<Buffer> {
  const read = async () => (await db.select().from(projectBackupKeys).where(eq(projectBackupKeys.projectId, projectId)))[0];
  let row = await read();
  if (!row) {
    const fresh = crypto.randomBytes(32).toString('hex');
    await db.insert(projectBackupKeys).values({ projectId, wrappedKey: encryptSecret(fresh) }).onConflictDoNothing();
    row = await read();
  }
  if (!row) throw new Error('the project has no backup key');
  return Buffer.from(decryptSecret(row.wrappedKey), 'hex');
}
