'use client';

import { useState } from 'react';
import { upgradeCoreAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Badge, statusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ProjectSnapshot } from '@/lib/services/snapshot';
import { ActionForm } from './action-form';

/** The project's own core: package, address, balancer containers, and the one-way upgrade. */
export function CorePanel({ snapshot }: { snapshot: ProjectSnapshot }) {
  const [open, setOpen] = useState(false);
  const { project } = snapshot;
  const core = snapshot.containers.filter((c) => c.serviceId === null);
  const upgrading = snapshot.processes.some((p) => p.action === 'project.upgradeCore' && ['PENDING', 'RUNNING'].includes(p.status));
  return (
    <section aria-labelledby="core-h" className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 id="core-h" className="text-lg font-semibold">Project core</h2>
        {snapshot.role === 'owner' && project.corePackage === 'LIGHT' && (
          <Button onClick={() => setOpen(true)} disabled={upgrading || project.status !== 'ACTIVE'}>
            Upgrade to Serious
          </Button>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <dt className="text-slate-500">Package</dt>
        <dd>{project.corePackage === 'SERIOUS' ? 'Serious: 2 balancers on one address' : 'Lightweight: 1 core container'}</dd>
        <dt className="text-slate-500">Address</dt>
        <dd className="font-mono">{project.address}</dd>
      </dl>
      <ul className="space-y-1 text-sm" aria-label="Core containers">
        {core.map((c) => (
          <li key={c.name} className="flex items-center justify-between">
            <code className="text-xs">{c.name}</code>
            <Badge tone={statusTone(c.status)}>{c.status}</Badge>
          </li>
        ))}
      </ul>
      <Dialog open={open} onClose={() => setOpen(false)} title="Upgrade to the Serious core?">
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>Two balancer containers are added; they serve the project address together with the current one.</li>
          <li>The address {project.address} does not change.</li>
          <li>No downtime is expected: the Light balancer retires gracefully once the new ones serve.</li>
          <li>Logs and statistics are kept.</li>
          <li>This cannot be undone: there is no downgrade.</li>
        </ul>
        <ActionForm action={upgradeCoreAction} hidden={{ projectId: project.id }} onDone={() => setOpen(false)} className="mt-4 flex justify-end gap-2">
          {(_s, pending) => (
            <>
              <Button variant="secondary" onClick={() => setOpen(false)}>Not now</Button>
              <Button type="submit" disabled={pending}>Upgrade now</Button>
            </>
          )}
        </ActionForm>
      </Dialog>
    </section>
  );
}
