import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/shell/breadcrumbs';
import { ImportPanel } from '@/components/import/import-panel';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { getDb } from '@/lib/db';
import { loadOrNotFound } from '@/lib/http/load-or-not-found';

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
        <Breadcrumbs
          trail={[
            { href: '/projects', label: 'Projects' },
            { href: `/projects/${project.id}`, label: project.name },
          ]}
        />
        <h1 className="text-2xl font-semibold">Import services</h1>
        <p className="text-sm text-slate-500">A file with a `services:` list; its `project:` part, if any, is not used here.</p>
      </div>
      <Card>
        <ImportPanel target={{ kind: 'services', projectId: project.id }} />
      </Card>
    </div>
  );
}
