'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * Uploads a dump made elsewhere (pg_dump -Fc, a .sql file, …) as a backup of the service; it then
 * appears in the list and restores like any other. The file streams as the request body.
 */
export function BackupUpload({ url, serviceId }: { url: string; serviceId: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function send() {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      });
      const body = (await res.json().catch(() => ({}))) as { error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      setMessage({ ok: true, text: `${file.name} uploaded: restore it from the list.` });
      await queryClient.invalidateQueries({ queryKey: ['backups', serviceId] });
      await queryClient.invalidateQueries({ queryKey: ['backup-schedule', serviceId] });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <h3 className="font-medium">Upload a dump made elsewhere</h3>
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="file"
          aria-label="Dump file"
          className="text-sm"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button type="button" variant="secondary" disabled={!file || busy} onClick={() => void send()}>
          {busy ? 'Uploading…' : 'Upload'}
        </Button>
      </div>
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={`text-sm ${message.ok ? 'text-green-700' : 'text-red-600'}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
