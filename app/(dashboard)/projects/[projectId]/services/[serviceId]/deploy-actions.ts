'use server';

import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { regenerateWebhook, revealWebhook } from '@/lib/domain/deploy-webhooks';
import { createDeployKey, deployKeyInfo, forgetHostKey } from '@/lib/domain/deploy-keys';
import { activateVersion, deployGit } from '@/lib/domain/deploys';
import type { PinnedHost } from '@/lib/deploy/source/known-hosts';

/** The Deploys section: deploy from Git, activate a kept version (rollback), the webhook URL, the ssh deploy key. */
/** Pinned host keys for the client, one `host keyType fingerprint` line each (none of the three has a space). */
const pinnedLines = (hosts: PinnedHost[]) => hosts.map((h) => `${h.host} ${h.keyType} ${h.fingerprint}`).join('\n');

const ids = { projectId: z.string().min(1), serviceId: z.string().min(1) };

export const deployGitAction = projectAction(
  z.object({ ...ids, gitUrl: z.string(), gitRef: z.string().default(''), setup: z.string().default('') }),
  'write',
  async (input, { user, db }) => {
    const { version } = await deployGit(db, user.id, input.projectId, input.serviceId, {
      gitUrl: input.gitUrl,
      gitRef: input.gitRef || undefined,
      setup: input.setup || undefined,
    });
    return { ok: true, data: { message: `Version ${version.sequence} is building.`, versionId: version.id } };
  },
);

export const activateVersionAction = projectAction(z.object({ ...ids, versionId: z.string() }), 'write', async (input, { user, db }) => {
  await activateVersion(db, user.id, input.projectId, input.serviceId, input.versionId);
  return { ok: true, data: { message: 'Activating the version: no build, its containers start beside the current ones.' } };
});

export const revealWebhookAction = projectAction(z.object(ids), 'write', async (input, { user, db }) => {
  const { path } = await revealWebhook(db, user.id, input.projectId, input.serviceId);
  return { ok: true, data: { message: 'Webhook URL shown.', path } };
});

export const regenerateWebhookAction = projectAction(z.object(ids), 'write', async (input, { user, db }) => {
  const { path } = await regenerateWebhook(db, user.id, input.projectId, input.serviceId);
  return { ok: true, data: { message: 'New webhook URL: the old one no longer builds.', path } };
});

export const showDeployKeyAction = projectAction(z.object(ids), 'read', async (input, { user, db }) => {
  const { publicKey, pinnedHosts } = await deployKeyInfo(db, user.id, input.projectId, input.serviceId);
  return { ok: true, data: { message: publicKey ? 'Deploy key shown.' : 'Deploy key: none yet.', publicKey: publicKey ?? '', pinnedHosts: pinnedLines(pinnedHosts) } };
});

export const createDeployKeyAction = projectAction(z.object(ids), 'write', async (input, { user, db }) => {
  const { publicKey } = await createDeployKey(db, user.id, input.projectId, input.serviceId);
  return { ok: true, data: { message: 'New deploy key: add it at your Git host (any earlier key of this service no longer works).', publicKey } };
});

export const forgetHostKeyAction = projectAction(z.object({ ...ids, host: z.string() }), 'write', async (input, { user, db }) => {
  const { pinnedHosts } = await forgetHostKey(db, user.id, input.projectId, input.serviceId, { host: input.host });
  return { ok: true, data: { message: `The key of ${input.host} is forgotten: the next fetch pins the key it shows.`, pinnedHosts: pinnedLines(pinnedHosts) } };
});
