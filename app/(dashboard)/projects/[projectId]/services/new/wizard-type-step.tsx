'use client';

import { useState } from 'react';
import { ServiceIcon } from '@/components/projects/service-icon';
import { Field } from '@/components/ui/field';
import type { WizardCatalogEntry } from './wizard-state';

const CATEGORIES: [string, string][] = [
  ['database', 'Databases'],
  ['search', 'Search engines'],
  ['broker', 'Message brokers'],
  ['runtime', 'Runtimes'],
  ['static', 'Static sites'],
  ['linux', 'Linux containers'],
  ['storage', 'Storage'],
];

/** Step 1: the catalog grouped by category, with a search box. */
export function WizardTypeStep({ catalog, type, choose, errors }: { catalog: WizardCatalogEntry[]; type: string; choose: (e: WizardCatalogEntry) => void; errors?: string[] }) {
  const [q, setQ] = useState('');
  const match = (e: WizardCatalogEntry) => !q || `${e.displayName} ${e.type} ${e.category}`.toLowerCase().includes(q.toLowerCase());
  return (
    <div className="space-y-4">
      <Field label="Search service types" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search by service name…" />
      <fieldset className="space-y-4">
        <legend className="sr-only">Service type</legend>
        {CATEGORIES.map(([cat, label]) => {
          const entries = catalog.filter((e) => e.category === cat && match(e));
          if (!entries.length) return null;
          return (
            <div key={cat}>
              <p className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</p>
              <div className="grid gap-2 sm:grid-cols-3">
                {entries.map((e) => (
                  <label
                    key={e.type}
                    className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 p-2 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 dark:border-slate-700 dark:has-[:checked]:bg-indigo-950"
                  >
                    <input type="radio" name="type" value={e.type} checked={type === e.type} onChange={() => choose(e)} className="sr-only" />
                    <ServiceIcon type={e.type} />
                    <span>
                      <span className="block text-sm font-medium">{e.displayName}</span>
                      <span className="block text-xs text-slate-500">
                        {e.versions.join(', ')}
                        {e.ha?.available ? ' · HA' : ''}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </div>
          );
        })}
        {!catalog.some(match) && <p className="text-sm text-slate-500">No type matches “{q}”.</p>}
        {errors && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errors.join(' ')}
          </p>
        )}
      </fieldset>
    </div>
  );
}
