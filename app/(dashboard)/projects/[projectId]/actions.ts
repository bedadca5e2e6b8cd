'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { addPublicPort, removePublicPort, setRouteFirewall, setSubdomainAccess } from '@/lib/core/public-ports';
import { addDomain, publishRouting, removeDomain } from '@/lib/core/domains';
import { upgradeCore } from '@/lib/core/upgrade';
import { setLogForwarding } from '@/lib/logs/forwarding';
import { AppError } from '@/lib/errors';
import { deleteEnv, setEnv } from '@/lib/services/env';
import { cancelProcess } from '@/lib/services/processes';
import { addMember, removeMember } from '@/lib/services/members';
import { deleteProject } from '@/lib/services/projects';
import { deleteService, restartService, scaleService, startService, stopService } from '@/lib/services/services';

const projectId = z.string().min(1);
const optionalService = z.string().optional().transform((v) => v || null);

export const deleteProjectAction = projectAction(z.object({ projectId, confirm: z.string() }), 'owner', async (input, { user, db, project }) => {
  if (input.confirm !== project.name) {
    throw new AppError('VALIDATION', 'Type the project name to confirm', { confirm: [`Type "${project.name}" to confirm`] });
  }
  await deleteProject(db, user.id, project.id);
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

const commands = { start: startService, stop: stopService, restart: restartService, delete: deleteService } as const;

export const serviceCommandAction = projectAction(
  z.object({ projectId, serviceId: z.string(), command: z.enum(['start', 'stop', 'restart', 'delete']) }),
  'write',
  async (input, { user, db }) => {
    await commands[input.command](db, user.id, input.projectId, input.serviceId);
    if (input.command === 'delete') redirect(`/projects/${input.projectId}`);
    return { ok: true, data: { message: `${input.command[0]!.toUpperCase()}${input.command.slice(1)} queued.` } };
  },
);

export const scaleServiceAction = projectAction(z.object({ projectId, serviceId: z.string(), containerCount: z.string() }), 'write', async (input, { user, db }) => {
  await scaleService(db, user.id, input.projectId, input.serviceId, { containerCount: input.containerCount });
  return { ok: true, data: { message: `Scaling to ${input.containerCount} container(s).` } };
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

const ranges = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export const addPublicPortAction = projectAction(
  z.object({ projectId, serviceId: z.string(), publicPort: z.string(), internalPort: z.string(), protocol: z.string(), policy: z.string(), ranges: z.string().default('') }),
  'write',
  async (input, { user, db }) => {
    await addPublicPort(db, user.id, input.projectId, {
      serviceId: input.serviceId,
      publicPort: input.publicPort,
      internalPort: input.internalPort,
      protocol: input.protocol as 'tcp' | 'udp',
      firewall: { policy: input.policy as 'none' | 'allow' | 'deny', ranges: ranges(input.ranges) },
    });
    revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
    return { ok: true, data: { message: `${input.protocol}/${input.publicPort} opening.` } };
  },
);

export const removePublicPortAction = projectAction(z.object({ projectId, serviceId: z.string(), portId: z.string() }), 'write', async (input, { user, db }) => {
  await removePublicPort(db, user.id, input.projectId, input.portId);
  revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
  return { ok: true, data: { message: 'Port closing.' } };
});

export const setRouteFirewallAction = projectAction(
  z.object({ projectId, serviceId: z.string(), policy: z.string(), ranges: z.string().default('') }),
  'write',
  async (input, { user, db }) => {
    await setRouteFirewall(db, user.id, input.projectId, input.serviceId, { policy: input.policy, ranges: ranges(input.ranges) });
    revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
    return { ok: true, data: { message: 'Firewall publishing.' } };
  },
);

export const setSubdomainAction = projectAction(z.object({ projectId, serviceId: z.string(), enabled: z.enum(['true', 'false']) }), 'write', async (input, { user, db }) => {
  await setSubdomainAccess(db, user.id, input.projectId, input.serviceId, input.enabled === 'true');
  revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
  return { ok: true, data: { message: input.enabled === 'true' ? 'Subdomain access enabling.' : 'Subdomain access disabling.' } };
});

export const addDomainAction = projectAction(z.object({ projectId, serviceId: z.string(), domain: z.string(), path: z.string().default('/') }), 'write', async (input, { user, db }) => {
  await addDomain(db, user.id, input.projectId, { serviceId: input.serviceId, domain: input.domain, path: input.path || '/' });
  revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
  return { ok: true, data: { message: `${input.domain} staged. Publish to apply it.` } };
});

export const removeDomainAction = projectAction(z.object({ projectId, serviceId: z.string(), domainId: z.string() }), 'write', async (input, { user, db }) => {
  await removeDomain(db, user.id, input.projectId, input.domainId);
  revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
  return { ok: true, data: { message: 'Removal staged. Publish to apply it.' } };
});

export const publishRoutingAction = projectAction(z.object({ projectId, serviceId: z.string().optional() }), 'write', async (input, { user, db }) => {
  await publishRouting(db, user.id, input.projectId);
  if (input.serviceId) revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
  return { ok: true, data: { message: 'Publishing the staged routing.' } };
});

export const setLogForwardingAction = projectAction(z.object({ projectId, host: z.string().default(''), port: z.string().default('') }), 'write', async (input, { user, db }) => {
  const target = input.host ? await setLogForwarding(db, user.id, input.projectId, { host: input.host, port: input.port }) : await setLogForwarding(db, user.id, input.projectId, null);
  revalidatePath(`/projects/${input.projectId}`);
  return { ok: true, data: { message: target ? `Logs are forwarded to ${target.host}:${target.port}.` : 'Log forwarding is off.' } };
});
