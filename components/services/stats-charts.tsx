'use client';

import { SelectField } from '@/components/ui/field';
import type { StatsSample } from '@/lib/query/stats/use-stats-query';
import { formatBytes } from './format';
import { shortContainerName } from './container-name';

const COLORS = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7'];
export const STATS_RANGES: [string, number][] = [
  ['Last 15 minutes', 15],
  ['Last hour', 60],
  ['Last 24 hours', 24 * 60],
  ['Last 7 days', 7 * 24 * 60],
];

type Series = { name: string; points: [number, number][] };

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One inline SVG line chart: a line per container, the top value and the time span as axis labels. */
export function Chart({ title, unit, series }: { title: string; unit: (v: number) => string; series: Series[] }) {
  const all = series.flatMap((s) => s.points);
  const W = 320;
  const H = 110;
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const maxY = Math.max(1e-9, ...all.map((p) => p[1]));
  const x = (t: number) => (maxX === minX ? W : ((t - minX) / (maxX - minX)) * W);
  const y = (v: number) => H - (v / maxY) * (H - 8);
  const now = series.map((s) => s.points.at(-1)?.[1] ?? 0).reduce((a, b) => a + b, 0);
  return (
    <figure className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" aria-label={`${title} chart`}>
      <figcaption className="mb-1 flex justify-between text-xs">
        <span className="font-medium">{title}</span>
        <span className="text-slate-500">{all.length ? `now ${unit(now)}` : 'no data yet'}</span>
      </figcaption>
      <div className="flex gap-1">
        <span className="w-14 shrink-0 text-right text-[10px] text-slate-500">{all.length ? unit(maxY) : ''}</span>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full border-b border-l border-slate-200 dark:border-slate-700" role="img" aria-label={`${title}: ${all.length} samples`}>
          {series.map((s, i) => (
            <polyline key={s.name} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth="2" vectorEffect="non-scaling-stroke" points={s.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')} />
          ))}
        </svg>
      </div>
      {all.length > 1 && (
        <div className="mt-1 flex justify-between pl-15 text-[10px] text-slate-500">
          <span>{clock(minX)}</span>
          <span>{clock(maxX)}</span>
        </div>
      )}
    </figure>
  );
}

/** Byte counters are cumulative in Docker's stats: the charts show the rate between samples. */
function rate(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < points.length; i++) {
    const [t0, v0] = points[i - 1]!;
    const [t1, v1] = points[i]!;
    if (t1 > t0) out.push([t1, Math.max(0, ((v1 - v0) / (t1 - t0)) * 1000)]);
  }
  return out;
}

/** CPU, memory, network and disk over time, one line per container, with a time range. */
export function StatsCharts({ samples, minutes, setMinutes, error }: { samples: StatsSample[]; minutes: number; setMinutes: (m: number) => void; error?: string }) {
  const names = [...new Set(samples.map((s) => s.container))];
  const series = (pick: (s: StatsSample) => number, perSecond = false): Series[] =>
    names.map((n) => {
      const points = samples.filter((s) => s.container === n).map((s) => [new Date(s.at).getTime(), pick(s)] as [number, number]);
      return { name: n, points: perSecond ? rate(points) : points };
    });
  const perSec = (v: number) => `${formatBytes(v)}/s`;
  return (
    <section aria-label="Statistics" className="space-y-3">
      <div className="flex items-end justify-between gap-3">
        <p className="text-sm text-slate-500">Sampled from the engine every few seconds; older samples are kept per minute and per hour.</p>
        <div className="w-48">
          <SelectField label="Statistics range" value={String(minutes)} onChange={(e) => setMinutes(Number(e.target.value))}>
            {STATS_RANGES.map(([l, v]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      {error && <p className="text-sm text-red-600">{error}</p>}
      <div className="grid gap-3 md:grid-cols-2">
        <Chart title="CPU" unit={(v) => `${v.toFixed(1)} %`} series={series((s) => s.cpu)} />
        <Chart title="Memory" unit={formatBytes} series={series((s) => s.memory)} />
        <Chart title="Network in" unit={perSec} series={series((s) => s.netRx, true)} />
        <Chart title="Network out" unit={perSec} series={series((s) => s.netTx, true)} />
        <Chart title="Disk read" unit={perSec} series={series((s) => s.blkRead, true)} />
        <Chart title="Disk written" unit={perSec} series={series((s) => s.blkWrite, true)} />
      </div>
      {names.length > 0 ? (
        <p className="flex flex-wrap gap-3 text-xs" aria-label="Chart legend">
          {names.map((n, i) => (
            <span key={n} className="flex items-center gap-1">
              <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ background: COLORS[i % COLORS.length] }} /> {shortContainerName(n)}
            </span>
          ))}
        </p>
      ) : (
        <p className="text-sm text-slate-500">No samples in this range. Statistics appear a few seconds after a container starts.</p>
      )}
    </section>
  );
}
