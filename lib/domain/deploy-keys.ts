import fs from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { deploySources } from '@/lib/db/schema';
import { generateDeployKey, publicKeyOf } from '@/lib/deploy/source/deploy-key';
import { parseKnownHosts, withoutHost, type PinnedHost } from '@/lib/deploy/source/known-hosts';
import { knownHostsPath, writeAtomic } from '@/lib/deploy/store';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/validations/parse';
import { audit } from './audit';
import { deployableService } from './deploys';

/**
 * The service's ssh deploy key for private Git repositories: Berth keeps the private half
 * (encrypted) and shows the public line, to add as a read-only deploy key at the Git host. Any
 * ssh source the service deploys from (ssh:// or user@host:path) is fetched with it.
 */
export async function deployKeyInfo(db: Db, userId: string, projectId: string, serviceId: string): Promise<{ publicKey: string | null; pinnedHosts: PinnedHost[] }> {
  await deployableService(db, userId, projectId, serviceId, 'read');
  const [row] = await db.select().from(deploySources).where(eq(deploySources.serviceId, serviceId));
  return {
    publicKey: row?.sshKeyEncrypted ? await publicKeyOf(decryptSecret(row.sshKeyEncrypted)) : null,
    pinnedHosts: parseKnownHosts(await readKnownHosts(serviceId)),
  };
}

const readKnownHosts = (serviceId: string) => fs.readFile(knownHostsPath(serviceId), 'utf8').catch(() => '');

const forgetSchema = z.object({ host: z.string().trim().min(1).max(300).regex(/^\S+$/, 'must be a host as listed, without spaces') });

/**
 * Forgets the key pinned for one Git host (after the host really changed its key, say): the next
 * ssh fetch from it records the key it shows then.
 */
export async function forgetHostKey(db: Db, userId: string, projectId: string, serviceId: string, raw: z.input<typeof forgetSchema>): Promise<{ pinnedHosts: PinnedHost[] }> {
  const { host } = parseInput(forgetSchema, raw);
  const { service } = await deployableService(db, userId, projectId, serviceId);
  const { text, removed } = withoutHost(await readKnownHosts(serviceId), host);
  if (!removed) throw new AppError('NOT_FOUND', `host: no key is pinned for ${host}`, { host: ['no key is pinned for this host'] });
  if (text) await writeAtomic(knownHostsPath(serviceId), Buffer.from(text));
  else await fs.rm(knownHostsPath(serviceId), { force: true });
  await audit(db, { userId, projectId, action: 'service.hostKeyForget', target: `${service.hostname} ${host}` });
  return { pinnedHosts: parseKnownHosts(text) };
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
