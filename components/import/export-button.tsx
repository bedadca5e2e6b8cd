'use client';

import { useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/** "Export as YAML": the project's or service's import YAML, to copy or download. */
export function ExportButton({ url, filename, label }: { url: string; filename: string; label: string }) {
  const [yaml, setYaml] = useState<string>();
  const [error, setError] = useState<string>();
  async function open() {
    setError(undefined);
    const res = await fetch(url, { cache: 'no-store' });
    if (res.ok) setYaml(await res.text());
    else setError(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
  }
  return (
    <>
      <Button variant="secondary" onClick={() => void open()}>
        {label}
      </Button>
      {error && <span className="text-sm text-red-600">{error}</span>}
      <Dialog open={yaml !== undefined} onClose={() => setYaml(undefined)} title={label} description="Secrets are written as generator placeholders: an import makes new ones.">
        <pre aria-label="Exported YAML" className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 text-xs text-slate-100">
          {yaml}
        </pre>
        <div className="mt-3 flex gap-2">
          <CopyButton value={yaml ?? ''} label="Copy the YAML" />
          <a className="text-sm text-indigo-600 underline dark:text-indigo-400" download={filename} href={`data:application/yaml;charset=utf-8,${encodeURIComponent(yaml ?? '')}`}>
            Download {filename}
          </a>
          <Button variant="ghost" onClick={() => setYaml(undefined)}>
            Close
          </Button>
        </div>
      </Dialog>
    </>
  );
}
