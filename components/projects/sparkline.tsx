/** A tiny inline SVG line; nothing is drawn until there are two points. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return <span className="text-xs text-slate-400">no CPU data yet</span>;
  const max = Math.max(...values, 1);
  const points = values.map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(1)},${(28 - (v / max) * 26).toFixed(1)}`).join(' ');
  return (
    <svg viewBox="0 0 100 30" className="h-8 w-full" role="img" aria-label={`${label}: last ${values.at(-1)!.toFixed(1)} %`}>
      <polyline fill="none" stroke="#6366f1" strokeWidth="1.5" points={points} />
    </svg>
  );
}
