import type { Metadata } from 'next';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { requireUser } from '@/lib/auth/guards';
import { listCatalog } from '@/lib/catalog';
import { localVersionsToBuild, supportNotes } from '@/lib/images/catalog-status';
import { newestFirst } from '@/lib/catalog/nearest-version';
import { getDb } from '@/lib/db';
import { listReferenceNames, listTakenNames } from '@/lib/db/queries/wizard-names';
import { env } from '@/lib/env';
import { loadOrNotFound } from '@/lib/http/load-or-not-found';
import { WizardClient } from './wizard-client';
import type { WizardCatalogEntry } from './wizard-state';

export const metadata: Metadata = { title: 'Add service' };

export default async function NewServicePage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser();
  const { projectId } = await params;
  const db = await getDb();
  const { project } = await loadOrNotFound(() => requireProjectAccess(db, user.id, projectId, 'write'), { forbiddenIsNotFound: true });
  const [taken, references] = await Promise.all([listTakenNames(db, project.id), listReferenceNames(db, project.id)]);
  // Only what the configured image source can run; the API refuses the rest with the reason.
  const entries = listCatalog(env.BERTH_IMAGE_SOURCE);
  const toBuild = env.BERTH_IMAGE_SOURCE === 'local' ? await localVersionsToBuild(entries) : new Map<string, string[]>();
  const catalog: WizardCatalogEntry[] = entries.map((e) => ({
    type: e.type,
    displayName: e.displayName,
    category: e.category,
    versions: e.versions
      .filter((v) => v.images[env.BERTH_IMAGE_SOURCE])
      .map((v) => v.version)
      .sort(newestFirst),
    support: env.BERTH_IMAGE_SOURCE === 'local' ? supportNotes(e) : undefined,
    buildsOnFirstUse: toBuild.get(e.type) ?? [],
    defaultVersion: (e.versions.find((v) => v.default && v.images[env.BERTH_IMAGE_SOURCE]) ?? e.versions.find((v) => v.images[env.BERTH_IMAGE_SOURCE]))?.version ?? '',
    ha: e.ha,
    scaling: e.scaling,
    ports: e.ports.map((p) => ({ port: p.port, protocol: p.protocol, http: p.http, name: p.name })),
    resources: e.resources,
  }));
  return (
    <WizardClient
      projectId={project.id}
      projectName={project.name}
      address={[project.address6, project.address].filter(Boolean).join(' and ') || null}
      catalog={catalog}
      names={{ ...taken, reservedPorts: [env.BERTH_CORE_HTTP_PORT, env.BERTH_CORE_HTTPS_PORT], references }}
    />
  );
}
