import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/shell/breadcrumbs';
import { ImportPanel } from '@/components/import/import-panel';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Import a project' };

/** A new project from a Zerops import YAML (zerops-project-import.yml). */
export default async function ImportProjectPage() {
  await requireUser();
  return (
    <div className="space-y-6">
      <div>
        <Breadcrumbs trail={[{ href: '/projects', label: 'Projects' }]} />
        <h1 className="text-2xl font-semibold">Import a project</h1>
        <p className="text-sm text-slate-500">Paste or upload a Zerops import YAML. Check it to see what will be created before anything is.</p>
      </div>
      <Card>
        <ImportPanel target={{ kind: 'project' }} />
      </Card>
    </div>
  );
}
