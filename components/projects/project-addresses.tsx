'use client';

import { CopyButton } from '@/components/ui/copy-button';

/** The project's public addresses, IPv6 first (every project has one), each with a copy button. */
export function ProjectAddresses({ address6, address, compact = false }: { address6: string | null; address: string | null; compact?: boolean }) {
  const rows = [
    { family: 'IPv6', value: address6 },
    { family: 'IPv4', value: address },
  ];
  return (
    <dl className={compact ? 'space-y-1 text-sm' : 'flex flex-wrap items-center gap-x-4 gap-y-1 text-sm'} aria-label="Project addresses">
      {rows.map((r) => (
        <div key={r.family} className="flex items-center gap-2">
          <dt className="text-xs text-slate-500">{r.family}</dt>
          <dd className="flex items-center gap-1 font-mono">
            {r.value ? (
              <>
                <span>{r.value}</span>
                <CopyButton value={r.value} label={`Copy ${r.family}`} />
              </>
            ) : (
              <span className="text-slate-500">{r.family === 'IPv4' ? 'none' : 'assigned on the next start'}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
