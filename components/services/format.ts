/** 1234567 → "1.2 MB" (decimal units, as Docker reports them). */
export function formatBytes(v: number): string {
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} GB`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} MB`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(0)} kB`;
  return `${Math.round(v)} B`;
}
