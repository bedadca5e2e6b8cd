import type { Metadata } from 'next';
import { eq } from 'drizzle-orm';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { requireUser } from '@/lib/auth/guards';
import { listCatalog } from '@/lib/catalog';
import { getDb } from '@/lib/db';
import { envVariables, services } from '@/lib/db/schema';
import { loadOrNotFound } from '@/lib/page-data';
import { WizardClient, type WizardCatalogEntry } from './wizard-client';

export const metadata: Metadata = { title: 'Add service' };

export default async function NewServicePage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const { projectId } = await params;
  const db = await getDb();
  const data = await loadOrNotFound(async () => {
    const { project } = await requireProjectAccess(db, user.id, projectId, 'write');
    const existing = await db.select({ id: services.id, hostname: services.hostname }).from(services).where(eq(services.projectId, projectId));
    const keys = await db.select({ serviceId: envVariables.serviceId, key: envVariables.key }).from(envVariables).where(eq(envVariables.projectId, projectId));
    const references = existing.flatMap((s) => keys.filter((k) => k.serviceId === s.id).map((k) => `\${${s.hostname}_${k.key}}`));
    const catalog: WizardCatalogEntry[] = listCatalog().map((e) => ({
      type: e.type,
      displayName: e.displayName,
      category: e.category,
      versions: e.versions.map((v) => v.version),
      ha: e.ha,
      scaling: e.scaling,
      ports: e.ports,
      resources: e.resources,
    }));
    return { project, catalog, taken: existing.map((s) => s.hostname), references };
  }, { forbiddenIsNotFound: true });
  return <WizardClient projectId={data.project.id} projectName={data.project.name} catalog={data.catalog} taken={data.taken} references={data.references} />;
}
