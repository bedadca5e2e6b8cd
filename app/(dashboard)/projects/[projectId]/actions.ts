'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { upgradeCore } from '@/lib/domain/core-upgrade';
import { setLogForwarding } from '@/lib/domain/log-forwarding';
import { AppError } from '@/lib/errors';
import { deleteEnv, setEnv } from '@/lib/domain/env';
import { cancelProcess } from '@/lib/domain/processes';
import { addMember, removeMember } from '@/lib/domain/members';
import { deleteProject } from '@/lib/domain/projects';
import { addProjectIpV4, releaseProjectIpV4 } from '@/lib/domain/project-addresses';
import { clearBackupTarget, setBackupTarget, testBackupTarget } from '@/lib/backups/target-settings';

const projectId = z.string().min(1);
const optionalService = z.string().optional().transform((v) => v || null);

export const deleteProjectAction = projectAction(z.object({ projectId, confirm: z.string(), keepBackups: z.string().optional() }), 'owner', async (input, { user, db, project }) => {
  if (input.confirm !== project.name) {
    throw new AppError('VALIDATION', 'Type the project name to confirm', { confirm: [`Type "${project.name}" to confirm`] });
  }
  await deleteProject(db, user.id, project.id, { keepBackups: input.keepBackups === 'on' });
  redirect('/projects');
});

export const setEnvAction = projectAction(
  z.object({ projectId, serviceId: optionalService, key: z.string(), value: z.string().default(''), secret: z.string().optional() }),
  'write',
  async (input, { user, db }) => {
    await setEnv(db, user.id, input.projectId, input.serviceId, { key: input.key, value: input.value, secret: input.secret === 'on' });
    revalidatePath(`/projects/${input.projectId}`);
    return { ok: true, data: { message: `${input.key} saved. It takes effect when the service restarts.` } };
  },
);

export const deleteEnvAction = projectAction(z.object({ projectId, serviceId: optionalService, key: z.string() }), 'write', async (input, { user, db }) => {
  await deleteEnv(db, user.id, input.projectId, input.serviceId, input.key);
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: `${input.key} deleted. It takes effect when the service restarts.` } };
});

export const cancelProcessAction = projectAction(z.object({ projectId, processId: z.string() }), 'write', async (input, { user, db }) => {
  await cancelProcess(db, user.id, input.projectId, input.processId);
  return { ok: true, data: { message: 'Cancel requested: the process stops at its next step.' } };
});

export const addMemberAction = projectAction(z.object({ projectId, email: z.string(), role: z.string() }), 'owner', async (input, { user, db }) => {
  await addMember(db, user.id, input.projectId, { email: input.email, role: input.role });
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: `${input.email} added as ${input.role}.` } };
});

export const removeMemberAction = projectAction(z.object({ projectId, userId: z.string() }), 'owner', async (input, { user, db }) => {
  await removeMember(db, user.id, input.projectId, input.userId);
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: 'Member removed.' } };
});

export const upgradeCoreAction = projectAction(z.object({ projectId }), 'owner', async (input, { user, db }) => {
  await upgradeCore(db, user.id, input.projectId);
  return { ok: true, data: { message: 'Upgrade to the Serious core started.' } };
});

export const setLogForwardingAction = projectAction(z.object({ projectId, host: z.string().default(''), port: z.string().default('') }), 'write', async (input, { user, db }) => {
  const target = input.host ? await setLogForwarding(db, user.id, input.projectId, { host: input.host, port: input.port }) : await setLogForwarding(db, user.id, input.projectId, null);
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: target ? `Logs are forwarded to ${target.host}:${target.port}.` : 'Log forwarding is off.' } };
});

export const setIpV4Action = projectAction(z.object({ projectId, want: z.enum(['add', 'release']) }), 'owner', async (input, { user, db }) => {
  if (input.want === 'add') {
    const { address } = await addProjectIpV4(db, user.id, input.projectId);
    revalidatePath(`/projects/${input.projectId}`);
    return { ok: true, data: { message: `The project gets the IPv4 address ${address}.` } };
  }
  const { released } = await releaseProjectIpV4(db, user.id, input.projectId);
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: `${released} is released; the project serves on IPv6.` } };
});

/** The form's strings go to the domain as they are (it validates them); an empty region takes the domain's default. */
const formText = z.string().default('');
export const setBackupTargetAction = projectAction(
  z.object({ projectId, endpoint: formText, region: formText, bucket: formText, accessKeyId: formText, secretAccessKey: formText }),
  'write',
  async ({ projectId: id, region, ...rest }, { user, db }) => {
    const { target } = await setBackupTarget(db, user.id, id, { ...rest, region: region.trim() || undefined });
    revalidatePath(`/projects/${id}`);
    return { ok: true, data: { message: `New backups go to the bucket ${target?.bucket ?? rest.bucket}.` } };
  },
);

export const setServiceBackupTargetAction = projectAction(z.object({ projectId, serviceId: z.string() }), 'write', async ({ projectId: id, serviceId }, { user, db }) => {
  const { target } = await setBackupTarget(db, user.id, id, { serviceId });
  revalidatePath(`/projects/${id}`);
  return { ok: true, data: { message: `New backups go to the bucket ${target?.bucket ?? ''} of the project's object storage.` } };
});

export const testBackupTargetAction = projectAction(z.object({ projectId }), 'write', async (input, { user, db }) => {
  const { bucket } = await testBackupTarget(db, user.id, input.projectId);
  return { ok: true, data: { message: `The bucket ${bucket} took a test write and delete.` } };
});

export const clearBackupTargetAction = projectAction(z.object({ projectId }), 'write', async (input, { user, db }) => {
  await clearBackupTarget(db, user.id, input.projectId);
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: 'New backups stay under the server’s data directory.' } };
});
