import { NextResponse } from 'next/server';
import { requireSessionUser } from '@/lib/auth/guards';
import { dbHandle, dbReady } from '@/lib/db';
import { pingEngine } from '@/lib/provisioner/docker/connection';
import { version } from '@/lib/version';

export const dynamic = 'force-dynamic';

/** Whether the caller is a signed-in admin (who may see error texts and the engine's address). */
async function isAdmin(): Promise<boolean> {
  try {
    return (await requireSessionUser()).role === 'admin';
  } catch {
    return false;
  }
}

/**
 * Liveness: whether the database and Docker answer, and the version, for anyone (load balancers,
 * monitors). Error texts and the engine's address and version only for admins.
 */
export async function GET() {
  let database: { driver: string; ok: boolean; error?: string };
  try {
    await dbReady();
    database = { driver: dbHandle().driver, ok: true };
  } catch (err) {
    database = { driver: dbHandle().driver, ok: false, error: err instanceof Error ? err.message : 'unavailable' };
  }
  const docker = await pingEngine();
  const ok = database.ok && docker.ok;
  const details = await isAdmin();
  return NextResponse.json(
    details ? { ok, version, database, docker } : { ok, version, database: { driver: database.driver, ok: database.ok }, docker: { ok: docker.ok } },
    { status: database.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
