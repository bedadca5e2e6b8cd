import net from 'node:net';
import { and, asc, eq, exists, gt, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { logLines, logShipCursors, projects, services } from '@/lib/db/schema';
import { env } from '@/lib/env';

/**
 * Delivers each project's collected log lines to the project's logger (the core's rsyslog), in id
 * order, at least once: the cursor moves only after a batch was written and the connection closed
 * cleanly, so a logger that is down, restarting or moving (LIGHT → SERIOUS) gets the lines later.
 */
const BATCH = 2_000;
const CONNECT_TIMEOUT_MS = 2_000;
/** After connecting, the whole batch must be written and the connection closed within this. */
const DELIVERY_TIMEOUT_MS = 15_000;

/** One RFC 5424 frame: time (ms precision), service hostname, container, message on one line. */
export function loggerFrame(line: { at: Date; stream: string; hostname: string | null; container: string; message: string }): string {
  const pri = 8 + (line.stream === 'stderr' ? 3 : 6);
  const host = (line.hostname ?? '-').replace(/[^\x21-\x7e]/g, '').slice(0, 255) || '-';
  const app = line.container.replace(/[^\x21-\x7e]/g, '').slice(0, 48) || '-';
  return `<${pri}>1 ${line.at.toISOString()} ${host} ${app} - - - ${line.message.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * Writes newline-framed messages over one TCP connection; resolves once the peer closed it cleanly.
 * A peer that accepts but never reads or closes fails the batch after `deliveryMs` (it is sent again).
 */
export function sendFrames(host: string, port: number, frames: string[], deliveryMs = DELIVERY_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let timer = setTimeout(() => socket.destroy(new Error(`logger at ${host}:${port} did not answer`)), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(new Error(`logger at ${host}:${port} did not take the lines within ${deliveryMs} ms`)), deliveryMs);
      socket.end(frames.join('\n') + '\n');
    });
    socket.once('close', () => clearTimeout(timer));
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('close', (hadError) => (hadError ? undefined : resolve()));
  });
}

async function shipProject(db: Db, project: { id: string; address: string; after: number }, port: number): Promise<number> {
  const { after } = project;
  const rows = await db
    .select({ id: logLines.id, at: logLines.at, stream: logLines.stream, container: logLines.containerName, message: logLines.message, hostname: services.hostname })
    .from(logLines)
    .leftJoin(services, eq(services.id, logLines.serviceId))
    .where(and(eq(logLines.projectId, project.id), gt(logLines.id, after)))
    .orderBy(asc(logLines.id))
    .limit(BATCH);
  if (!rows.length) return 0;
  await sendFrames(project.address, port, rows.map(loggerFrame));
  const shippedId = rows.at(-1)!.id;
  await db
    .insert(logShipCursors)
    .values({ projectId: project.id, shippedId })
    .onConflictDoUpdate({ target: logShipCursors.projectId, set: { shippedId, updatedAt: new Date() } });
  return rows.length;
}

/** One pass over the projects with undelivered lines; a logger that is not listening is retried next pass. */
export async function shipOnce(db: Db, port = env.BERTH_CORE_LOG_PORT): Promise<{ shipped: number; waiting: string[] }> {
  // One query finds the projects with lines past their cursor, so an idle pass costs one round trip.
  const list = await db
    .select({ id: projects.id, address: sql<string>`coalesce(${projects.address}, ${projects.address6})`, after: logShipCursors.shippedId })
    .from(projects)
    .leftJoin(logShipCursors, eq(logShipCursors.projectId, projects.id))
    .where(
      and(
        or(isNotNull(projects.address), isNotNull(projects.address6)),
        ne(projects.status, 'DELETING'),
        exists(
          db
            .select({ one: sql`1` })
            .from(logLines)
            .where(and(eq(logLines.projectId, projects.id), gt(logLines.id, sql`coalesce(${logShipCursors.shippedId}, 0)`))),
        ),
      ),
    );
  let shipped = 0;
  const waiting: string[] = [];
  for (const p of list) {
    try {
      shipped += await shipProject(db, { id: p.id, address: p.address, after: p.after ?? 0 }, port);
    } catch {
      waiting.push(p.id);
    }
  }
  return { shipped, waiting };
}
