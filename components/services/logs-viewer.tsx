'use client';

import { useEffect, useRef, useState } from 'react';
import { Field, SelectField } from '@/components/ui/field';
import { useLogsQuery } from '@/lib/query/logs/use-logs-query';
import { shortContainerName } from './container-name';

const RANGES: [string, number][] = [
  ['Last 15 minutes', 15 * 60],
  ['Last hour', 3600],
  ['Last 24 hours', 86400],
  ['Everything kept', 0],
];

/** Waits until typing pauses before a search string becomes a new query. */
function useSettled(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Collected output (it outlives the containers) of a service or the whole project: per container
 * or all, with search, time range and follow (live over SSE while following).
 */
export function LogsViewer({ projectId, serviceId, containers }: { projectId: string; serviceId?: string; containers: string[] }) {
  const [container, setContainer] = useState('');
  const [search, setSearch] = useState('');
  const [rangeSec, setRange] = useState(3600);
  const [follow, setFollow] = useState(true);
  const q = useSettled(search);
  const logs = useLogsQuery(projectId, { serviceId, container, q, rangeSec }, follow);
  const pre = useRef<HTMLPreElement>(null);
  const lines = logs.data ?? [];
  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines.length, follow]);
  return (
    <section aria-label="Logs" className="space-y-3">
      <div className="grid gap-2 sm:grid-cols-4">
        <SelectField label="Container" value={container} onChange={(e) => setContainer(e.target.value)}>
          <option value="">All containers</option>
          {containers.map((c) => (
            <option key={c} value={c}>
              {shortContainerName(c)}
            </option>
          ))}
        </SelectField>
        <Field label="Search logs" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="text to find" />
        <SelectField label="Time range" value={String(rangeSec)} onChange={(e) => setRange(Number(e.target.value))}>
          {RANGES.map(([l, v]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow live
        </label>
      </div>
      {logs.error && <p className="text-sm text-red-600">{logs.error.message}</p>}
      <pre
        ref={pre}
        aria-label="Log lines"
        tabIndex={0}
        className="h-72 overflow-auto rounded-lg bg-slate-950 p-3 text-xs leading-relaxed text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        {lines.length
          ? lines.map((l) => `${l.at.slice(11, 19)} ${container ? '' : `${shortContainerName(l.container)} `}${l.stream === 'stderr' ? '!' : ' '} ${l.line}`).join('\n')
          : q
            ? `No line contains "${q}" in this range.`
            : 'No log lines in this range yet. Output appears here as the containers write it.'}
      </pre>
      <p className="text-xs text-slate-500">
        {lines.length} line{lines.length === 1 ? '' : 's'}
        {follow ? ' · following' : ' · paused'}; lines marked ! came from stderr.{' '}
        <a className="text-indigo-600 underline dark:text-indigo-400" href={`/api/v1/projects/${projectId}/logs/archive?lines=100000`} download>
          Download the project&apos;s log archive
        </a>{' '}
        (the project logger&apos;s files in the core, up to 64 MB, kept beyond this view&apos;s retention).
      </p>
    </section>
  );
}
