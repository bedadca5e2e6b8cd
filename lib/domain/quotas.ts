import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { instanceSettings, projects, services, users, type Quota } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/validations/parse';

/** The default per-user quota until an admin sets one. Admins have no quota. */
export const BUILTIN_QUOTA: Quota = { projects: 20, services: 100, containers: 200, cpu: 32, memoryMb: 64 * 1024 };

export const quotaSchema = z.object({
  projects: z.coerce.number().int('Use a whole number').min(0).max(10_000),
  services: z.coerce.number().int('Use a whole number').min(0).max(100_000),
  containers: z.coerce.number().int('Use a whole number').min(0).max(100_000),
  cpu: z.coerce.number().min(0).max(10_000),
  memoryMb: z.coerce.number().int('Use a whole number').min(0).max(100_000_000),
});

const LABELS: Record<keyof Quota, string> = { projects: 'projects', services: 'services', containers: 'containers', cpu: 'CPU cores', memoryMb: 'MB of memory' };

export async function defaultQuota(db: Db): Promise<Quota> {
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'quota'));
  const parsed = quotaSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : BUILTIN_QUOTA;
}

/** The user's quota (their own, else the default); undefined for admins. */
export async function quotaOf(db: Db, userId: string): Promise<Quota | undefined> {
  const [user] = await db.select({ role: users.role, quota: users.quota }).from(users).where(eq(users.id, userId));
  if (!user || user.role === 'admin') return undefined;
  return user.quota ?? (await defaultQuota(db));
}

/** What the user owns now: the projects they created (not being deleted) and everything in them. */
export async function usageOf(db: Db, userId: string): Promise<Quota> {
  const owned = (await db.select({ id: projects.id }).from(projects).where(and(eq(projects.createdBy, userId), ne(projects.status, 'DELETING')))).map((p) => p.id);
  if (!owned.length) return { projects: 0, services: 0, containers: 0, cpu: 0, memoryMb: 0 };
  const [row] = await db
    .select({
      services: sql<number>`count(*)::int`,
      containers: sql<number>`coalesce(sum(${services.containerCount}), 0)::int`,
      cpu: sql<number>`coalesce(sum(${services.containerCount} * (${services.resources}->>'cpu')::float8), 0)::float8`,
      memoryMb: sql<number>`coalesce(sum(${services.containerCount} * (${services.resources}->>'memoryMb')::float8), 0)::float8`,
    })
    .from(services)
    .where(inArray(services.projectId, owned));
  return { projects: owned.length, services: row?.services ?? 0, containers: row?.containers ?? 0, cpu: Number(row?.cpu ?? 0), memoryMb: Number(row?.memoryMb ?? 0) };
}

/** Refuses (403, naming the limit) when adding `more` would take the user over their quota. */
export async function requireQuota(db: Db, userId: string, more: Partial<Quota>): Promise<void> {
  const quota = await quotaOf(db, userId);
  if (!quota) return;
  const used = await usageOf(db, userId);
  for (const key of Object.keys(LABELS) as (keyof Quota)[]) {
    const add = more[key] ?? 0;
    if (add > 0 && used[key] + add > quota[key] + 1e-9) {
      const round = (n: number) => Math.round(n * 100) / 100;
      throw new AppError('FORBIDDEN', `Quota reached: this needs ${round(add)} more ${LABELS[key]}, you use ${round(used[key])} of ${round(quota[key])}. Ask an admin to raise your quota.`, {
        [key === 'projects' ? 'name' : key === 'containers' ? 'containerCount' : key === 'services' ? 'hostname' : 'resources']: [`quota of ${round(quota[key])} ${LABELS[key]} reached`],
      });
    }
  }
}

async function requireAdmin(db: Db, adminId: string): Promise<void> {
  const [u] = await db.select({ role: users.role }).from(users).where(eq(users.id, adminId));
  if (u?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can do this');
}

/** Admin: the quota of every user without their own. */
export async function setDefaultQuota(db: Db, adminId: string, raw: unknown): Promise<Quota> {
  await requireAdmin(db, adminId);
  const quota = parseInput(quotaSchema, raw);
  await db.insert(instanceSettings).values({ key: 'quota', value: quota }).onConflictDoUpdate({ target: instanceSettings.key, set: { value: quota, updatedAt: new Date() } });
  return quota;
}

/** Admin: one user's own quota (null: back to the default). */
export async function setUserQuota(db: Db, adminId: string, userId: string, raw: unknown | null): Promise<Quota | null> {
  await requireAdmin(db, adminId);
  const quota = raw === null ? null : parseInput(quotaSchema, raw);
  await db.update(users).set({ quota }).where(eq(users.id, userId));
  return quota;
}
