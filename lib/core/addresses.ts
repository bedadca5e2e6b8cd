import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { projects, type Project } from '@/lib/db/schema';
import { ensureInterfaceAddresses, removeInterfaceAddresses } from '@/lib/net/interface-addresses';
import { allocateAddress6 } from '@/lib/net/address-pool';
import { isUniqueViolation } from '@/lib/domain/errors';

type Addressed = Pick<Project, 'address' | 'address6'>;

/** Every address the project's core listens on: IPv4 (when it has one) and IPv6. */
export const projectAddresses = (p: Addressed): string[] => [p.address, p.address6].filter((a): a is string => !!a);

/** The one address single-address listeners (the logger) use: IPv4 when the project has one. */
export const coreAddress = (p: Addressed): string | null => p.address ?? p.address6;

/** `a.b.c.d:port` or `[v6]:port`. */
export const hostPort = (address: string, port: number): string => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

/**
 * Gives a project created before IPv6 addresses existed its IPv6 address (once: the row keeps
 * it). A concurrent allocation of the same address loses on the unique column and tries again.
 */
export async function ensureProjectAddress6(db: Db, project: Project): Promise<Project> {
  if (project.address6) return project;
  for (let attempt = 0; ; attempt++) {
    try {
      const address6 = await allocateAddress6(db);
      const [row] = await db.update(projects).set({ address6 }).where(and(eq(projects.id, project.id), isNull(projects.address6))).returning();
      if (row) return row;
      const [current] = await db.select().from(projects).where(eq(projects.id, project.id));
      return current ?? project;
    } catch (err) {
      if (attempt < 20 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

/** Puts the project's addresses on the host interface before its core (re)starts. */
export async function bindProjectAddresses(project: Addressed): Promise<void> {
  await ensureInterfaceAddresses(projectAddresses(project));
}

/** Takes the project's addresses off the host interface (project deleted, IPv4 released). */
export async function unbindAddresses(addresses: (string | null)[]): Promise<void> {
  await removeInterfaceAddresses(addresses.filter((a): a is string => !!a));
}
