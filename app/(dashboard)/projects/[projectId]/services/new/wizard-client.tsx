'use client';

import { useActionState, useMemo, useState } from 'react';
import { ServiceIcon } from '@/components/projects/service-icon';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, SelectField } from '@/components/ui/field';
import { initialActionState } from '@/lib/actions/action-state';
import { envKeySchema, envValueSchema } from '@/lib/validations/projects';
import { hostnameSchema, portSchema } from '@/lib/validations/services';
import { addServiceAction } from './actions';
import { WizardEnvStep, type EnvRow } from './wizard-env-step';

export interface WizardCatalogEntry {
  type: string;
  displayName: string;
  category: string;
  versions: string[];
  ha: { roles: { role: string; count: number }[]; available: boolean } | null;
  scaling: { min: number; max: number };
  ports: { port: number; protocol: string; http: boolean; name: string }[];
  resources: { cpu: number; memoryMb: number };
}

const STEPS = ['Type', 'Version', 'Hostname', 'Scaling', 'Variables & access', 'Review'] as const;
const CATEGORIES: [string, string][] = [
  ['database', 'Databases'],
  ['broker', 'Message brokers'],
  ['runtime', 'Runtimes'],
  ['static', 'Static sites'],
  ['linux', 'Linux containers'],
  ['storage', 'Storage'],
];

