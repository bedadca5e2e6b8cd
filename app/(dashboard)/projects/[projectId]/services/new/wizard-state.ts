import { z } from 'zod';
import { firewallSchema, isIpOrCidr, publicPortSchema } from '@/lib/validations/core';
import { envKeySchema, envValueSchema } from '@/lib/validations/projects';
import { hostnameSchema, portSchema } from '@/lib/validations/services';
import { policyProblem, type ObjectStoragePolicy } from '@/lib/catalog/bucket-policy';

/** What the wizard needs of a catalog entry (serializable from the server page). */
export interface WizardCatalogEntry {
  type: string;
  displayName: string;
  category: string;
  versions: string[];
  /** Versions whose local image is built the first time a service uses them (it is not on this host yet). */
  buildsOnFirstUse?: string[];
  /** Per version: where its software comes from and how long it is supported. */
  support?: Record<string, string>;
  defaultVersion: string;
  ha: { roles: { role: string; count: number }[]; available: boolean } | null;
  scaling: { min: number; max: number };
  ports: { port: number; protocol: 'tcp' | 'udp'; http: boolean; name: string }[];
  resources: { cpu: number; memoryMb: number };
}

export interface EnvRow {
  key: string;
  value: string;
  secret: boolean;
}

export interface PublicPortRow {
  publicPort: string;
  /** `tcp/5432`: a port of the service. */
  target: string;
  policy: 'none' | 'allow' | 'deny';
  ranges: string;
}

export interface WizardState {
  type: string;
  version: string;
  hostname: string;
  mode: 'NON_HA' | 'HA';
  count: string;
  cpu: string;
  memory: string;
  /** Automatic scaling ranges (empty: no scaling on that resource). RAM in GB, as Zerops names it. */
  minCpu: string;
  maxCpu: string;
  minRam: string;
  maxRam: string;
  maxContainers: string;
  env: EnvRow[];
  subdomain: boolean;
  port: string;
  publicPorts: PublicPortRow[];
  firewallPolicy: 'none' | 'allow' | 'deny';
  /** Runtimes and static sites: deploy this repository once the service exists (optional). */
  gitUrl: string;
  gitRef: string;
  firewallRanges: string;
  /** Object storage: quota in GB (empty: the default), bucket policy and a custom policy document. */
  storageSize: string;
  storagePolicy: ObjectStoragePolicy;
  storageRawPolicy: string;
}

export const emptyWizard: WizardState = {
  type: '',
  version: '',
  hostname: '',
  mode: 'NON_HA',
  count: '1',
  cpu: '',
  memory: '',
  minCpu: '',
  maxCpu: '',
  minRam: '',
  maxRam: '',
  maxContainers: '',
  env: [],
  subdomain: false,
  port: '',
  publicPorts: [],
  firewallPolicy: 'none',
  gitUrl: '',
  gitRef: '',
  firewallRanges: '',
  storageSize: '',
  storagePolicy: 'private',
  storageRawPolicy: '',
};

/** Names in the project that a new service must not take (read live while the wizard is open). */
export interface TakenNames {
  hostnames: string[];
  publicPorts: { port: number; protocol: string }[];
  reservedPorts: number[];
}

export const STEPS = ['Type', 'Version', 'Hostname', 'Scaling', 'Variables & access', 'Review'] as const;

export const splitRanges = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const first = (r: { success: boolean; error?: z.ZodError }) => (r.success ? undefined : r.error?.issues[0]?.message);

/** The service ports a public port may point at: the runtime's chosen HTTP port, or the type's ports. */
export function servicePorts(entry: WizardCatalogEntry, state: WizardState): { port: number; protocol: 'tcp' | 'udp' }[] {
  if (entry.category === 'runtime') return [{ port: Number(state.port) || entry.ports[0]?.port || 3000, protocol: 'tcp' }];
  return entry.ports.map((p) => ({ port: p.port, protocol: p.protocol }));
}

export function hostnameProblem(hostname: string, taken: TakenNames): string | undefined {
  if (!hostname) return undefined;
  const problem = first(hostnameSchema.safeParse(hostname));
  if (problem) return problem;
  if (taken.hostnames.includes(hostname)) return 'Another service of this project has this hostname';
  return undefined;
}

