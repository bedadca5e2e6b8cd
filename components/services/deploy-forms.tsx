'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useActionState, useEffect, useRef, useState, type DragEvent } from 'react';
import { deployGitAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/deploy-actions';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/actions/action-state';
import { reachable } from '@/lib/actions/reachable';
import { deployKeys } from '@/lib/query/deploys/keys';

interface Target {
  projectId: string;
  serviceId: string;
  onStarted: (versionId: string) => void;
}

const deployGitSafely = reachable(deployGitAction);

/** Deploy a branch, tag or commit of a Git repository (cloned by Berth on its host). */
export function DeployFromGit({ projectId, serviceId, onStarted, gitUrl }: Target & { gitUrl?: string | null }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [state, formAction, pending] = useActionState(deployGitSafely, initialActionState);
  const seen = useRef(state);
  useEffect(() => {
    if (state === seen.current) return;
    seen.current = state;
    if (state.ok) {
      toast('success', state.data?.message ?? 'Deploy started');
      void qc.invalidateQueries({ queryKey: deployKeys.versions(projectId, serviceId) });
      if (state.data?.versionId) onStarted(state.data.versionId);
    } else if (state.error && !state.fieldErrors) {
      toast('error', state.error);
      // The request may have reached Berth before the answer was lost: show what is there.
      void qc.invalidateQueries({ queryKey: deployKeys.versions(projectId, serviceId) });
    }
  }, [state, toast, qc, projectId, serviceId, onStarted]);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="serviceId" value={serviceId} />
      <Field label="Repository URL" name="gitUrl" defaultValue={state.values?.gitUrl ?? gitUrl ?? ''} placeholder="https://…, git://… or a path on the Berth host" errors={state.fieldErrors?.gitUrl} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Branch, tag or commit" name="gitRef" defaultValue={state.values?.gitRef ?? ''} placeholder="default branch" errors={state.fieldErrors?.gitRef} />
        <Field label="Setup (zerops.yml)" name="setup" defaultValue={state.values?.setup ?? ''} placeholder="the service hostname" errors={state.fieldErrors?.setup} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Starting…' : 'Deploy from Git'}
      </Button>
    </form>
  );
}

/** Upload a .tar.gz, .tar or .zip of the app's folder (drop it here or choose it). */
export function DeployArchive({ projectId, serviceId, onStarted }: Target) {
  const qc = useQueryClient();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [over, setOver] = useState(false);

  async function upload(file: File) {
    setBusy(true);
    setError(undefined);
    const form = new FormData();
    form.set('archive', file);
    try {
      const res = await fetch(`/api/v1/projects/${projectId}/services/${serviceId}/deploys`, { method: 'POST', body: form });
      const body = (await res.json()) as { version?: { id: string; sequence: number }; error?: { message: string } };
      if (!res.ok || !body.version) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      toast('success', `Version ${body.version.sequence} is building.`);
      await qc.invalidateQueries({ queryKey: deployKeys.versions(projectId, serviceId) });
      onStarted(body.version.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void upload(file);
  };
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      className={`rounded-lg border-2 border-dashed p-4 text-sm ${over ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950' : 'border-slate-300 dark:border-slate-700'}`}
    >
      <p className="mb-2 text-slate-600 dark:text-slate-300">Drop a .tar.gz, .tar or .zip of your app (with its zerops.yml) here, or</p>
      <label className="inline-flex cursor-pointer items-center gap-2">
        <span className="sr-only">Archive to deploy</span>
        <input ref={input} type="file" accept=".tar.gz,.tgz,.tar,.zip" disabled={busy} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} className="text-sm" aria-label="Archive to deploy" />
      </label>
      {busy && <p className="mt-2 text-slate-500">Uploading…</p>}
      {error && (
        <p role="alert" className="mt-2 text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
