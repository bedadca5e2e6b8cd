import type { ImportedServiceKeys } from '@/lib/db/schema/settings';
import type { AutoscalingSettings } from '@/lib/db/schema/autoscaling';
/** What an import will create, computed before any write (pure given the catalog and the project). */
export interface PlannedEnv {
  key: string;
  value: string;
  secret: boolean;
  /** Made by a preprocessor function (masked in the preview). */
  generated: boolean;
}

export interface DeploySource {
  buildFromGit?: string;
  zeropsSetup?: string;
  zeropsYaml?: string | Record<string, unknown>;
}

export interface PlannedService {
  hostname: string;
  /** As written in the file. */
  requestedType: string;
  type: string;
  version: string;
  /** Set when the file asked for a version the catalog lacks and the caller accepted this one. */
  versionMapping?: { requested: string; used: string };
  mode: 'HA' | 'NON_HA';
  priority: number;
  containers: number;
  minContainers?: number;
  maxContainers?: number;
  resources?: { cpu: number; memoryMb: number };
  /** verticalAutoscaling plus minContainers/maxContainers, as the service keeps them. */
  autoscaling: AutoscalingSettings;
  port?: number;
  subdomainAccess: boolean;
  env: PlannedEnv[];
  mount: string[];
  deploy: DeploySource | null;
  startWithoutCode: boolean;
  /** `override: true` on an existing runtime: no new service, a redeploy of the existing one. */
  override: boolean;
  droppedKeys: string[];
  /** Import keys kept on the service so an export writes them back. */
  settings: ImportedServiceKeys;
}

export interface PlannedProject {
  name: string;
  description: string;
  corePackage: 'LIGHT' | 'SERIOUS';
  /** Undefined: the installation's default (BERTH_IP4_BY_DEFAULT). */
  publicIpV4?: boolean;
  /** IPv6 on the project network (Berth's key); absent: off. */
  networkIpv6?: true;
  tags: string[];
  env: PlannedEnv[];
  droppedKeys: string[];
}

export interface ImportPlan {
  project: PlannedProject | null;
  /** In creation order: descending priority; equal priorities form one group created in parallel. */
  services: PlannedService[];
}

/** A choice the caller must make before the import can run. */
export interface PendingAcceptance {
  kind: 'version' | 'droppedKey';
  line: number;
  column: number;
  path: string;
  message: string;
}