/** Field errors of one step (index into STEPS); empty when the step may be left with Next. */
export function validateStep(step: number, s: WizardState, entry: WizardCatalogEntry | undefined, taken: TakenNames): Record<string, string[]> {
  const e: Record<string, string[]> = {};
  const put = (k: string, m: string | undefined) => {
    if (m) (e[k] ??= []).push(m);
  };
  if (step === 0 && !entry) put('type', 'Choose a service type');
  if (!entry) return e;
  if (step === 1 && !entry.versions.includes(s.version)) put('version', 'Choose a version');
  if (step === 2) put('hostname', s.hostname ? hostnameProblem(s.hostname, taken) : 'Enter a hostname');
  if (step === 3) {
    if (s.mode === 'HA' && !entry.ha?.available) {
      put('mode', entry.ha ? `HA is not yet available for ${entry.displayName}` : `${entry.displayName} has no HA mode${entry.scaling.max > 1 ? ': run 2 or more containers instead' : ''}`);
    }
    const n = Number(s.count);
    if (entry.scaling.max > 1 && (!Number.isInteger(n) || n < entry.scaling.min || n > entry.scaling.max)) put('containerCount', `Use ${entry.scaling.min} to ${entry.scaling.max} containers`);
    if (s.cpu && !(Number(s.cpu) >= 0.1 && Number(s.cpu) <= 16)) put('cpu', 'Use 0.1 to 16 CPUs');
    if (s.memory && !(Number.isInteger(Number(s.memory)) && Number(s.memory) >= 64 && Number(s.memory) <= 65536)) put('memoryMb', 'Use 64 to 65536 MB');
    const positive = (key: 'minCpu' | 'maxCpu' | 'minRam' | 'maxRam') => !s[key] || Number(s[key]) > 0 || (put(`autoscaling.${key}`, 'Enter a positive number'), false);
    const ordered = (min: 'minCpu' | 'minRam', max: 'maxCpu' | 'maxRam') => {
      if (positive(min) && positive(max) && s[min] && s[max] && Number(s[min]) > Number(s[max])) put(`autoscaling.${max}`, `At least the minimum (${s[min]})`);
    };
    ordered('minCpu', 'maxCpu');
    if (entry.type === 'object-storage') {
      const gb = Number(s.storageSize);
      if (s.storageSize.trim() && !(Number.isInteger(gb) && gb >= 1 && gb <= 100)) put('objectStorage.sizeGb', 'Use 1 to 100 GB');
      if (s.storagePolicy === 'custom') put('objectStorage.rawPolicy', policyProblem('custom', s.storageRawPolicy.trim() ? s.storageRawPolicy : undefined)?.message);
    }
    ordered('minRam', 'maxRam');
    if (entry.scaling.max > 1 && s.maxContainers) {
      const max = Number(s.maxContainers);
      if (!Number.isInteger(max) || max < Number(s.count) || max > entry.scaling.max) put('autoscaling.maxContainers', `Use ${s.count} (the containers above) to ${entry.scaling.max}`);
    }
  }
  if (step === 4) {
    if (entry.category === 'runtime' && s.port) put('port', first(portSchema.safeParse(s.port)));
    const seen = new Set<string>();
    s.env.forEach((row, n) => {
      const k = envKeySchema.safeParse(row.key);
      if (!k.success) put(`env.${n}.key`, first(k));
      else if (seen.has(row.key.toLowerCase())) put(`env.${n}.key`, 'This key is already in the list');
      seen.add(row.key.toLowerCase());
      put(`env.${n}.value`, first(envValueSchema.safeParse(row.value)));
    });
    if (s.subdomain && s.firewallPolicy !== 'none') {
      const ranges = splitRanges(s.firewallRanges);
      if (!ranges.length) put('firewall', 'List at least one address or range');
      for (const r of ranges) if (!isIpOrCidr(r)) put('firewall', `${r} is not an IPv4 or IPv6 address or CIDR`);
    }
    const used = new Set<string>();
    s.publicPorts.forEach((row, n) => {
      const [protocol = 'tcp'] = row.target.split('/');
      const problem = first(publicPortSchema.shape.publicPort.safeParse(row.publicPort));
      const key = `${protocol}/${row.publicPort}`;
      if (problem) put(`publicPorts.${n}.publicPort`, problem);
      else if (taken.reservedPorts.includes(Number(row.publicPort))) put(`publicPorts.${n}.publicPort`, `${row.publicPort} is the project balancer's own port`);
      else if (taken.publicPorts.some((p) => `${p.protocol}/${p.port}` === key) || used.has(key)) put(`publicPorts.${n}.publicPort`, `${key} is already open on this project's address`);
      used.add(key);
      if (!row.target) put(`publicPorts.${n}.target`, 'Choose a service port');
      if (row.policy !== 'none') {
        const f = firewallSchema.safeParse({ policy: row.policy, ranges: splitRanges(row.ranges) });
        put(`publicPorts.${n}.ranges`, first(f));
      }
    });
  }
  return e;
}

