'use client';

import { useEffect, useRef } from 'react';
import { cancelProcessAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { useVersionLogQuery, type VersionView } from '@/lib/query/deploys/use-deploys-query';

/** The build and deploy log of one app version, followed live while it runs; cancel for writers. */
export function DeployLog({ projectId, serviceId, version, running, canWrite }: { projectId: string; serviceId: string; version: VersionView; running: boolean; canWrite: boolean }) {
  const { data: lines = [], error } = useVersionLogQuery(projectId, serviceId, version.id, running);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (running && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length, running]);
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium">
          Log of version {version.sequence} {running && <span className="text-sm font-normal text-slate-500">(live)</span>}
        </h3>
        {canWrite && running && version.processId && (
          <ActionForm action={cancelProcessAction} hidden={{ projectId, processId: version.processId }}>
            {(_s, pending) => (
              <Button type="submit" variant="danger" className="px-2 py-1 text-xs" disabled={pending}>
                Cancel deploy
              </Button>
            )}
          </ActionForm>
        )}
      </div>
      {version.error && (
        <p role="alert" className="text-sm text-red-600">
          {version.error}
        </p>
      )}
      {error && <p className="text-sm text-red-600">{error.message}</p>}
      <pre ref={box} aria-label={`Build log of version ${version.sequence}`} className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 text-xs leading-5 text-slate-100">
        {lines.length === 0 ? 'No output yet.' : lines.map((l) => `${l.step ? `[${l.step}] ` : ''}${l.message}`).join('\n')}
      </pre>
    </div>
  );
}
