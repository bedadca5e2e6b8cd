import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { deploySources, projects, services } from '@/lib/db/schema';
import { parsePushEvent, pushBuilds } from '@/lib/deploy/source/webhook';
import { conflict, notFound } from '@/lib/errors';
import { audit } from './audit';
import { deployableService, startDeploy } from './deploys';

export const webhookPath = (serviceId: string, secret: string) => `/api/v1/hooks/deploy/${serviceId}/${secret}`;

async function setSecret(db: Db, projectId: string, serviceId: string, secret: string) {
  const values = { projectId, webhookSecretEncrypted: encryptSecret(secret), updatedAt: new Date() };
  await db.insert(deploySources).values({ serviceId, ...values }).onConflictDoUpdate({ target: deploySources.serviceId, set: values });
}

/** The tracked repository and branch, and whether a webhook exists (no secret: readers may see this). */
export async function webhookInfo(db: Db, userId: string, projectId: string, serviceId: string) {
  await deployableService(db, userId, projectId, serviceId, 'read');
  const [row] = await db.select().from(deploySources).where(eq(deploySources.serviceId, serviceId));
  return { gitUrl: row?.gitUrl ?? null, gitBranch: row?.gitBranch ?? null, webhook: !!row?.webhookSecretEncrypted };
}

/** The service's webhook URL path (made on first use), with the repository and branch it builds. */
export async function revealWebhook(db: Db, userId: string, projectId: string, serviceId: string) {
  await deployableService(db, userId, projectId, serviceId);
  const [row] = await db.select().from(deploySources).where(eq(deploySources.serviceId, serviceId));
  let secret = row?.webhookSecretEncrypted ? decryptSecret(row.webhookSecretEncrypted) : null;
  if (!secret) {
    secret = crypto.randomBytes(24).toString('base64url');
    await setSecret(db, projectId, serviceId, secret);
  }
  return { path: webhookPath(serviceId, secret), gitUrl: row?.gitUrl ?? null, gitBranch: row?.gitBranch ?? null };
}

/** A new secret: the old URL stops working at once. */
export async function regenerateWebhook(db: Db, userId: string, projectId: string, serviceId: string) {
  await deployableService(db, userId, projectId, serviceId);
  await setSecret(db, projectId, serviceId, crypto.randomBytes(24).toString('base64url'));
  await audit(db, { userId, projectId, action: 'service.webhookRegenerate', target: serviceId });
  return revealWebhook(db, userId, projectId, serviceId);
}

/**
 * A push webhook call (no session: the secret in the URL is the credential). A wrong secret or an
 * unknown service is NOT_FOUND; a push to the tracked branch or a new tag starts a deploy of the
 * tracked repository at the pushed commit; anything else is accepted and ignored.
 */
export async function handleWebhook(db: Db, serviceId: string, secret: string, body: unknown) {
  if (typeof serviceId !== 'string' || typeof secret !== 'string' || !/^[0-9a-f-]{36}$/i.test(serviceId)) throw notFound('Webhook');
  const [row] = await db.select().from(deploySources).where(eq(deploySources.serviceId, serviceId));
  const stored = row?.webhookSecretEncrypted ? Buffer.from(decryptSecret(row.webhookSecretEncrypted)) : null;
  const given = Buffer.from(secret);
  if (!row || !stored || stored.length !== given.length || !crypto.timingSafeEqual(stored, given)) throw notFound('Webhook');
  const event = parsePushEvent(body);
  if (!event || !pushBuilds(event, row.gitBranch)) return { built: false, reason: event ? `${event.kind} ${event.name} is not tracked` : 'not a push event' };
  if (!row.gitUrl) throw conflict('No Git repository is set for this service; deploy from Git once to set it');
  const [service] = await db.select().from(services).where(eq(services.id, serviceId));
  const [project] = service ? await db.select().from(projects).where(eq(projects.id, service.projectId)) : [];
  if (!service || !project) throw notFound('Webhook');
  const ref = event.kind === 'tag' ? event.name : (event.commit ?? event.name);
  const { version, process } = await startDeploy(db, { userId: null, project, service }, { kind: 'git', url: row.gitUrl, ref }, { setupName: row.setupName });
  return { built: true, versionId: version.id, processId: process.id };
}
