import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, processLogs, processes, services } from '@/lib/db/schema';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { env } from '@/lib/env';

/** Everything the project page shows live, in one JSON-safe object (also streamed over SSE). */
export async function getProjectSnapshot(db: Db, userId: string, projectId: string) {
  const { project, role } = await requireProjectAccess(db, userId, projectId, 'read');
  const [svc, ctr, procs] = await Promise.all([
    db.select().from(services).where(eq(services.projectId, projectId)).orderBy(asc(services.createdAt)),
    db.select().from(containers).where(eq(containers.projectId, projectId)).orderBy(asc(containers.name)),
    db.select().from(processes).where(eq(processes.projectId, projectId)).orderBy(desc(processes.sequence)).limit(25),
  ]);
  const active = procs.filter((p) => ['PENDING', 'RUNNING', 'CANCELING'].includes(p.status)).map((p) => p.id);
  const recent = procs.slice(0, 5).map((p) => p.id);
  const logIds = [...new Set([...active, ...recent])];
  const logs = logIds.length
    ? await db.select().from(processLogs).where(inArray(processLogs.processId, logIds)).orderBy(asc(processLogs.id))
    : [];
  return {
    project: {
      id: project.id,
      name: project.name,
      slug: project.slug,
      status: project.status,
      corePackage: project.corePackage,
      address: project.address,
      address6: project.address6,
      network6: project.network6,
      logForward: project.settings.logForward ?? undefined,
    },
    role,
    domain: env.BERTH_DOMAIN,
    httpPort: env.BERTH_HTTP_PORT,
    services: svc.map((s) => {
      const own = ctr.filter((c) => c.serviceId === s.id);
      return {
        id: s.id,
        hostname: s.hostname,
        type: s.type,
        version: s.version,
        mode: s.mode,
        status: s.status,
        running: s.running,
        containerCount: s.containerCount,
        ports: s.ports,
        subdomainAccess: s.subdomainAccess,
        containersRunning: own.filter((c) => c.status === 'running').length,
        containersTotal: own.length,
        publicUrl:
          s.subdomainAccess && s.ports.some((p) => p.httpSupport)
            ? `http://${s.hostname}-${project.slug}.${env.BERTH_DOMAIN}${env.BERTH_HTTP_PORT === 80 ? '' : `:${env.BERTH_HTTP_PORT}`}/`
            : null,
      };
    }),
    containers: ctr.map((c) => ({
      name: c.name,
      serviceId: c.serviceId,
      role: c.role,
      status: c.status,
      health: c.health,
      restartCount: c.restartCount,
      startedAt: c.startedAt?.toISOString() ?? null,
    })),
    processes: procs.map((p) => ({
      id: p.id,
      action: p.action,
      status: p.status,
      serviceId: p.serviceId,
      error: p.error,
      createdAt: p.createdAt.toISOString(),
      startedAt: p.startedAt?.toISOString() ?? null,
      finishedAt: p.finishedAt?.toISOString() ?? null,
      createdBySystem: p.createdBySystem,
      log: logs.filter((l) => l.processId === p.id).slice(-30).map((l) => ({ at: l.at.toISOString(), level: l.level, message: l.message })),
    })),
  };
}

export type ProjectSnapshot = Awaited<ReturnType<typeof getProjectSnapshot>>;

