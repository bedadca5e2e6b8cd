/** A tiny inline SVG line; nothing is drawn until there are two points. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return <p className="h-8 text-xs text-slate-400">No CPU data yet: it appears a minute after the first container runs.</p>;
  const max = Math.max(...values, 1);
  const points = values.map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(1)},${(28 - (v / max) * 26).toFixed(1)}`).join(' ');
  return (
    <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-8 w-full" role="img" aria-label={`${label}: now ${values.at(-1)!.toFixed(1)} %, peak ${max.toFixed(1)} %`}>
      <polygon fill="#6366f122" points={`0,30 ${points} 100,30`} />
      <polyline fill="none" stroke="#6366f1" strokeWidth="1.5" vectorEffect="non-scaling-stroke" points={points} />
    </svg>
  );
}
