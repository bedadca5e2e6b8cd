import { eq } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { deploySources } from '@/lib/db/schema';
import { generateDeployKey, publicKeyOf } from '@/lib/deploy/source/deploy-key';
import { audit } from './audit';
import { deployableService } from './deploys';

/**
 * The service's ssh deploy key for private Git repositories: Berth keeps the private half
 * (encrypted) and shows the public line, to add as a read-only deploy key at the Git host. Any
 * ssh source the service deploys from (ssh:// or user@host:path) is fetched with it.
 */
export async function deployKeyInfo(db: Db, userId: string, projectId: string, serviceId: string): Promise<{ publicKey: string | null }> {
  await deployableService(db, userId, projectId, serviceId, 'read');
  const [row] = await db.select().from(deploySources).where(eq(deploySources.serviceId, serviceId));
  return { publicKey: row?.sshKeyEncrypted ? await publicKeyOf(decryptSecret(row.sshKeyEncrypted)) : null };
}

/** A new key pair for the service (replacing any key it had: the old public key stops working). */
export async function createDeployKey(db: Db, userId: string, projectId: string, serviceId: string): Promise<{ publicKey: string }> {
  const { service, project } = await deployableService(db, userId, projectId, serviceId);
  const { privateKey, publicKey } = await generateDeployKey(`berth-${service.hostname}@${project.slug}`);
  const values = { projectId, sshKeyEncrypted: encryptSecret(privateKey), updatedAt: new Date() };
  await db.insert(deploySources).values({ serviceId, ...values }).onConflictDoUpdate({ target: deploySources.serviceId, set: values });
  await audit(db, { userId, projectId, action: 'service.deployKeyCreate', target: service.hostname });
  return { publicKey };
}
