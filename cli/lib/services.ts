import type { ApiClient } from './api';
import { CliError } from './config';

interface ServiceRow {
  id: string;
  hostname: string;
}

/** A service of the project named by hostname or id. */
export async function resolveService(api: ApiClient, projectId: string, nameOrId: string): Promise<ServiceRow> {
  const { services } = await api.json<{ services: ServiceRow[] }>('GET', `/projects/${encodeURIComponent(projectId)}/services`);
  const found = services.find((s) => s.id === nameOrId || s.hostname === nameOrId);
  if (!found) throw new CliError(`No service "${nameOrId}" in project ${projectId} (services: ${services.map((s) => s.hostname).join(', ') || 'none'})`);
  return found;
}
