import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportPanel } from '@/components/import/import-panel';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { getDb } from '@/lib/db';
import { loadOrNotFound } from '@/lib/page-data';

export const metadata: Metadata = { title: 'Import services' };

/** Services from an import YAML's `services:` into this project (`override: true` redeploys a runtime). */
export default async function ImportServicesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const { projectId } = await params;
  const db = await getDb();
  const { project } = await loadOrNotFound(() => requireProjectAccess(db, user.id, projectId, 'write'), { forbiddenIsNotFound: true });
  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/projects" className="hover:underline">
            Projects
          </Link>{' '}
          /{' '}
          <Link href={`/projects/${project.id}`} className="hover:underline">
            {project.name}
          </Link>{' '}
          /
        </nav>
        <h1 className="text-2xl font-semibold">Import services</h1>
        <p className="text-sm text-slate-500">A file with a `services:` list; its `project:` part, if any, is not used here.</p>
      </div>
      <Card>
        <ImportPanel target={{ kind: 'services', projectId: project.id }} />
      </Card>
    </div>
  );
}