/** The step whose fields an error key belongs to (server errors are shown on their step). */
export function stepOfField(key: string): number {
  if (key === 'type') return 0;
  if (key === 'version') return 1;
  if (key === 'hostname') return 2;
  if (['mode', 'containerCount', 'resources', 'cpu', 'memoryMb', 'autoscaling', 'objectStorage'].some((k) => key.startsWith(k))) return 3;
  if (key === 'gitUrl' || key === 'gitRef') return 5;
  return 4;
}

/** The JSON the action receives: the service (addServiceSchema) plus its public access. */
export function toPayload(s: WizardState, entry: WizardCatalogEntry) {
  const isRuntime = entry.category === 'runtime';
  return {
    service: {
      hostname: s.hostname,
      type: s.type,
      version: s.version,
      mode: s.mode,
      containerCount: entry.scaling.max > 1 ? Number(s.count) : 1,
      resources: s.cpu || s.memory ? { cpu: Number(s.cpu || entry.resources.cpu), memoryMb: Number(s.memory || entry.resources.memoryMb) } : undefined,
      env: s.env.map((r) => ({ key: r.key, value: r.value, secret: r.secret })),
      subdomainAccess: s.subdomain,
      port: isRuntime && s.port ? Number(s.port) : undefined,
      autoscaling: autoscalingOf(s, entry),
      objectStorage: entry.type === 'object-storage' ? objectStorageOf(s) : undefined,
    },
    routeFirewall: s.subdomain && s.firewallPolicy !== 'none' ? { policy: s.firewallPolicy, ranges: splitRanges(s.firewallRanges) } : undefined,
    publicPorts: s.publicPorts.map((row) => {
      const [protocol, port] = row.target.split('/');
      // A runtime's public port always goes to the HTTP port chosen on this step.
      const internalPort = isRuntime ? servicePorts(entry, s)[0]!.port : Number(port);
      return { publicPort: row.publicPort, internalPort, protocol: isRuntime ? 'tcp' : protocol, firewall: { policy: row.policy, ranges: splitRanges(row.ranges) } };
    }),
    deploy: deploysCode(entry) && s.gitUrl.trim() ? { gitUrl: s.gitUrl.trim(), gitRef: s.gitRef.trim() || undefined } : undefined,
  };
}

/** The object-storage choices (a custom document only with the custom policy). */
function objectStorageOf(s: WizardState) {
  return {
    sizeGb: s.storageSize.trim() ? Number(s.storageSize) : undefined,
    policy: s.storagePolicy,
    rawPolicy: s.storagePolicy === 'custom' ? s.storageRawPolicy : undefined,
  };
}

/** The scaling ranges the user set (Zerops' keys), or none. */
function autoscalingOf(s: WizardState, entry: WizardCatalogEntry): Record<string, number> | undefined {
  const num = (v: string) => (v.trim() ? Number(v) : undefined);
  const scalable = entry.scaling.max > 1 && num(s.maxContainers) !== undefined;
  const ranges = {
    minCpu: num(s.minCpu),
    maxCpu: num(s.maxCpu),
    minRam: num(s.minRam),
    maxRam: num(s.maxRam),
    ...(scalable ? { minContainers: Number(s.count), maxContainers: num(s.maxContainers) } : {}),
  };
  const set = Object.fromEntries(Object.entries(ranges).filter((e): e is [string, number] => e[1] !== undefined));
  return Object.keys(set).length ? set : undefined;
}

/** Types whose containers run the user's own code, deployed from Git or an archive. */
export const deploysCode = (entry: Pick<WizardCatalogEntry, 'category'>) => entry.category === 'runtime' || entry.category === 'static';

/** The action's input: the service is validated by addService itself; public access here, before anything is created. */
export const wizardSubmitSchema = z.object({
  service: z.record(z.string(), z.unknown()),
  deploy: z.object({ gitUrl: z.string().trim().min(1).max(2000), gitRef: z.string().trim().max(200).optional() }).optional(),
  routeFirewall: firewallSchema.optional(),
  publicPorts: z.array(publicPortSchema.omit({ serviceId: true })).max(10, 'At most 10 public ports').default([]),
});

/** The unfinished `${…` at the end of a value, if any (what the reference completion matches). */
export function openReference(text: string): string | undefined {
  return /\$\{([A-Za-z0-9_]*)$/.exec(text)?.[1];
}

/** References whose name starts with what was typed after `${` (case-insensitive), at most 8. */
export function referenceOptions(references: string[], partial: string): string[] {
  return references.filter((r) => r.slice(2).toLowerCase().startsWith(partial.toLowerCase())).slice(0, 8);
}

/** Replaces the unfinished `${…` at the end with the chosen reference. */
export function completeReference(text: string, reference: string): string {
  return text.replace(/\$\{[A-Za-z0-9_]*$/, reference);
}
