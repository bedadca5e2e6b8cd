import type { ReactNode } from 'react';

type Tone = 'neutral' | 'green' | 'amber' | 'red' | 'blue' | 'violet';

const tones: Record<Tone, string> = {
  neutral: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  green: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  amber: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  red: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  blue: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  violet: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300',
};

export function Badge({ tone = 'neutral', children, label }: { tone?: Tone; children: ReactNode; label?: string }) {
  return (
    <span
      aria-label={label}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

/** Maps Berth's project/service/container/process statuses to a tone. */
export function statusTone(status: string): Tone {
  if (['ACTIVE', 'RUNNING', 'FINISHED', 'running', 'healthy'].includes(status)) return 'green';
  if (['FAILED', 'CANCELED', 'BUILD_FAILED', 'DEPLOY_FAILED', 'exited', 'dead', 'unhealthy'].includes(status)) return 'red';
  if (['STOPPED', 'STOPPING', 'BACKUP', 'CANCELLED'].includes(status)) return 'neutral';
  return 'amber';
}
