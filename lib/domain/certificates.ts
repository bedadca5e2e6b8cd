import { eq } from 'drizzle-orm';
import { requireProjectAccess } from '@/lib/authz/project-access';
import type { DomainCertificate } from '@/lib/core/certs/types';
import type { Db } from '@/lib/db/client';
import { certificates } from '@/lib/db/schema';

export type { DomainCertificate };

/** The project's certificates for the dashboard: who issued them, until when, and the last error. */
export async function listCertificates(db: Db, userId: string, projectId: string) {
  await requireProjectAccess(db, userId, projectId, 'read');
  const rows = await db.select().from(certificates).where(eq(certificates.projectId, projectId));
  return rows.map(({ keyEncrypted: _key, certPem: _pem, ...rest }) => rest);
}

/** Which certificate serves a custom domain: its own ACME one when active, else the internal one. */
export function certificateOf(domain: string, certs: Awaited<ReturnType<typeof listCertificates>>): DomainCertificate | undefined {
  const own = certs.find((c) => c.name === domain);
  const internal = certs.find((c) => c.issuer === 'internal' && c.hosts.includes(domain));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  if (own?.status === 'active') return { issuer: 'acme', status: 'active', expiresAt: iso(own.expiresAt), error: null };
  if (own) return { issuer: 'acme', status: own.status, expiresAt: iso(internal?.expiresAt ?? null), error: own.error };
  if (internal) return { issuer: 'internal', status: internal.status, expiresAt: iso(internal.expiresAt), error: internal.error };
  return undefined;
}
