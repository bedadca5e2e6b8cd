import fs from 'node:fs';
import tarFs from 'tar-fs';
import tar from 'tar-stream';
import { eq } from 'drizzle-orm';
import { processes } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { ProcessCanceled, type ProcessContext } from '@/lib/processes/context';

/**
 * A folder as a tar archive in memory (sources and artifacts are bounded by the archive limit).
 * Sorted entries and a fixed mtime: the same files give the same bytes, so the same digest.
 */
export function packDir(dir: string): Promise<Buffer> {
  const options: tarFs.PackOptions & { sort: boolean } = {
    sort: true,
    map: (header) => ({ ...header, mtime: new Date(0), uid: 0, gid: 0, uname: 'root', gname: 'root' }),
  };
  const pack = tarFs.pack(dir, options);
  return streamToBuffer(pack, env.BERTH_DEPLOY_ARCHIVE_LIMIT_MB * 1024 * 1024 * 2);
}

/** A tar holding the given files (path → content, mode). */
export function packFiles(files: { name: string; content: string; mode?: number }[], dirs: string[] = []): Promise<Buffer> {
  const pack = tar.pack();
  for (const d of dirs) pack.entry({ name: d, type: 'directory', mode: 0o755 });
  for (const f of files) pack.entry({ name: f.name, mode: f.mode ?? 0o644 }, f.content);
  pack.finalize();
  return streamToBuffer(pack, 64 * 1024 * 1024);
}

export async function streamToBuffer(stream: AsyncIterable<unknown>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > limit) throw new Error(`more than ${Math.round(limit / 1048576)} MiB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The host CA bundle, mounted read-only, and the variables that make common tools trust it. */
export const CA_PATH = '/etc/berth/ca-certificates.crt';
export function caMount(): { binds: { host: string; path: string; readOnly: boolean }[]; env: Record<string, string> } {
  if (!fs.existsSync(env.BERTH_CA_BUNDLE)) return { binds: [], env: {} };
  return {
    binds: [{ host: env.BERTH_CA_BUNDLE, path: CA_PATH, readOnly: true }],
    env: { SSL_CERT_FILE: CA_PATH, NODE_EXTRA_CA_CERTS: CA_PATH, PIP_CERT: CA_PATH, REQUESTS_CA_BUNDLE: CA_PATH, CURL_CA_BUNDLE: CA_PATH, GIT_SSL_CAINFO: CA_PATH },
  };
}

/**
 * The process log as a sink for command output: lines are written in order, in batches, so a
 * chatty build does not wait on the database per line.
 */
export function lineLog(ctx: ProcessContext, step: string) {
  let queue: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const lines = queue;
    queue = [];
    if (lines.length) writing = writing.then(() => ctx.log(lines.join('\n'), { step })).catch(() => {});
    return writing;
  };
  const timer = setInterval(flush, 300);
  return {
    line(l: string) {
      queue.push(l.length > 4000 ? `${l.slice(0, 4000)}…` : l);
      if (queue.length >= 50) void flush();
    },
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

/**
 * Runs `work` while watching for cancel and the deadline once a second; on either, `stop` runs
 * (it kills the container the work waits on) and the cancel or deadline error is thrown. The
 * watch reads the cancel flag directly: it is not a step boundary (those stay where they are).
 */
export async function cancellable<T>(ctx: ProcessContext, work: () => Promise<T>, stop: () => Promise<void>, deadline: number): Promise<T> {
  let reason: Error | undefined;
  const timer = setInterval(() => {
    if (reason) return;
    const check =
      Date.now() > deadline
        ? Promise.reject(new Error('the build passed its time limit'))
        : ctx.db
            .select({ c: processes.cancelRequested })
            .from(processes)
            .where(eq(processes.id, ctx.process.id))
            .then(([row]) => {
              if (row?.c) throw new ProcessCanceled();
            });
    check.catch((err: unknown) => {
      reason = err instanceof Error ? err : new Error(String(err));
      void stop().catch(() => {});
    });
  }, 1000);
  try {
    const result = await work();
    if (reason) throw reason;
    return result;
  } catch (err) {
    throw reason ?? err;
  } finally {
    clearInterval(timer);
  }
}

export { ProcessCanceled };
