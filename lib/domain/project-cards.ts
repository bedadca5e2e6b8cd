import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { listCpuSparklines } from '@/lib/db/queries/sparklines';
import { countProjects, listProjects, type ProjectSummary } from './projects';

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

/** Cards per page of the projects page: enough to scan, few enough to render and send at once. */
export const PROJECTS_PAGE_SIZE = 48;

/** The page's query string; a bad value falls back to the first page or no filter (it is a link, not a form to refuse). */
export const projectsPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  q: z.string().trim().max(100).catch(''),
});

export interface ProjectCardsPage {
  cards: ProjectCardData[];
  page: number;
  pages: number;
  total: number;
  q: string;
}

/** One page of the user's project cards (newest first, optionally filtered by name), with its CPU sparklines. */
export async function projectCardsPage(db: Db, userId: string, raw: { page?: unknown; q?: unknown }): Promise<ProjectCardsPage> {
  const { page: asked, q } = projectsPageQuery.parse({ page: raw.page ?? 1, q: raw.q ?? '' });
  const total = await countProjects(db, userId, q);
  const pages = Math.max(1, Math.ceil(total / PROJECTS_PAGE_SIZE));
  const page = Math.min(asked, pages);
  const summaries = await listProjects(db, userId, { q, limit: PROJECTS_PAGE_SIZE, offset: (page - 1) * PROJECTS_PAGE_SIZE });
  const cpu = await listCpuSparklines(db, summaries.map((s) => s.project.id));
  return { cards: toProjectCards(summaries, cpu), page, pages, total, q };
}
