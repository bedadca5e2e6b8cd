import { and, count, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { encryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { containers, envVariables, processes, projectMembers, projects, services, type Project } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError, conflict } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { enqueueOperation, supersedeOperations } from './operation';
import { createProjectMultilineSchema, createProjectSchema, type CreateProjectInput } from '@/lib/validations/projects';
import { parseInput } from '@/lib/validations/parse';
import { allocateAddress, allocateAddress6, allocateNetwork6 } from '@/lib/net/address-pool';
import { isUniqueViolation } from './errors';
import { requireQuota } from './quotas';

/**
 * Subdomains are `<hostname>-<slug>.<BERTH_DOMAIN>`: with hostnames of up to 25 characters, a slug
 * of at most 37 keeps the label within DNS's 63.
 */
export const MAX_SLUG = 37;
const trimDashes = (s: string) => s.replace(/^-+|-+$/g, '');

export function slugify(name: string, max = MAX_SLUG): string {
  return trimDashes(trimDashes(name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-')).slice(0, max)) || 'project';
}

function assertUniqueKeys(entries: { key: string }[], field = 'env') {
  const seen = new Set<string>();
  for (const e of entries) {
    const k = e.key.toLowerCase();
    if (seen.has(k)) throw new AppError('VALIDATION', `${field}: duplicate key ${e.key} (keys are unique regardless of case)`, { [field]: [`duplicate key ${e.key}`] });
    seen.add(k);
  }
}

export interface CreateProjectOptions {
  /** `project.import` creates the project and then the file's services in one process. */
  action?: 'project.create' | 'project.import';
  payload?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  /** Variables may span lines (values from an import file). */
  multilineEnv?: boolean;
}

/** Creates a project with its addresses (IPv6, and IPv4 unless declined), its network's IPv6 subnet when asked, owner, variables and a `project.create` process, atomically. */
export async function createProject(db: Db, userId: string, raw: CreateProjectInput, opts: CreateProjectOptions = {}) {
  const input = parseInput(opts.multilineEnv ? createProjectMultilineSchema : createProjectSchema, raw);
  assertUniqueKeys(input.env);
  await requireQuota(db, userId, { projects: 1 });
  let slugTaken = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const slug = slugTaken ? `${slugify(input.name, MAX_SLUG - 6)}-${Math.random().toString(36).slice(2, 7).padEnd(5, '0')}` : slugify(input.name);
        const address = (input.publicIpV4 ?? env.BERTH_IP4_BY_DEFAULT) ? await allocateAddress(tx, env.BERTH_IP_POOL) : null;
        const address6 = await allocateAddress6(tx);
        const network6 = input.networkIpv6 ? await allocateNetwork6(tx) : null;
        const [project] = await tx
          .insert(projects)
          .values({ name: input.name, slug, description: input.description, corePackage: input.corePackage, address, address6, network6, status: 'NEW', createdBy: userId, settings: opts.settings ?? {} })
          .returning();
        await tx.insert(projectMembers).values({ projectId: project!.id, userId, role: 'owner' });
        if (input.env.length) {
          await tx.insert(envVariables).values(
            input.env.map((e) => ({
              projectId: project!.id,
              scope: 'project',
              key: e.key,
              keyLower: e.key.toLowerCase(),
              valueEncrypted: encryptSecret(e.value),
              secret: e.secret,
            })),
          );
        }
        const action = opts.action ?? 'project.create';
        const process = await enqueueOperation(tx, { userId, project: project! }, { action, payload: opts.payload, audit: { target: project!.name } });
        return { project: project!, process };
      });
    } catch (err) {
      // The slug or the address was taken (by an existing or a concurrent create): the unique columns decide, we retry.
      if (attempt < 20 && isUniqueViolation(err)) {
        if (isUniqueViolation(err, 'slug')) slugTaken = true;
        continue;
      }
      throw err;
    }
  }
}

export interface ProjectSummary {
  project: Project;
  role: string;
  serviceCount: number;
  containersRunning: number;
  containersTotal: number;
  runningProcesses: number;
}

export interface ProjectListOptions {
  /** Projects whose name contains this text (case-insensitive). */
  q?: string;
  limit?: number;
  offset?: number;
}

const nameFilter = (q: string | undefined) => (q ? ilike(projects.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined);
const memberOf = (userId: string) => and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId));

/** How many projects the user sees (with the name filter). */
export async function countProjects(db: Db, userId: string, q?: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(projects).innerJoin(projectMembers, memberOf(userId)).where(nameFilter(q));
  return Number(row?.n ?? 0);
}

/** The user's projects, newest first (a page of them with limit/offset), with the counts a project card shows. */
export async function listProjects(db: Db, userId: string, opts: ProjectListOptions = {}): Promise<ProjectSummary[]> {
  const query = db
    .select({ project: projects, role: projectMembers.role })
    .from(projects)
    .innerJoin(projectMembers, memberOf(userId))
    .where(nameFilter(opts.q))
    .orderBy(desc(projects.createdAt), desc(projects.id));
  const rows = opts.limit === undefined ? await query : await query.limit(opts.limit).offset(opts.offset ?? 0);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.project.id);
  const svc = await db.select({ id: services.projectId, n: count() }).from(services).where(inArray(services.projectId, ids)).groupBy(services.projectId);
  const ctr = await db
    .select({ id: containers.projectId, total: count(), running: sql<number>`count(*) filter (where ${containers.status} in ('running','starting'))` })
    .from(containers)
    .where(and(inArray(containers.projectId, ids), sql`${containers.serviceId} is not null`))
    .groupBy(containers.projectId);
  const proc = await db
    .select({ id: processes.projectId, n: count() })
    .from(processes)
    .where(and(inArray(processes.projectId, ids), inArray(processes.status, ['PENDING', 'RUNNING', 'CANCELING'])))
    .groupBy(processes.projectId);
  const by = <T extends { id: string | null }>(list: T[]) => new Map(list.map((r) => [r.id, r]));
  const s = by(svc), c = by(ctr), p = by(proc);
  return rows.map((r) => ({
    project: r.project,
    role: r.role,
    serviceCount: Number(s.get(r.project.id)?.n ?? 0),
    containersTotal: Number(c.get(r.project.id)?.total ?? 0),
    containersRunning: Number(c.get(r.project.id)?.running ?? 0),
    runningProcesses: Number(p.get(r.project.id)?.n ?? 0),
  }));
}

export async function getProject(db: Db, userId: string, projectId: string) {
  return requireProjectAccess(db, userId, projectId, 'read');
}

/** Marks the project for deletion; the `project.delete` process removes every Docker object and the row. */
/** Deletes the project; its complete backups are kept (restorable into another project's service) unless `keepBackups` is false. */
export async function deleteProject(db: Db, userId: string, projectId: string, opts: { keepBackups?: boolean } = {}) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'owner');
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (current?.status === 'DELETING') throw conflict('The project is already being deleted');
    await tx.update(projects).set({ status: 'DELETING', updatedAt: new Date() }).where(eq(projects.id, projectId));
    await supersedeOperations(tx, userId, { projectId });
    const process = await enqueueOperation(tx, { userId, project }, { action: 'project.delete', payload: { keepBackups: opts.keepBackups ?? true }, audit: { target: project.name, details: { keepBackups: opts.keepBackups ?? true } } });
    return { process };
  });
}
