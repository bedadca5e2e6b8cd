import type { ProcessContext } from '@/lib/processes/context';
import type { PlannedService } from './plan-types';

/**
 * The one place an import hands services to the deploy pipeline: runtimes with `buildFromGit`
 * (`zeropsSetup` picks the setup, `zeropsYaml` overrides the repository's file) and existing
 * runtimes imported with `override: true`. Until the pipeline is wired here, it only records what
 * will be deployed; the services run their start-without-code placeholder meanwhile.
 */
export async function startImportDeploys(ctx: ProcessContext, projectId: string, services: PlannedService[]): Promise<void> {
  for (const s of services) {
    const from = s.deploy?.buildFromGit ? ` from ${s.deploy.buildFromGit}${s.deploy.zeropsSetup ? ` (setup ${s.deploy.zeropsSetup})` : ''}` : '';
    const what = s.override ? `redeploy of ${s.hostname}${from}` : `deploy of ${s.hostname}${from}`;
    await ctx.log(`${what} will run once the deploy pipeline is available (project ${projectId})`, { step: 'deploy', level: 'warn' });
  }
}

/** Services an import hands to the deploy pipeline. */
export const deploysOf = (services: PlannedService[]) => services.filter((s) => s.override || s.deploy?.buildFromGit);
