import type { AppVersion } from '@/lib/db/schema';

/** An app version as the dashboard shows it (JSON-safe: dates as ISO strings, no zerops.yml or setup). */
export interface VersionView {
  id: string;
  sequence: number;
  status: AppVersion['status'];
  source: AppVersion['source'];
  setupName: string | null;
  error: string | null;
  buildMs: number | null;
  deployMs: number | null;
  processId: string | null;
  createdAt: string;
  activatedAt: string | null;
  finishedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Also reads the REST API's JSON, where dates are already strings. */
export function toVersionView(v: Omit<AppVersion, 'createdAt' | 'activatedAt' | 'finishedAt'> & { createdAt: Date | string; activatedAt: Date | string | null; finishedAt: Date | string | null }): VersionView {
  return {
    id: v.id,
    sequence: v.sequence,
    status: v.status,
    source: v.source,
    setupName: v.setupName,
    error: v.error,
    buildMs: v.buildMs,
    deployMs: v.deployMs,
    processId: v.processId,
    createdAt: iso(v.createdAt)!,
    activatedAt: iso(v.activatedAt),
    finishedAt: iso(v.finishedAt),
  };
}
