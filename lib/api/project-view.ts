import type { Project } from '@/lib/db/schema';

/** A project as the API shows it: the row plus its public addresses under Zerops' names. */
export function projectView(project: Project) {
  return { ...project, publicIpV6: project.address6, publicIpV4: project.address };
}
