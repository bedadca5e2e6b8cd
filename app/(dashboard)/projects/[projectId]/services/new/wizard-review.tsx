'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DEFAULT_OBJECT_STORAGE_GB } from '@/lib/catalog/bucket-policy';
import { splitRanges, type WizardCatalogEntry, type WizardState } from './wizard-state';

/** Step 6: everything chosen, each line with a way back to its step. */
export function WizardReview({ entry, state: s, edit }: { entry: WizardCatalogEntry; state: WizardState; edit: (step: number) => void }) {
  const rows: [string, ReactNode, number][] = [
    ['Type', `${entry.displayName} ${entry.type}@${s.version}`, 0],
    ['Hostname', <code key="h">{s.hostname}</code>, 2],
    [
      'Mode',
      s.mode === 'HA' ? `Highly available (${entry.ha?.roles.map((r) => `${r.count} ${r.role}`).join(', ')})` : entry.scaling.max > 1 ? `${s.count} container(s)` : 'Single container',
      3,
    ],
    ['Resources', `${s.cpu || entry.resources.cpu} CPU, ${s.memory || entry.resources.memoryMb} MB per container`, 3],
    ...(entry.type === 'object-storage' ? ([['Bucket', `${s.storageSize || DEFAULT_OBJECT_STORAGE_GB} GB quota, ${s.storagePolicy}`, 3]] as [string, ReactNode, number][]) : []),
    ['Variables', s.env.length ? s.env.map((r) => `${r.key}${r.secret ? ' (secret)' : ''}`).join(', ') : 'none', 4],
    ...(entry.category === 'runtime' ? ([['HTTP port', s.port || String(entry.ports[0]?.port ?? ''), 4]] as [string, ReactNode, number][]) : []),
    ['Subdomain access', s.subdomain ? `on${s.firewallPolicy !== 'none' ? `, ${s.firewallPolicy} ${splitRanges(s.firewallRanges).join(', ')}` : ''}` : 'off', 4],
    ['Public ports', s.publicPorts.length ? s.publicPorts.map((p) => `${p.publicPort} → ${p.target}${p.policy !== 'none' ? ` (${p.policy})` : ''}`).join(', ') : 'none', 4],
  ];
  return (
    <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800" aria-label="Review">
      {rows.map(([label, value, step]) => (
        <div key={label} className="grid grid-cols-[10rem_1fr_auto] items-center gap-2 py-1.5">
          <dt className="text-slate-500">{label}</dt>
          <dd>{value}</dd>
          <dd>
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => edit(step)} aria-label={`Edit ${label.toLowerCase()}`}>
              Edit
            </Button>
          </dd>
        </div>
      ))}
    </dl>
  );
}
