import type { ImportPlan, PendingAcceptance, PlannedEnv } from './plan-types';
import { priorityGroups } from './plan';

export interface PreviewEnv {
  key: string;
  /** Secrets and generated values are masked. */
  value: string;
  secret: boolean;
  generated: boolean;
}

export interface ImportPreview {
  project: { name: string; description: string; corePackage: string; networkIpv6?: true; tags: string[]; env: PreviewEnv[]; droppedKeys: string[] } | null;
  services: {
    hostname: string;
    type: string;
    requestedType: string;
    versionMapping: { requested: string; used: string } | null;
    mode: string;
    priority: number;
    containers: number;
    resources: { cpu: number; memoryMb: number } | null;
    port: number | null;
    subdomainAccess: boolean;
    mount: string[];
    env: PreviewEnv[];
    droppedKeys: string[];
    action: 'create' | 'redeploy';
    /** What happens to the code: placeholder app, or the Git source to deploy. */
    deploy: string | null;
  }[];
  /** Hostnames created together, highest priority first. */
  groups: string[][];
  pending: PendingAcceptance[];
  canApply: boolean;
}

/** The mask the env API uses for secrets. */
const MASK = '••••••••';
const mask = (e: PlannedEnv): PreviewEnv => ({ key: e.key, value: e.secret || e.generated ? MASK : e.value, secret: e.secret, generated: e.generated });

function deployNote(s: ImportPlan['services'][number]): string | null {
  if (s.override) return `existing runtime: will redeploy from ${s.deploy?.buildFromGit ?? 'its tracked repository'} after the import`;
  if (s.deploy?.buildFromGit) {
    const setup = s.deploy.zeropsSetup ? ` (setup ${s.deploy.zeropsSetup})` : '';
    return `will build and deploy from ${s.deploy.buildFromGit}${setup} after the import; starts without code until then`;
  }
  if (s.deploy) return 'zerops.yml settings stored; nothing to build without buildFromGit';
  return s.startWithoutCode ? 'starts without code (placeholder app)' : null;
}

/** The preview a user confirms: pure, secrets masked. */
export function previewOf(plan: ImportPlan, pending: PendingAcceptance[]): ImportPreview {
  return {
    project: plan.project && { ...plan.project, env: plan.project.env.map(mask) },
    services: plan.services.map((s) => ({
      hostname: s.hostname,
      type: `${s.type}@${s.version}`,
      requestedType: s.requestedType,
      versionMapping: s.versionMapping ?? null,
      mode: s.mode,
      priority: s.priority,
      containers: s.containers,
      resources: s.resources ?? null,
      port: s.port ?? null,
      subdomainAccess: s.subdomainAccess,
      mount: s.mount,
      env: s.env.map(mask),
      droppedKeys: s.droppedKeys,
      action: s.override ? 'redeploy' : 'create',
      deploy: deployNote(s),
    })),
    groups: priorityGroups(plan.services).map((g) => g.map((s) => s.hostname)),
    pending,
    canApply: pending.length === 0,
  };
}
