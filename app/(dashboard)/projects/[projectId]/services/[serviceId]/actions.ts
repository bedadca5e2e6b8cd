'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { requestHeaders } from '@/lib/actions/request-headers';
import { addDomain, publishRouting, removeDomain } from '@/lib/domain/domains';
import { addPublicPort, removePublicPort, setRouteFirewall, setSubdomainAccess } from '@/lib/domain/public-ports';
import { deleteService, restartService, scaleService, startService, stopService, updateObjectStorage } from '@/lib/domain/services';
import { setAutoscaling } from '@/lib/domain/autoscaling';

/** One service's actions: lifecycle, scaling, public ports, subdomain, firewall, domains. */
const projectId = z.string().min(1);

const commands = { start: startService, stop: stopService, restart: restartService } as const;

export const serviceCommandAction = projectAction(
  z.object({ projectId, serviceId: z.string(), command: z.enum(['start', 'stop', 'restart', 'delete']), keepBackups: z.string().optional() }),
  'write',
  async (input, { user, db }) => {
    if (input.command === 'delete') {
      // An unticked box sends nothing; a service without backups has no box and nothing to keep.
      await deleteService(db, user.id, input.projectId, input.serviceId, { keepBackups: input.keepBackups === 'on' });
      redirect(`/projects/${input.projectId}`);
    }
    await commands[input.command](db, user.id, input.projectId, input.serviceId);
    return { ok: true, data: { message: `${input.command[0]!.toUpperCase()}${input.command.slice(1)} queued.` } };
  },
);

export const scaleServiceAction = projectAction(z.object({ projectId, serviceId: z.string(), containerCount: z.string() }), 'write', async (input, { user, db }) => {
  await scaleService(db, user.id, input.projectId, input.serviceId, { containerCount: input.containerCount });
  return { ok: true, data: { message: `Scaling to ${input.containerCount} container(s).` } };
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
  const requestHost = (await requestHeaders())?.get('host');
  await addDomain(db, user.id, input.projectId, { serviceId: input.serviceId, domain: input.domain, path: input.path || '/' }, { requestHost });
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


const SCALING_NUMBERS = ['minCpu', 'maxCpu', 'startCpuCoreCount', 'minRam', 'maxRam', 'minFreeRamGB', 'minFreeRamPercent', 'minDisk', 'maxDisk', 'minContainers', 'maxContainers'] as const;

/** The scaling form: empty fields are unset; numbers are checked (against the host too) by setAutoscaling. */
export const setAutoscalingAction = projectAction(
  z.object({ projectId, serviceId: z.string(), cpuMode: z.string().default('SHARED'), ...Object.fromEntries(SCALING_NUMBERS.map((k) => [k, z.string().default('')])) }),
  'write',
  async (input, { user, db }) => {
    const raw: Record<string, unknown> = { cpuMode: input.cpuMode };
    for (const k of SCALING_NUMBERS) {
      const v = String((input as Record<string, unknown>)[k] ?? '').trim();
      if (v !== '') raw[k] = Number(v);
    }
    await setAutoscaling(db, user.id, input.projectId, input.serviceId, raw);
    revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
    return { ok: true, data: { message: 'Scaling settings saved.' } };
  },
);

/** Object storage: quota and bucket access; the form's empty quota keeps the current one. */
export const setObjectStorageAction = projectAction(
  z.object({ projectId, serviceId: z.string(), sizeGb: z.string().default(''), policy: z.string(), rawPolicy: z.string().default('') }),
  'write',
  async (input, { user, db }) => {
    await updateObjectStorage(db, user.id, input.projectId, input.serviceId, {
      objectStorage: {
        sizeGb: input.sizeGb.trim() ? input.sizeGb.trim() : undefined,
        policy: input.policy,
        rawPolicy: input.policy === 'custom' ? input.rawPolicy : undefined,
      },
    });
    revalidatePath(`/projects/${input.projectId}/services/${input.serviceId}`);
    return { ok: true, data: { message: 'Saved; the storage restarts with the new settings (its objects stay).' } };
  },
);
