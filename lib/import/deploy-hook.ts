import { and, eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import { deploySources, projects, services } from '@/lib/db/schema';
import type { ProcessContext } from '@/lib/processes/context';
import { startDeploy } from '@/lib/domain/deploys';
import type { PlannedService } from './plan-types';

/** The zerops.yml an import gives inline (`zeropsYaml`), as the text a deploy reads. */
const inlineYml = (value: string | Record<string, unknown> | undefined) => (value === undefined ? null : typeof value === 'string' ? value : stringify(value));

/**
 * The one place an import hands services to the deploy pipeline: runtimes with `buildFromGit`
 * (`zeropsSetup` picks the setup, `zeropsYaml` stands in for the repository's file) and existing
 * runtimes imported with `override: true` (their tracked repository again). Each becomes a
 * `service.deploy` process queued after the import, so it runs once the import has finished.
 */
export async function startImportDeploys(ctx: ProcessContext, projectId: string, planned: PlannedService[]): Promise<void> {
  const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) return;
  for (const s of planned) {
    const [service] = await ctx.db.select().from(services).where(and(eq(services.projectId, projectId), eq(services.hostname, s.hostname)));
    if (!service) continue;
    let url = s.deploy?.buildFromGit;
    if (!url && s.override) {
      const [tracked] = await ctx.db.select().from(deploySources).where(eq(deploySources.serviceId, service.id));
      url = tracked?.gitUrl ?? undefined;
    }
    if (!url) {
      await ctx.log(`${s.hostname}: no Git source to deploy from (give buildFromGit, or deploy it from the dashboard or with berth push)`, { step: 'deploy', level: 'warn' });
      continue;
    }
    const { version } = await startDeploy(
      ctx.db,
      { userId: ctx.process.createdBy, project, service },
      { kind: 'git', url, ref: null },
      { setupName: s.deploy?.zeropsSetup ?? null, zeropsYml: inlineYml(s.deploy?.zeropsYaml) },
    );
    await ctx.log(`${s.hostname}: version ${version.sequence} will build from ${url}${s.deploy?.zeropsSetup ? ` (setup ${s.deploy.zeropsSetup})` : ''} once the import has finished`, { step: 'deploy' });
  }
}

/** Services an import hands to the deploy pipeline. */
export const deploysOf = (services: PlannedService[]) => services.filter((s) => s.override || s.deploy?.buildFromGit);
