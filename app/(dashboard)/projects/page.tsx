import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { projectCardsPage } from '@/lib/domain/project-cards';
import { ProjectsClient } from './projects-client';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const user = await requireUser();
  const db = await getDb();
  const { page, q } = await searchParams;
  return <ProjectsClient initial={await projectCardsPage(db, user.id, { page, q })} ipv4ByDefault={env.BERTH_IP4_BY_DEFAULT} />;
}
