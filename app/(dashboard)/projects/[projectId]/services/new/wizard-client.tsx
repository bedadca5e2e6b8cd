'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, SelectField } from '@/components/ui/field';
import { initialActionState } from '@/lib/actions/action-state';
import { useTakenNames, type ProjectNames } from '@/lib/query/wizard/use-taken-names';
import { addServiceAction } from './actions';
import { WizardAccessStep } from './wizard-access-step';
import { WizardEnvStep } from './wizard-env-step';
import { WizardReview } from './wizard-review';
import { WizardScalingStep } from './wizard-scaling-step';
import { WizardStorageFields } from './wizard-storage-fields';
import { WizardDeployStep } from './wizard-deploy-step';
import { deploysCode, emptyWizard, hostnameProblem, STEPS, stepOfField, toPayload, validateStep, type WizardCatalogEntry, type WizardState } from './wizard-state';
import { WizardTypeStep } from './wizard-type-step';

interface Props {
  projectId: string;
  projectName: string;
  address: string | null;
  catalog: WizardCatalogEntry[];
  names: ProjectNames;
}

/** The add-service wizard: six steps, state kept between them, each validated before Next. */
export function WizardClient(props: Props) {
  const [step, setStep] = useState(0);
  const [s, setState] = useState<WizardState>(emptyWizard);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [state, submit, pending] = useActionState(addServiceAction, initialActionState);
  const names = useTakenNames(props.projectId, props.names);
  const entry = props.catalog.find((e) => e.type === s.type);
  const set = <K extends keyof WizardState>(key: K, value: WizardState[K]) => setState((old) => ({ ...old, [key]: value }));
  const heading = useRef<HTMLHeadingElement>(null);

  // Server-side refusals (a name taken meanwhile, a port opened meanwhile) go back to their step
  // (adjusted while rendering, when the action's state changes).
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    const keys = Object.keys(state.fieldErrors ?? {});
    if (keys.length) {
      setErrors(state.fieldErrors ?? {});
      setStep(Math.min(...keys.map(stepOfField)));
    }
  }

  useEffect(() => heading.current?.focus(), [step]);

  function next() {
    const e = validateStep(step, s, entry, names);
    setErrors(e);
    if (Object.keys(e).length === 0) setStep((n) => Math.min(n + 1, STEPS.length - 1));
  }
  const liveHostname = step === 2 ? hostnameProblem(s.hostname, names) : undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">{props.projectName} /</p>
        <h1 className="text-2xl font-semibold">Add a service</h1>
      </div>
      <ol className="flex flex-wrap gap-2" aria-label="Steps">
        {STEPS.map((label, i) => (
          <li
            key={label}
            aria-current={i === step ? 'step' : undefined}
            className={`rounded-full px-3 py-1 text-xs font-medium ${i === step ? 'bg-indigo-600 text-white' : i < step ? 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200' : 'bg-slate-100 text-slate-500 dark:bg-slate-800'}`}
          >
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      <Card>
        <h2 ref={heading} tabIndex={-1} className="mb-4 text-lg font-semibold focus:outline-none">
          {STEPS[step]}
        </h2>
        {step === 0 && (
          <WizardTypeStep
            catalog={props.catalog}
            type={s.type}
            errors={errors.type}
            choose={(e) => setState((old) => ({ ...old, type: e.type, version: e.defaultVersion, mode: 'NON_HA', count: String(e.scaling.min), port: '', publicPorts: [] }))}
          />
        )}
        {step === 1 && entry && (
          <SelectField label={`${entry.displayName} version`} value={s.version} onChange={(e) => set('version', e.target.value)} errors={errors.version}>
            {entry.versions.map((v) => (
              <option key={v} value={v}>
                {entry.type}@{v}
                {v === entry.defaultVersion ? ' (default)' : ''}
                {entry.support?.[v] ? ` — ${entry.support[v]}` : ''}
                {entry.buildsOnFirstUse?.includes(v) ? ' (image built on first use: a few minutes)' : ''}
              </option>
            ))}
          </SelectField>
        )}
        {step === 2 && (
          <Field
            label="Hostname"
            value={s.hostname}
            onChange={(e) => set('hostname', e.target.value)}
            errors={liveHostname ? [liveHostname] : errors.hostname}
            hint="Lowercase letters and digits, at most 25. Other services reach it by this name. It cannot be changed later."
            autoComplete="off"
            spellCheck={false}
          />
        )}
        {step === 3 && entry && (entry.type === 'object-storage' ? <WizardStorageFields state={s} set={set} errors={errors} /> : <WizardScalingStep entry={entry} state={s} set={set} errors={errors} />)}
        {step === 4 && entry && (
          <div className="space-y-6">
            <WizardEnvStep rows={s.env} setRows={(rows) => set('env', rows)} errors={errors} references={names.references} />
            <WizardAccessStep entry={entry} state={s} set={set} errors={errors} address={props.address} />
          </div>
        )}
        {step === 5 && entry && (
          <form action={submit} className="space-y-4">
            <input type="hidden" name="projectId" value={props.projectId} />
            <input type="hidden" name="payload" value={JSON.stringify(toPayload(s, entry))} />
            {state.error && !state.fieldErrors && <Alert>{state.error}</Alert>}
            <WizardReview entry={entry} state={s} edit={setStep} />
            {deploysCode(entry) && <WizardDeployStep state={s} set={set} errors={errors} />}
            <Button type="submit" disabled={pending}>
              {pending ? 'Creating…' : 'Create service'}
            </Button>
          </form>
        )}
      </Card>
      <div className="flex justify-between">
        <Button
          variant="secondary"
          onClick={() => {
            setErrors({});
            setStep((n) => Math.max(0, n - 1));
          }}
          disabled={step === 0}
        >
          Back
        </Button>
        {step < STEPS.length - 1 && <Button onClick={next}>Next</Button>}
      </div>
    </div>
  );
}