export function WizardClient(props: { projectId: string; projectName: string; catalog: WizardCatalogEntry[]; taken: string[]; references: string[] }) {
  const [step, setStep] = useState(0);
  const [type, setType] = useState('');
  const [version, setVersion] = useState('');
  const [hostname, setHostname] = useState('');
  const [mode, setMode] = useState<'NON_HA' | 'HA'>('NON_HA');
  const [count, setCount] = useState('1');
  const [cpu, setCpu] = useState('');
  const [memory, setMemory] = useState('');
  const [env, setEnv] = useState<EnvRow[]>([]);
  const [subdomain, setSubdomain] = useState(false);
  const [port, setPort] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [state, submit, pending] = useActionState(addServiceAction, initialActionState);
  const entry = props.catalog.find((e) => e.type === type);
  const isRuntime = entry && entry.scaling.max > 1;

  const hostnameProblem = useMemo(() => {
    if (!hostname) return undefined;
    const r = hostnameSchema.safeParse(hostname);
    if (!r.success) return r.error.issues[0]?.message;
    if (props.taken.includes(hostname)) return 'Another service of this project has this hostname';
    return undefined;
  }, [hostname, props.taken]);

  function validate(i: number): Record<string, string[]> {
    const e: Record<string, string[]> = {};
    if (i === 0 && !entry) e.type = ['Choose a service type'];
    if (i === 1 && !entry?.versions.includes(version)) e.version = ['Choose a version'];
    if (i === 2) {
      if (!hostname) e.hostname = ['Enter a hostname'];
      else if (hostnameProblem) e.hostname = [hostnameProblem];
    }
    if (i === 3 && entry) {
      if (mode === 'HA' && !entry.ha?.available) {
        e.mode = [entry.ha ? `HA is not yet available for ${entry.displayName}` : `${entry.displayName} has no HA mode${isRuntime ? ': run 2 or more containers instead' : ''}`];
      }
      const n = Number(count);
      if (isRuntime && (!Number.isInteger(n) || n < 1 || n > 10)) e.containerCount = ['Use 1 to 10 containers'];
      if (cpu && !(Number(cpu) >= 0.1 && Number(cpu) <= 16)) e.cpu = ['Use 0.1 to 16 CPUs'];
      if (memory && !(Number.isInteger(Number(memory)) && Number(memory) >= 64 && Number(memory) <= 65536)) e.memoryMb = ['Use 64 to 65536 MB'];
    }
    if (i === 4) {
      if (entry?.category === 'runtime' && port) {
        const p = portSchema.safeParse(port);
        if (!p.success) e.port = [p.error.issues[0]!.message];
      }
      const seen = new Set<string>();
      env.forEach((row, n) => {
        const k = envKeySchema.safeParse(row.key);
        if (!k.success) e[`env.${n}.key`] = [k.error.issues[0]!.message];
        else if (seen.has(row.key.toLowerCase())) e[`env.${n}.key`] = ['Duplicate key'];
        seen.add(row.key.toLowerCase());
        const v = envValueSchema.safeParse(row.value);
        if (!v.success) e[`env.${n}.value`] = [v.error.issues[0]!.message];
      });
    }
    return e;
  }

  function next() {
    const e = validate(step);
    setErrors(e);
    if (Object.keys(e).length === 0) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  }

  const payload = JSON.stringify({
    hostname,
    type,
    version,
    mode,
    containerCount: isRuntime ? Number(count) : 1,
    resources: cpu || memory ? { cpu: Number(cpu || entry?.resources.cpu), memoryMb: Number(memory || entry?.resources.memoryMb) } : undefined,
    env: env.map((r) => ({ key: r.key, value: r.value, secret: r.secret })),
    subdomainAccess: subdomain,
    port: entry?.category === 'runtime' && port ? Number(port) : undefined,
  });
  const serverErrors = state.fieldErrors ?? {};

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">{props.projectName} /</p>
        <h1 className="text-2xl font-semibold">Add a service</h1>
      </div>
      <ol className="flex flex-wrap gap-2" aria-label="Steps">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined} className={`rounded-full px-3 py-1 text-xs font-medium ${i === step ? 'bg-indigo-600 text-white' : i < step ? 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200' : 'bg-slate-100 text-slate-500 dark:bg-slate-800'}`}>
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">{STEPS[step]}</h2>
        {step === 0 && (
          <fieldset className="space-y-4">
            <legend className="sr-only">Service type</legend>
            {CATEGORIES.map(([cat, label]) => (
              <div key={cat}>
                <p className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</p>
                <div className="grid gap-2 sm:grid-cols-3">
                  {props.catalog.filter((e) => e.category === cat).map((e) => (
                    <label key={e.type} className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 p-2 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:border-slate-700 dark:has-[:checked]:bg-indigo-950">
                      <input type="radio" name="type" value={e.type} checked={type === e.type} onChange={() => { setType(e.type); setVersion(e.versions[0] ?? ''); setMode('NON_HA'); }} className="sr-only" />
                      <ServiceIcon type={e.type} />
                      <span className="text-sm font-medium">{e.displayName}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
            {errors.type && <p role="alert" className="text-sm text-red-600">{errors.type.join(' ')}</p>}
          </fieldset>
        )}
        {step === 1 && entry && (
          <SelectField label={`${entry.displayName} version`} value={version} onChange={(e) => setVersion(e.target.value)} errors={errors.version}>
            {entry.versions.map((v) => (
              <option key={v} value={v}>{entry.type}@{v}</option>
            ))}
          </SelectField>
        )}
        {step === 2 && (
          <Field
            label="Hostname"
            value={hostname}
            onChange={(e) => setHostname(e.target.value)}
            errors={errors.hostname ?? (hostnameProblem ? [hostnameProblem] : serverErrors.hostname)}
            hint="Lowercase letters and digits, at most 25. Other services reach it by this name. It cannot be changed later."
            autoComplete="off"
          />
        )}
        {step === 3 && entry && (
          <div className="space-y-4">
            {entry.ha ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">Deployment mode (cannot be changed later)</legend>
                <label className="flex items-center gap-2 text-sm"><input type="radio" name="mode" checked={mode === 'NON_HA'} onChange={() => setMode('NON_HA')} /> Single container</label>
                <label className="flex items-center gap-2 text-sm"><input type="radio" name="mode" checked={mode === 'HA'} onChange={() => setMode('HA')} /> Highly available: {entry.ha.roles.map((r) => `${r.count} × ${r.role}`).join(' + ')}{!entry.ha.available && ' (not yet available)'}</label>
                {errors.mode && <p role="alert" className="text-sm text-red-600">{errors.mode.join(' ')}</p>}
              </fieldset>
            ) : (
              <fieldset>
                <legend className="sr-only">Deployment mode</legend>
                <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={mode === 'HA'} onChange={(e) => setMode(e.target.checked ? 'HA' : 'NON_HA')} /> Highly available</label>
                {errors.mode && <p role="alert" className="text-sm text-red-600">{errors.mode.join(' ')}</p>}
              </fieldset>
            )}
            {isRuntime && (
              <Field label="Containers" type="number" min={1} max={10} value={count} onChange={(e) => setCount(e.target.value)} errors={errors.containerCount} hint="Run at least 2 in production: each is a replica behind the service hostname." />
            )}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="CPU cores" type="number" step="0.1" placeholder={String(entry.resources.cpu)} value={cpu} onChange={(e) => setCpu(e.target.value)} errors={errors.cpu} />
              <Field label="Memory (MB)" type="number" placeholder={String(entry.resources.memoryMb)} value={memory} onChange={(e) => setMemory(e.target.value)} errors={errors.memoryMb} />
            </div>
          </div>
        )}
        {step === 4 && entry && (
          <WizardEnvStep
            rows={env}
            setRows={setEnv}
            errors={errors}
            references={props.references}
            ports={entry.ports}
            subdomain={subdomain}
            setSubdomain={setSubdomain}
            port={entry.category === 'runtime' ? { value: port, set: setPort, placeholder: String(entry.ports[0]?.port ?? '') } : undefined}
          />
        )}
        {step === 5 && entry && (
          <form action={submit} className="space-y-3">
            <input type="hidden" name="projectId" value={props.projectId} />
            <input type="hidden" name="payload" value={payload} />
            {state.error && <Alert>{state.error}</Alert>}
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-slate-500">Type</dt><dd>{entry.displayName} {entry.type}@{version}</dd>
              <dt className="text-slate-500">Hostname</dt><dd className="font-mono">{hostname}</dd>
              <dt className="text-slate-500">Mode</dt><dd>{mode === 'HA' ? `HA (${entry.ha?.roles.map((r) => `${r.count} ${r.role}`).join(', ')})` : isRuntime ? `${count} container(s)` : 'single container'}</dd>
              <dt className="text-slate-500">Variables</dt><dd>{env.length ? env.map((r) => r.key).join(', ') : 'none'}</dd>
              <dt className="text-slate-500">Subdomain access</dt><dd>{subdomain ? 'on' : 'off'}</dd>
            </dl>
            <Button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create service'}</Button>
          </form>
        )}
      </Card>
      <div className="flex justify-between">
        <Button variant="secondary" onClick={() => { setErrors({}); setStep((s) => Math.max(0, s - 1)); }} disabled={step === 0}>Back</Button>
        {step < STEPS.length - 1 && <Button onClick={next}>Next</Button>}
      </div>
    </div>
  );
}
