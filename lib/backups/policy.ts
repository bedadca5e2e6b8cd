import type { CorePackage } from '@/lib/db/schema';

const GB = 1024 ** 3;

/** Backup storage per project by core package (Zerops' limits). */
export const BACKUP_CAP_BYTES: Record<CorePackage, number> = { LIGHT: 5 * GB, SERIOUS: 25 * GB };

export const formatBytes = (n: number) =>
  n >= GB ? `${(n / GB).toFixed(2)} GB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${Math.round(n / 1024)} kB`;

export function capMessage(usedBytes: number, capBytes: number, pkg: CorePackage): string {
  return `The project's backups use ${formatBytes(usedBytes)} of its ${formatBytes(capBytes)} (${pkg === 'LIGHT' ? 'Light' : 'Serious'} core); delete old backups or keep fewer before making a new one`;
}

export interface RetentionRule {
  keepLast: number | null;
  keepDays: number | null;
}

/**
 * The complete backups a rule removes: beyond the newest `keepLast`, and older than `keepDays`.
 * The newest backup is always kept, so a service never loses its last restore point to the rule.
 */
export function toPrune<T extends { id: string; createdAt: Date }>(complete: T[], rule: RetentionRule, now: Date): T[] {
  const newestFirst = [...complete].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const cutoff = rule.keepDays === null ? undefined : now.getTime() - rule.keepDays * 86_400_000;
  return newestFirst.filter((b, i) => {
    if (i === 0) return false;
    if (rule.keepLast !== null && i >= rule.keepLast) return true;
    return cutoff !== undefined && b.createdAt.getTime() < cutoff;
  });
}
