import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { loadOrNotFound } from '@/lib/http/load-or-not-found';
import { listEnv } from '@/lib/domain/env';
import { listMembers } from '@/lib/domain/members';
import { getProjectSnapshot } from '@/lib/domain/snapshot';
import { getBackupTarget } from '@/lib/backups/target-settings';
import { ProjectClient } from './project-client';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const { projectId } = await params;
  const db = await getDb();
  const { snapshot, masked, revealed, members, target } = await loadOrNotFound(async () => {
    const snapshot = await getProjectSnapshot(db, user.id, projectId);
    const masked = await listEnv(db, user.id, projectId, null);
    const revealed =
      snapshot.role === 'viewer'
        ? undefined
        : Object.fromEntries((await listEnv(db, user.id, projectId, null, { reveal: true })).filter((v) => v.secret).map((v) => [v.key, v.value]));
    const members = await listMembers(db, user.id, projectId);
    const { target } = await getBackupTarget(db, user.id, projectId);
    return { snapshot, masked, revealed, members, target };
  });
  return <ProjectClient initial={snapshot} env={masked} revealed={revealed} members={members} backupTarget={target && { ...target, updatedAt: target.updatedAt.toISOString() }} />;
}
