import type { ContainerTemplate } from '@/lib/catalog/types';
import type { AppVersion, Service } from '@/lib/db/schema';
import { resolveServiceEnv, type ProjectVars } from '@/lib/envvars/resolve';
import { VERSION_LABEL } from '../build/labels';
import { caMount } from '../build/tools';
import type { ResolvedSetup } from '../zerops-yml';
import { healthSpec } from './checks';

/** The volume the containers of a service share for `zsc execOnce`. */
export const ONCE_VOLUME = 'once';

/** Local container name of a version's container: `<hostname>-v<sequence>-<ordinal>`. */
export const versionLocalName = (hostname: string, sequence: number, ordinal: number) => `${hostname}-v${sequence}-${ordinal}`;

/**
 * The environment of a version's containers: the service's variables with the version's
 * run.envVariables over them, references resolved like any other variable, plus appVersionId.
 */
export function versionEnv(vars: ProjectVars, hostname: string, setup: ResolvedSetup, versionId: string): { env: Record<string, string>; unresolved: string[] } {
  const withRun: ProjectVars = {
    project: vars.project,
    services: { ...vars.services, [hostname]: { ...vars.services[hostname], ...setup.run.envVariables, appVersionId: versionId } },
  };
  return resolveServiceEnv(withRun, hostname);
}

export interface VersionContainer {
  local: string;
  template: ContainerTemplate;
  labels: Record<string, string>;
  binds: { host: string; path: string; readOnly: boolean }[];
}

/** What the provisioner runs for a deployed version: `containerCount` containers of its image. */
export function versionContainers(service: Service, version: AppVersion, vars: ProjectVars, shared: { name: string; mountPath: string }[]): VersionContainer[] {
  const setup = version.setup!;
  const { env } = versionEnv(vars, service.hostname, setup, version.id);
  const ca = caMount();
  return Array.from({ length: service.containerCount }, (_, i) => ({
    local: versionLocalName(service.hostname, version.sequence, i),
    labels: { [VERSION_LABEL]: version.id },
    binds: ca.binds,
    template: {
      role: 'runtime',
      ordinal: i,
      image: version.image!,
      env: { ...ca.env, ...env },
      volumes: [...shared, { name: ONCE_VOLUME, mountPath: '/run/berth-once' }],
      healthCheck: healthSpec(setup.run.healthCheck),
      serviceAlias: true,
    },
  }));
}
