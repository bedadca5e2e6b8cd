import net from 'node:net';
import type { Project } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { baseLabels, containerName, volumeName } from '@/lib/provisioner/labels';
import type { Engine } from '@/lib/provisioner/engine';
import type { WantedContainer, WantedVolume } from '@/lib/provisioner/spec';
import { retryUntil } from '@/lib/provisioner/clock';
import { coreContainer } from './container';
import { coreImage } from './image';
import { pushFile } from './push-config';
import { coreAddress } from './addresses';

/**
 * The project's logger: rsyslog (Debian's) receiving the project's log lines over TCP on the
 * project address and keeping them in a size-bounded archive on the project's log volume. In a
 * LIGHT core it runs inside the one core container; in a SERIOUS core in a container of its own.
 * The volume moves with it, so the upgrade carries the archive over.
 */
export const LOG_DIR = '/var/log/berth';
export const ARCHIVE = `${LOG_DIR}/project.log`;
export const LOGGER = 'core-logger';
const CONF = '/etc/berth/rsyslog.conf';
const PID = '/run/berth-rsyslogd.pid';
/** Each of the archive's two files (current and rotated) is at most this big. */
export const ARCHIVE_FILE_BYTES = 32 * 1024 * 1024;

export const logVolume = (projectId: string): WantedVolume => ({ name: volumeName(projectId, 'core-logs'), labels: baseLabels(projectId) });

/** Which core container hosts the logger: the Light one until the upgrade moves it. */
export function loggerHost(project: Pick<Project, 'corePackage' | 'settings'>): string {
  if (project.corePackage === 'LIGHT' || project.settings.coreUpgrade === 'starting') return 'core-balancer-0';
  return LOGGER;
}

export function renderLoggerConfig(input: { address: string; port: number; fileBytes?: number }): string {
  return [
    '# Rendered by Berth: the project logger. Lines arrive as RFC 5424 over TCP from Berth.',
    'global(workDirectory="/var/lib/berth-rsyslog" maxMessageSize="16k")',
    'module(load="imtcp" maxSessions="200")',
    'template(name="berthLine" type="string" string="%timereported:::date-rfc3339% %hostname% %app-name% %msg%\\n")',
    `$outchannel berthArchive,${ARCHIVE},${input.fileBytes ?? ARCHIVE_FILE_BYTES},/usr/local/bin/berth-log-rotate`,
    'ruleset(name="berth") {',
    '  :omfile:$berthArchive;berthLine',
    '  stop',
    '}',
    `input(type="imtcp" address="${input.address}" port="${input.port}" ruleset="berth")`,
    '',
  ].join('\n');
}

/** The dedicated logger of a SERIOUS core (local image only: the official nginx image has no rsyslog). */
export function loggerSpec(project: Pick<Project, 'id'>): WantedContainer {
  return coreContainer(project, LOGGER, {
    role: 'logger',
    image: coreImage('local'),
    cmd: ['logger'],
    mounts: [{ volume: logVolume(project.id).name, path: LOG_DIR }],
    memoryMb: 128,
    stopSignal: 'SIGTERM',
  });
}

/** True once the project's logger accepts TCP on the project address. */
export function loggerListening(address: string, port = env.BERTH_CORE_LOG_PORT): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Containers (by id and start time, so a restarted one is checked again) whose rsyslogd was seen
 * running lately: a periodic reconcile with nothing changed then costs no `docker exec`.
 */
const seenRunning = new Map<string, number>();
const TRUST_MS = 60_000;

async function rsyslogRunning(engine: Engine, container: string): Promise<boolean> {
  const r = await engine.exec(container, ['pgrep', '-x', 'rsyslogd']).catch(() => undefined);
  return r?.exitCode === 0;
}

/**
 * Puts the logger config into the container that hosts the logger and makes sure rsyslogd runs
 * with it. The dedicated logger starts rsyslogd itself once the config is there (and Docker
 * restarts it); in the Light core Berth starts it next to nginx.
 */
export async function ensureLogger(engine: Engine, project: Project): Promise<void> {
  // The official nginx image has no rsyslog: with that source the lines stay in Berth's database only.
  const address = coreAddress(project);
  if (!address || env.BERTH_IMAGE_SOURCE === 'official') return;
  const local = loggerHost(project);
  const name = containerName(project.id, local);
  const c = await engine.inspectContainer(name);
  if (c?.state !== 'running') return;
  const config = renderLoggerConfig({ address, port: env.BERTH_CORE_LOG_PORT });
  const changed = await pushFile(engine, { name, id: c.id }, CONF, config);
  const key = `${c.id}:${c.startedAt ?? ''}`;
  if (changed) {
    seenRunning.delete(key);
    if (await rsyslogRunning(engine, name)) await stopRsyslog(engine, name);
  }
  if (local === LOGGER) return; // its entry point starts rsyslogd with the config, and Docker restarts it
  if (Date.now() - (seenRunning.get(key) ?? 0) < TRUST_MS) return;
  if (!(await rsyslogRunning(engine, name))) {
    const r = await engine.exec(name, ['rsyslogd', '-f', CONF, '-i', PID]);
    if (r.exitCode !== 0) throw new Error(`the project logger did not start in ${local}: ${(r.stderr || r.stdout).trim()}`);
  }
  seenRunning.set(key, Date.now());
}

/** Stops rsyslogd in a container and waits until it is gone (its port is free for the next one). */
export async function stopRsyslog(engine: Engine, container: string): Promise<void> {
  seenRunning.clear();
  const kill = () => engine.exec(container, ['pkill', '-x', 'rsyslogd']).catch(() => undefined);
  await kill();
  await retryUntil(
    // Asked again while one still runs: a daemon still starting up when the first signal came may miss it.
    async () => (await rsyslogRunning(engine, container)) && (await kill(), true),
    (running) => !running,
    () => new Error(`rsyslogd in ${container} did not stop`),
    { timeoutMs: 10_000, intervalMs: 25, maxIntervalMs: 200 },
  );
}

/** The last lines of the project's archive (newest last), read from the logger wherever it runs. */
export async function readArchive(engine: Engine, project: Project, lines = 1000): Promise<string[]> {
  const name = containerName(project.id, loggerHost(project));
  const r = await engine.exec(name, ['tail', '-n', String(Math.min(Math.max(lines, 1), 100_000)), ARCHIVE]).catch(() => undefined);
  if (!r || r.exitCode !== 0) return [];
  return r.stdout.split('\n').filter(Boolean);
}
