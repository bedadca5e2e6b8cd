import { NextResponse } from 'next/server';
import { dbHandle, dbReady } from '@/lib/db';
import { pingEngine } from '@/lib/provisioner/docker/connection';
import { version } from '@/lib/version';

export const dynamic = 'force-dynamic';

/** Public liveness: which database driver runs, whether Docker answers, and the version. */
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
  return NextResponse.json(
    { ok, version, database, docker },
    { status: database.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
