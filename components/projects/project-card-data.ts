import type { ProjectSummary } from '@/lib/domain/projects';

/** What a project card shows (JSON-safe; server-rendered, then streamed to the projects page). */
export interface ProjectCardData {
  id: string;
  name: string;
  status: string;
  corePackage: 'LIGHT' | 'SERIOUS';
  address: string | null;
  address6: string | null;
  role: string;
  serviceCount: number;
  containersRunning: number;
  containersTotal: number;
  runningProcesses: number;
  /** Total CPU % per minute, oldest first. */
  cpu: number[];
}

export function toProjectCards(summaries: ProjectSummary[], cpu: Record<string, number[]>): ProjectCardData[] {
  return summaries.map((s) => ({
    id: s.project.id,
    name: s.project.name,
    status: s.project.status,
    corePackage: s.project.corePackage,
    address: s.project.address,
    address6: s.project.address6,
    role: s.role,
    serviceCount: s.serviceCount,
    containersRunning: s.containersRunning,
    containersTotal: s.containersTotal,
    runningProcesses: s.runningProcesses,
    cpu: (cpu[s.project.id] ?? []).map((v) => Math.round(v * 10) / 10),
  }));
}
