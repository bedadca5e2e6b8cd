/**
 * `npm run bench:dashboard`: seeds 200 projects, 1,000 services and 2,000 container rows (no
 * Docker) with 30 minutes of statistics, serves the built app on them, signs in, and measures the
 * server render time (full HTML response) of the projects page and of a 20-service project page
 * (median and p95 over N requests after 3 warm-ups) and each page's first-load JS (all scripts the
 * HTML loads, uncompressed and gzipped). Then the control plane's resident memory (`npm start`'s whole process
 * tree) with 20 projects on the real engine, after start-up and after an idle period
 * (`npm run bench:dashboard -- [requests] [idle minutes]`, default 40 requests and 10 minutes).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { hashPassword } from '@/lib/auth/password';
import { openDb } from '@/lib/db/client';
import { containers, projectMembers, projects, services, statsSamples, users } from '@/lib/db/schema';
import { waitFor } from '@/lib/testing/wait';
import { idleMemory } from './idle-memory';

const PORT = 3190;
const N = Number(process.argv[2] ?? 40);
const IDLE_MINUTES = Number(process.argv[3] ?? 10);
const dir = path.resolve('.test-data', `bench-dashboard-${Date.now().toString(36)}`);
const base = `http://127.0.0.1:${PORT}`;
if (!fs.existsSync('.next/BUILD_ID')) throw new Error('Run `npx next build` first (npm start does it once).');

// Seed.
const handle = openDb({ pgliteDir: path.join(dir, 'pglite') });
await handle.migrate();
const db = handle.db;
const password = 'bench-password-123';
const [admin] = await db.insert(users).values({ email: 'bench@berth.test', name: 'Bench', passwordHash: await hashPassword(password), role: 'admin' }).returning();
const projectRows = await db
  .insert(projects)
  .values(Array.from({ length: 200 }, (_, i) => ({ name: `Project ${i}`, slug: `project-${i}`, address: `127.0.${100 + Math.floor(i / 250)}.${(i % 250) + 2}`, status: 'ACTIVE' as const })))
  .returning();
await db.insert(projectMembers).values(projectRows.map((p) => ({ projectId: p.id, userId: admin!.id, role: 'owner' as const })));
// 1,000 services: project 0 gets 20, the other 980 spread over the rest.
const svcValues = [];
for (let i = 0; i < 1000; i++) {
  const p = i < 20 ? projectRows[0]! : projectRows[1 + ((i - 20) % 199)]!;
  svcValues.push({ projectId: p.id, hostname: `svc${i}`, type: 'nodejs', version: '18', status: 'ACTIVE' as const, resources: { cpu: 0.5, memoryMb: 256 }, ports: [{ port: 3000, protocol: 'tcp' as const, httpSupport: true }] });
}
const svcRows = [];
for (let i = 0; i < svcValues.length; i += 250) svcRows.push(...(await db.insert(services).values(svcValues.slice(i, i + 250)).returning()));
const ctrValues = svcRows.flatMap((s) => [0, 1].map((n) => ({ projectId: s.projectId, serviceId: s.id, name: `berth-x-${s.hostname}-runtime-${n}`, role: 'runtime', ordinal: n, status: 'running', health: 'healthy' })));
for (let i = 0; i < ctrValues.length; i += 500) await db.insert(containers).values(ctrValues.slice(i, i + 500));
// 30 minutes of 1-minute statistics per container (60,000 rows), so the cards draw their CPU sparklines.
const now = Date.now();
const svcById = new Map(svcRows.map((s) => [s.id, s]));
const statValues = ctrValues.flatMap((c) =>
  Array.from({ length: 30 }, (_, m) => ({
    projectId: svcById.get(c.serviceId)!.projectId,
    serviceId: c.serviceId,
    containerName: c.name,
    resolution: '1m',
    at: new Date(now - (30 - m) * 60_000),
    cpuPercent: 5 + ((m * 7 + c.ordinal * 13) % 20),
    memoryBytes: 100_000_000 + m * 1_000_000,
    memoryLimitBytes: 268_435_456,
    netRxBytes: m * 10_000,
    netTxBytes: m * 5_000,
    blockReadBytes: 0,
    blockWriteBytes: m * 4096,
  })),
);
for (let i = 0; i < statValues.length; i += 1000) await db.insert(statsSamples).values(statValues.slice(i, i + 1000));
await handle.close();
console.log(`seeded 200 projects, 1000 services, 2000 containers, ${statValues.length} statistics rows`);

// Serve the built app on the seeded database.
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
  env: { ...process.env, BERTH_DATA_DIR: dir, BERTH_WORKER: 'false', BERTH_LOG_LEVEL: 'warn', NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: 'ignore',
});
try {
  await waitFor('server', async () => (await fetch(`${base}/api/health`).catch(() => undefined))?.ok, 60_000);
  // Sign in through next-auth's credentials endpoint.
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: 'bench@berth.test', password, json: 'true' }),
  });
  const cookie = [csrfCookie, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');

  async function measure(url: string) {
    const times: number[] = [];
    let html = '';
    for (let i = 0; i < N + 3; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      html = await res.text();
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      if (i >= 3) times.push(performance.now() - t); // 3 warm-up requests
    }
    times.sort((a, b) => a - b);
    // Scripts a browser loads: `noModule` ones (legacy polyfills) are never fetched by a browser with modules.
    const scripts = [...html.matchAll(/<script([^>]+)>/g)].filter((m) => !/noModule/i.test(m[1]!)).flatMap((m) => /src="([^"]+)"/.exec(m[1]!)?.[1] ?? []);
    let jsBytes = 0;
    let gzipBytes = 0;
    for (const src of new Set(scripts)) {
      const body = Buffer.from(await (await fetch(`${base}${src}`)).arrayBuffer());
      jsBytes += body.byteLength;
      gzipBytes += zlib.gzipSync(body).byteLength;
    }
    return {
      medianMs: Math.round(times[Math.floor(times.length / 2)]!),
      p95Ms: Math.round(times[Math.floor(times.length * 0.95)]!),
      firstLoadJsKB: Math.round(jsBytes / 1024),
      firstLoadJsGzipKB: Math.round(gzipBytes / 1024),
    };
  }
  const projectsPage = await measure('/projects');
  const projectPage = await measure(`/projects/${projectRows[0]!.id}`);
  server.kill('SIGTERM');
  const memory = await idleMemory({ projects: 20, idleMs: IDLE_MINUTES * 60_000, port: PORT + 1 });
  console.log(JSON.stringify({ requests: N, projectsPage, projectPage20Services: projectPage, memory }));
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
// Exit explicitly: after the JSON line some handle (not found yet) kept the loop alive for minutes.
process.exit(0);
