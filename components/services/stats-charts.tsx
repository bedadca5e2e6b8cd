'use client';

import { useQuery } from '@tanstack/react-query';
import { projectKeys } from '@/lib/query/projects/keys';

interface Sample {
  container: string;
  at: string;
  cpu: number;
  memory: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
}

const COLORS = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7'];

function Chart({ title, unit, series }: { title: string; unit: (v: number) => string; series: { name: string; points: [number, number][] }[] }) {
  const all = series.flatMap((s) => s.points);
  const W = 320, H = 110;
  const minX = Math.min(...all.map((p) => p[0])), maxX = Math.max(...all.map((p) => p[0]));
  const maxY = Math.max(1e-9, ...all.map((p) => p[1]));
  const x = (t: number) => (maxX === minX ? W : ((t - minX) / (maxX - minX)) * W);
  const y = (v: number) => H - (v / maxY) * (H - 6);
  const last = series.map((s) => s.points.at(-1)?.[1] ?? 0).reduce((a, b) => a + b, 0);
  return (
    <figure className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" aria-label={`${title} chart`}>
      <figcaption className="mb-1 flex justify-between text-xs">
        <span className="font-medium">{title}</span>
        <span className="text-slate-500">{all.length ? unit(last) : 'no data yet'}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-28 w-full" role="img" aria-label={`${title}: ${all.length} samples`}>
        {series.map((s, i) => (
          <polyline key={s.name} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth="2" points={s.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')} />
        ))}
      </svg>
    </figure>
  );
}

const bytes = (v: number) => (v > 1e9 ? `${(v / 1e9).toFixed(2)} GB` : v > 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${(v / 1e3).toFixed(0)} kB`);

/** CPU, memory, network and disk over time, one line per container. */
export function StatsCharts({ projectId, serviceId }: { projectId: string; serviceId: string }) {
  const stats = useQuery({
    queryKey: projectKeys.stats(projectId, serviceId),
    refetchInterval: 5000,
    queryFn: async () => ((await (await fetch(`/api/projects/${projectId}/services/${serviceId}/stats?minutes=60`)).json()) as { samples: Sample[] }).samples ?? [],
  });
  const samples = stats.data ?? [];
  const names = [...new Set(samples.map((s) => s.container))];
  const series = (pick: (s: Sample) => number) =>
    names.map((n) => ({ name: n, points: samples.filter((s) => s.container === n).map((s) => [new Date(s.at).getTime(), pick(s)] as [number, number]) }));
  return (
    <section aria-label="Statistics" className="space-y-2">
      <div className="grid gap-3 md:grid-cols-2">
        <Chart title="CPU" unit={(v) => `${v.toFixed(1)} %`} series={series((s) => s.cpu)} />
        <Chart title="Memory" unit={bytes} series={series((s) => s.memory)} />
        <Chart title="Network received" unit={bytes} series={series((s) => s.netRx)} />
        <Chart title="Disk written" unit={bytes} series={series((s) => s.blkWrite)} />
      </div>
      {names.length > 0 && (
        <p className="flex flex-wrap gap-3 text-xs">
          {names.map((n, i) => (
            <span key={n} className="flex items-center gap-1">
              <span className="inline-block h-2 w-2 rounded-full" style={{ background: COLORS[i % COLORS.length] }} /> {n}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
