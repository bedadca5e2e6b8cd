import { AppError } from '@/lib/errors';
import type { ParsedZeropsYml } from './parse';
import type { ZeropsCheck, ZeropsPort, ZeropsReadiness, ZeropsSetup } from './schema';

/** A setup after `extends` is merged and lists are normalized: what the pipeline consumes. */
export interface ResolvedSetup {
  name: string;
  build: {
    bases: string[];
    os?: string;
    prepareCommands: string[];
    buildCommands: string[];
    deployFiles: string[];
    /** Paths kept between builds, or true for the whole build directory, false for none. */
    cache: string[] | boolean;
    addToRunPrepare: string[];
    envVariables: Record<string, string>;
  };
  deploy: { temporaryShutdown: boolean; readinessCheck?: ZeropsReadiness };
  run: {
    /** Empty: the service type's own image. */
    bases: string[];
    os?: string;
    prepareCommands: string[];
    initCommands: string[];
    start?: string;
    startCommands: { name?: string; command: string; workingDir?: string; initCommands: string[] }[];
    ports: ZeropsPort[];
    envVariables: Record<string, string>;
    envReplace?: { delimiter: string[]; target: string[] };
    healthCheck?: ZeropsCheck;
    documentRoot?: string;
    crontab: { timing: string; command: string; allContainers: boolean; workingDir?: string }[];
  };
}

export interface SelectOptions {
  /** The service's hostname: the default setup name. */
  hostname: string;
  /** An explicit setup name (the `zeropsSetup` the user chose); wins over the hostname. */
  setup?: string | null;
  /** Whether the service type needs `run.start` (runtimes without a web server of their own). */
  requireStart: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge for `extends`: objects merge key by key, anything else (lists included) is replaced. */
export function mergeSetups(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeSetups(base[key], value);
  return out;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function resolveExtends(all: ZeropsSetup[], name: string, seen: string[]): ZeropsSetup {
  const own = all.find((s) => s.setup === name);
  if (!own) throw new AppError('VALIDATION', `zerops.yml: no setup named "${name}"`, { setup: [`no setup named "${name}"`] });
  if (seen.includes(name)) {
    const chain = [...seen, name].join(' → ');
    throw new AppError('VALIDATION', `zerops.yml: extends forms a cycle (${chain})`, { extends: [`cycle ${chain}`] });
  }
  let merged: unknown = {};
  for (const parent of list(own.extends)) merged = mergeSetups(merged, resolveExtends(all, parent, [...seen, name]));
  return mergeSetups(merged, { ...own }) as ZeropsSetup;
}

function fail(line: number | undefined, path: string, rule: string): never {
  const where = line ? `line ${line}, ` : '';
  throw new AppError('VALIDATION', `zerops.yml ${where}${path}: ${rule}`, { [path]: [rule] });
}

/**
 * Picks the setup for a service (explicit name, else the hostname), merges `extends`, and checks
 * what a deploy needs. Throws a VALIDATION AppError naming the key and the rule.
 */
export function selectSetup(parsed: ParsedZeropsYml, options: SelectOptions): ResolvedSetup {
  const all = parsed.value.zerops;
  const name = options.setup?.trim() || options.hostname;
  const index = all.findIndex((s) => s.setup === name);
  if (index < 0) {
    const known = all.map((s) => s.setup).join(', ');
    const rule = `no setup named "${name}" (the file has: ${known})`;
    throw new AppError('VALIDATION', `zerops.yml setup: ${rule}`, { setup: [rule] });
  }
  const s = resolveExtends(all, name, []);
  const line = parsed.setupLines[index];
  const at = `zerops[${index}]`;
  if (!s.build) fail(line, `${at}.build`, 'is required to deploy');
  if (!s.run) fail(line, `${at}.run`, 'is required to deploy');
  const bases = list(s.build.base);
  if (bases.length === 0) fail(line, `${at}.build.base`, 'is required');
  const deployFiles = list(s.build.deployFiles);
  if (deployFiles.length === 0) fail(line, `${at}.build.deployFiles`, 'is required (which files the build passes to the runtime)');
  if (options.requireStart && !s.run.start && !s.run.startCommands) {
    fail(line, `${at}.run.start`, 'is required for this service type (or run.startCommands)');
  }
  const cache = s.build.cache === undefined ? false : typeof s.build.cache === 'boolean' ? s.build.cache : list(s.build.cache);
  return {
    name,
    build: {
      bases,
      os: s.build.os,
      prepareCommands: s.build.prepareCommands ?? [],
      buildCommands: s.build.buildCommands ?? [],
      deployFiles,
      cache,
      addToRunPrepare: list(s.build.addToRunPrepare),
      envVariables: s.build.envVariables ?? {},
    },
    deploy: { temporaryShutdown: s.deploy?.temporaryShutdown ?? false, readinessCheck: s.deploy?.readinessCheck },
    run: {
      bases: list(s.run.base),
      os: s.run.os,
      prepareCommands: s.run.prepareCommands ?? [],
      initCommands: s.run.initCommands ?? [],
      start: s.run.start,
      startCommands: (s.run.startCommands ?? []).map((c) => ({ ...c, initCommands: c.initCommands ?? [] })),
      ports: s.run.ports ?? [],
      envVariables: s.run.envVariables ?? {},
      envReplace: s.run.envReplace && { delimiter: list(s.run.envReplace.delimiter), target: list(s.run.envReplace.target) },
      healthCheck: s.run.healthCheck,
      documentRoot: s.run.documentRoot,
      crontab: s.run.crontab ?? [],
    },
  };
}
