import { registerCoreExtension } from './extension';
import { and, eq } from 'drizzle-orm';
import { httpDomains, projects } from '@/lib/db/schema';
import { converge } from '@/lib/processes/converge';
import { withProjectLock } from '@/lib/provisioner/reconcile';
import { syncCore } from './extension';
import { registerHandler } from '@/lib/processes/registry';
import { registerUpgradeHandler } from './upgrade';

export { upgradeCore } from './upgrade';
export { syncCore } from './extension';
export { listCertificates, useAcmeIssuer } from './certs';
export type { AcmeIssuer, ChallengeResponder } from './certs/acme';
export { addDomain, listDomains, publishRouting, removeDomain } from './domains';
export { addPublicPort, listPublicPorts, removePublicPort, setRouteFirewall } from './public-ports';

/** Plugs the project core into the provisioner (balancers as wanted objects) and the worker. */
export function registerProjectCore(): void {
  registerCoreExtension();
  registerUpgradeHandler();
  // Ports and firewalls: converge renders them into the balancers (nginx -t before the swap).
  registerHandler('stack.updatePorts', async (ctx) => {
    await converge(ctx, ctx.process.projectId!);
    await ctx.log('routing published to the balancers', { step: 'core' });
  });
  // Draft → publish: the staged domains are rendered and validated (nginx -t) first; only when
  // every balancer took the config are the drafts marked live. A rejected config changes nothing.
  registerHandler('project.publishRouting', async (ctx) => {
    const projectId = ctx.process.projectId!;
    await withProjectLock(projectId, async () => {
      const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
      if (!project) throw new Error('project not found');
      const ext = { db: ctx.db, runtime: ctx.runtime, project };
      await syncCore(ext, { includeDrafts: true });
      await ctx.db.transaction(async (tx) => {
        await tx.delete(httpDomains).where(and(eq(httpDomains.projectId, projectId), eq(httpDomains.deleteOnSync, true)));
        await tx.update(httpDomains).set({ isSynced: true }).where(and(eq(httpDomains.projectId, projectId), eq(httpDomains.isSynced, false)));
      });
      await syncCore(ext);
    });
    await ctx.log('staged routing published', { step: 'core' });
  });
}
