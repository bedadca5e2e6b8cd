'use client';

import { useState } from 'react';
import { setIpV4Action, upgradeCoreAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Badge, statusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ProjectSnapshot } from '@/lib/domain/snapshot';
import { ActionForm } from './action-form';
import { ProcessSteps } from './process-steps';

const LIVE = ['PENDING', 'RUNNING', 'CANCELING'];

/** What the upgrade does, stated before it is started (Berth's own upgrade, see lib/core/upgrade.ts). */
function UpgradeFacts({ address }: { address: string | null }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="What the upgrade does">
      <li>
        <strong>Containers added:</strong> 2 balancer containers (core-balancer-1 and core-balancer-2) start beside the current one and serve the same
        address together, and the project logger moves into its own container (core-logger) with its archive; the Light container then retires
        gracefully.
      </li>
      <li>
        <strong>Address unchanged:</strong> the project keeps {address ?? 'its address'}.
      </li>
      <li>
        <strong>No downtime expected:</strong> requests in flight on the old balancer finish before it stops.
      </li>
      <li>
        <strong>Logs and statistics are kept:</strong> the logger&apos;s archive moves on its volume, and lines written during the move are delivered
        once the new logger listens.
      </li>
      <li>
        <strong>It cannot be undone:</strong> there is no downgrade to Light.
      </li>
    </ul>
  );
}

/** The project's own core: package, address, balancer containers, and the one-way upgrade shown live. */
export function CorePanel({ snapshot }: { snapshot: ProjectSnapshot }) {
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState(false);
  const { project } = snapshot;
  const core = snapshot.containers.filter((c) => c.serviceId === null);
  const upgrade = snapshot.processes.find((p) => p.action === 'project.upgradeCore');
  const upgrading = !!upgrade && LIVE.includes(upgrade.status);
  const close = () => {
    setOpen(false);
    setStarted(false);
  };
  return (
    <section aria-labelledby="core-h" className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 id="core-h" className="text-lg font-semibold">
          Project core
        </h2>
        {snapshot.role === 'owner' && project.corePackage === 'LIGHT' && (
          <Button onClick={() => setOpen(true)} disabled={upgrading || project.status !== 'ACTIVE'}>
            Upgrade to Serious
          </Button>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <dt className="text-slate-500">Package</dt>
        <dd>{project.corePackage === 'SERIOUS' ? 'Serious: 2 balancers on one address and a logger' : 'Lightweight: 1 core container (balancer and logger)'}</dd>
        <dt className="text-slate-500">Addresses</dt>
        <dd>
          <span className="font-mono">{[project.address6, project.address].filter(Boolean).join(' and ')}</span>
          {snapshot.role === 'owner' && project.address6 && (
            <ActionForm action={setIpV4Action} hidden={{ projectId: project.id, want: project.address ? 'release' : 'add' }} className="mt-1">
              {(_s, pending) => (
                <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending || project.status === 'DELETING'}>
                  {project.address ? 'Release the IPv4 address' : 'Add an IPv4 address'}
                </Button>
              )}
            </ActionForm>
          )}
        </dd>
        <dt className="text-slate-500">Serves</dt>
        <dd>HTTP routing with TLS, public TCP/UDP ports, firewall; the project logger&apos;s archive; statistics sampled by Berth</dd>
      </dl>
      {core.length === 0 ? (
        <p className="text-sm text-slate-500">The core starts with the project&apos;s first process.</p>
      ) : (
        <ul className="space-y-1 text-sm" aria-label="Core containers">
          {core.map((c) => (
            <li key={c.name} className="flex items-center justify-between">
              <code className="text-xs">{c.name}</code>
              <Badge tone={statusTone(c.status)} label={`core container status ${c.status}`}>
                {c.status}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {upgrading && upgrade && !open && <ProcessSteps process={upgrade} title="Upgrade in progress" />}
      <Dialog open={open} onClose={close} title={started ? 'Upgrading to the Serious core' : 'Upgrade to the Serious core?'}>
        {started ? (
          <div className="space-y-4">
            {upgrade ? <ProcessSteps process={upgrade} title="Upgrade process" /> : <p className="text-sm">Queued…</p>}
            <div className="flex justify-end">
              <Button variant="secondary" onClick={close}>
                {upgrade && !LIVE.includes(upgrade.status) ? 'Close' : 'Close (it keeps running)'}
              </Button>
            </div>
          </div>
        ) : (
          <>
            <UpgradeFacts address={project.address} />
            <ActionForm action={upgradeCoreAction} hidden={{ projectId: project.id }} onDone={() => setStarted(true)} className="mt-4 flex justify-end gap-2">
              {(_s, pending) => (
                <>
                  <Button variant="secondary" onClick={close}>
                    Not now
                  </Button>
                  <Button type="submit" disabled={pending}>
                    Upgrade now
                  </Button>
                </>
              )}
            </ActionForm>
          </>
        )}
      </Dialog>
    </section>
  );
}
