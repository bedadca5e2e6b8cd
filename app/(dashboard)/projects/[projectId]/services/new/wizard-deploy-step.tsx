'use client';

import { Field } from '@/components/ui/field';
import type { WizardState } from './wizard-state';

type Set = <K extends keyof WizardState>(key: K, value: WizardState[K]) => void;

/** Optional last part of the review for runtimes and static sites: deploy a Git repository once created. */
export function WizardDeployStep({ state, set, errors }: { state: WizardState; set: Set; errors: Record<string, string[]> }) {
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">Deploy from Git (optional)</legend>
      <p className="text-sm text-slate-500">
        The repository needs a zerops.yml with a setup named after the hostname. Leave it empty to deploy later from the service page, an archive or
        <code> berth push</code>.
      </p>
      <Field label="Repository URL" name="wizardGitUrl" value={state.gitUrl} onChange={(e) => set('gitUrl', e.target.value)} placeholder="https://… or a path on the Berth host" errors={errors.gitUrl} />
      <Field label="Branch, tag or commit" name="wizardGitRef" value={state.gitRef} onChange={(e) => set('gitRef', e.target.value)} placeholder="default branch" errors={errors.gitRef} />
    </fieldset>
  );
}
