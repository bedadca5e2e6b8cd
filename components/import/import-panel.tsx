'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ImportPreview } from '@/lib/import';
import { ImportPreviewTable } from './import-preview';
import type { LocatedIssue } from './yaml-editor';

// The editor is the page's only heavy part: loaded in the browser, on this page only.
const YamlEditor = dynamic(() => import('./yaml-editor').then((m) => m.YamlEditor), {
  ssr: false,
  loading: () => <div className="min-h-64 rounded-md border border-slate-300 p-3 text-sm text-slate-500">Loading the editor…</div>,
});

type Target = { kind: 'project' } | { kind: 'services'; projectId: string };

interface Answer {
  preview?: ImportPreview;
  project?: { id: string } | null;
  process?: { id: string } | null;
  error?: { message: string; issues?: LocatedIssue[] };
}

const STARTER = `#yamlPreprocessor=on
project:
  name: my-project
services:
  - hostname: db
    type: postgresql@17
    mode: NON_HA
    priority: 10
  - hostname: app
    type: nodejs@22
    enableSubdomainAccess: true
    envSecrets:
      APP_SECRET: <@generateRandomString(<32>)>
`;

/**
 * Paste or upload an import YAML, check it (errors marked at their lines), see what will be
 * created, accept version mappings or dropped keys, then import and follow the process.
 */
export function ImportPanel({ target }: { target: Target }) {
  const router = useRouter();
  const [text, setText] = useState(target.kind === 'project' ? STARTER : '');
  const [issues, setIssues] = useState<LocatedIssue[]>([]);
  const [preview, setPreview] = useState<ImportPreview>();
  const [error, setError] = useState<string>();
  const [acceptVersions, setAcceptVersions] = useState(false);
  const [acceptDroppedKeys, setAcceptDroppedKeys] = useState(false);
  const [busy, setBusy] = useState(false);
  const url = target.kind === 'project' ? '/api/v1/projects/import' : `/api/v1/projects/${target.projectId}/services/import`;

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ yaml: text, dryRun, acceptVersions, acceptDroppedKeys }),
      });
      const answer = (await res.json()) as Answer;
      if (!res.ok) {
        setIssues(answer.error?.issues ?? []);
        setPreview(undefined);
        setError(answer.error?.message ?? `HTTP ${res.status}`);
        return;
      }
      setIssues([]);
      setPreview(answer.preview);
      if (!dryRun) {
        const projectId = target.kind === 'project' ? answer.project?.id : target.projectId;
        if (projectId) router.push(`/projects/${projectId}`);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const pendingKinds = new Set(preview?.pending.map((p) => p.kind) ?? []);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="inline-flex items-center gap-2">
          <span>Upload a file</span>
          <input
            type="file"
            accept=".yml,.yaml,text/yaml"
            aria-label="Import file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
        </label>
      </div>
      <YamlEditor value={text} onChange={setText} issues={issues} label="Import YAML" />
      {error && (
        <Alert>
          {error}
          {issues.length > 0 && (
            <ul className="mt-2 list-disc pl-5" aria-label="Problems">
              {issues.map((i, n) => (
                <li key={n}>
                  line {i.line}:{i.column} {i.path}: {i.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {preview && <ImportPreviewTable preview={preview} />}
      {preview && preview.pending.length > 0 && (
        <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          <p className="font-medium">Needs your consent:</p>
          <ul className="list-disc pl-5">
            {preview.pending.map((p, n) => (
              <li key={n}>
                line {p.line}: {p.message}
              </li>
            ))}
          </ul>
          {pendingKinds.has('version') && (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={acceptVersions} onChange={(e) => setAcceptVersions(e.target.checked)} /> Use the nearest available versions
            </label>
          )}
          {pendingKinds.has('droppedKey') && (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={acceptDroppedKeys} onChange={(e) => setAcceptDroppedKeys(e.target.checked)} /> Drop the keys Berth does not support yet
            </label>
          )}
        </div>
      )}
      <div className="flex gap-2">
        <Button variant="secondary" disabled={busy || !text.trim()} onClick={() => void send(true)}>
          Check and preview
        </Button>
        <Button
          disabled={busy || !preview || (pendingKinds.has('version') && !acceptVersions) || (pendingKinds.has('droppedKey') && !acceptDroppedKeys)}
          onClick={() => void send(false)}
        >
          {busy ? 'Working…' : target.kind === 'project' ? 'Import project' : 'Import services'}
        </Button>
      </div>
    </div>
  );
}
