import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { httpDomains, projects, type Project } from '@/lib/db/schema';
import { reconcileStep } from '@/lib/processes/reconcile-step';
import type { ProcessContext } from '@/lib/processes/context';
import type { ProcessHandlers } from '@/lib/processes/registry';
import { withProjectLock } from '@/lib/provisioner/reconcile';
import { unprovenDomain } from './domain-proof';
import { syncCore } from './balancer-sync';
import { upgradeHandler } from './upgrade';

/** Every newly staged name must be proven the project's (a name already live in the project was proven when published). */
async function requireDomainControl(db: Db, project: Project): Promise<void> {
  const rows = await db.select().from(httpDomains).where(eq(httpDomains.projectId, project.id));
  const live = new Set(rows.filter((r) => r.isSynced).map((r) => r.domain));
  const fresh = [...new Set(rows.filter((r) => !r.isSynced && !r.deleteOnSync && !live.has(r.domain)).map((r) => r.domain))];
  const problems = (await Promise.all(fresh.map((d) => unprovenDomain(d, project)))).filter((p): p is string => Boolean(p));
  if (problems.length) throw new Error(`Routing not published: ${problems.join('; ')}`);
}

/** Ports and firewalls: reconcile renders them into the balancers (nginx -t before the swap). */
async function updatePorts(ctx: ProcessContext): Promise<void> {
  await reconcileStep(ctx, ctx.process.projectId!);
  await ctx.log('routing published to the balancers', { step: 'core' });
}

/**
 * Draft → publish: the staged domains are rendered and validated (nginx -t) first; only when
 * every balancer took the config are the drafts marked live. A rejected config changes nothing.
 */
async function publishRouting(ctx: ProcessContext): Promise<void> {
  const projectId = ctx.process.projectId!;
  await withProjectLock(projectId, async () => {
    const [project] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
    if (!project) throw new Error('project not found');
    const ext = { db: ctx.db, engine: ctx.engine, project };
    // Proof of control comes first: no unproven name reaches a balancer, the edge or a certificate.
    await requireDomainControl(ctx.db, project);
    await syncCore(ext, { includeDrafts: true });
    await ctx.db.transaction(async (tx) => {
      await tx.delete(httpDomains).where(and(eq(httpDomains.projectId, projectId), eq(httpDomains.deleteOnSync, true)));
      await tx.update(httpDomains).set({ isSynced: true }).where(and(eq(httpDomains.projectId, projectId), eq(httpDomains.isSynced, false)));
    });
    await syncCore(ext);
  });
  await ctx.log('staged routing published', { step: 'core' });
}

export const coreHandlers = {
  'stack.updatePorts': updatePorts,
  'project.publishRouting': publishRouting,
  'project.upgradeCore': upgradeHandler,
} satisfies ProcessHandlers;
