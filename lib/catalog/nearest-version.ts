/** Numeric parts of a version (`7.2.1` → [7, 2, 1]); null for names like `stable` or `nightly`. */
function parts(version: string): number[] | null {
  if (!/^\d+(\.\d+)*$/.test(version)) return null;
  return version.split('.').map(Number);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Sort order newest first (`18` before `17`, `3.13` before `3.11`); names like `stable` go last. */
export function newestFirst(a: string, b: string): number {
  const [pa, pb] = [parts(a), parts(b)];
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  return compare(pb, pa);
}

/**
 * The available version to propose for one the catalog lacks: the closest of the same major version
 * if there is one (a tie goes to the newer), else the nearest newer, else the newest older one. Null when `available` is empty
 * or the request is no number (the caller then lists what there is).
 */
export function nearestVersion(requested: string, available: string[]): string | null {
  const want = parts(requested);
  const list = available.map((v) => ({ v, p: parts(v) })).filter((x): x is { v: string; p: number[] } => x.p !== null);
  if (!want || !list.length) return null;
  const distance = (p: number[]) => Math.abs(compare(p, want));
  const byCloseness = (a: { p: number[] }, b: { p: number[] }) => {
    // Component-wise distance: compare from the first differing part.
    for (let i = 0; i < Math.max(a.p.length, b.p.length, want.length); i++) {
      const da = Math.abs((a.p[i] ?? 0) - (want[i] ?? 0));
      const db = Math.abs((b.p[i] ?? 0) - (want[i] ?? 0));
      if (da !== db) return da - db;
    }
    return compare(b.p, a.p);
  };
  const sameMajor = list.filter((x) => x.p[0] === want[0]);
  if (sameMajor.length) return sameMajor.sort(byCloseness)[0]!.v;
  const newer = list.filter((x) => compare(x.p, want) > 0).sort((a, b) => compare(a.p, b.p));
  if (newer.length) return newer[0]!.v;
  const older = list.sort((a, b) => compare(b.p, a.p) || distance(a.p) - distance(b.p));
  return older[0]!.v;
}
