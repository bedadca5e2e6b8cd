import type { Metadata } from 'next';
import { toProjectCards } from '@/components/projects/project-card-data';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listCpuSparklines } from '@/lib/db/queries/sparklines';
import { listProjects } from '@/lib/domain/projects';
import { ProjectsClient } from './projects-client';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const user = await requireUser();
  const db = await getDb();
  const projects = await listProjects(db, user.id);
  const cpu = await listCpuSparklines(db, projects.map((p) => p.project.id));
  return <ProjectsClient initial={toProjectCards(projects, cpu)} ipv4ByDefault={env.BERTH_IP4_BY_DEFAULT} />;
}
