import path from 'node:path';
import { z } from 'zod';
import { parseIp6Prefix } from './net/ip6';

/**
 * The one place that reads process.env. Every setting has a default that works on a laptop
 * (embedded database under ./data, images built locally), so `npm start` needs nothing set.
 */
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyAsUndefined, schema);
const port = (fallback: number) => opt(z.coerce.number().int().min(1).max(65535).default(fallback));
const flag = (fallback: boolean) =>
  opt(z.enum(['1', '0', 'true', 'false', 'on', 'off']).optional()).transform((v) =>
    v === undefined ? fallback : ['1', 'true', 'on'].includes(v),
  );

/** Prefix lengths BERTH_IP6_POOL may have: room for many projects, one address each. */
export const IP6_POOL_BITS = { min: 48, max: 126 };
/** Prefix lengths BERTH_NET6_POOL may have: at least sixteen /64 project-network subnets. */
export const NET6_POOL_BITS = { min: 32, max: 60 };

const ip6Prefix = (bits: { min: number; max: number }) =>
  z
    .string()
    .superRefine((v, ctx) => {
      try {
        parseIp6Prefix(v, bits);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      }
    })
    .optional();

const schema = z.object({
  NODE_ENV: opt(z.enum(['development', 'production', 'test']).default('development')),
  CI: flag(false),
  PORT: port(3000),
  /** postgres:// URL. When unset, Berth uses the embedded PGlite under BERTH_DATA_DIR. */
  DATABASE_URL: opt(z.string().url().startsWith('postgres').optional()),
  BERTH_DATA_DIR: opt(z.string().default('./data')),
  /** 32-byte key (hex or base64) for secrets at rest; generated into the data dir when unset. */
  BERTH_SECRET_KEY: opt(z.string().min(32).optional()),
  NEXTAUTH_SECRET: opt(z.string().min(16).optional()),
  NEXTAUTH_URL: opt(z.string().url().optional()),
  DOCKER_HOST: opt(z.string().optional()),
  BERTH_IMAGE_SOURCE: opt(z.enum(['local', 'official']).default('local')),
  BERTH_IP_POOL: opt(z.string().default('127.0.100.0/24')),
  /** IPv6 prefix (/48 to /126) each project's address comes from; unset: a unique-local /64 generated once into the data dir. */
  BERTH_IP6_POOL: opt(ip6Prefix(IP6_POOL_BITS)),
  /**
   * IPv6 prefix (/32 to /60) the private networks of projects with `networkIpv6` take a /64 each
   * from; unset: a unique-local /48 generated once into the data dir.
   */
  BERTH_NET6_POOL: opt(ip6Prefix(NET6_POOL_BITS)),
  /** New projects get an IPv4 address from BERTH_IP_POOL unless they ask not to (off: IPv6 only unless asked). */
  BERTH_IP4_BY_DEFAULT: flag(true),
  /** The interface Berth adds project addresses to (a loopback 127/8 IPv4 address needs none). */
  BERTH_IP_INTERFACE: opt(z.string().regex(/^[a-zA-Z0-9._-]{1,15}$/, 'Use an interface name such as lo or eth0').default('lo')),
  BERTH_DOMAIN: opt(z.string().default('localhost')),
  BERTH_HTTP_PORT: port(80),
  BERTH_HTTPS_PORT: port(443),
  /** Port each project balancer serves HTTP on, on its own address (the edge forwards to it). */
  BERTH_CORE_HTTP_PORT: port(10080),
  /** Port each project balancer terminates TLS on (the edge passes TLS through to it by SNI). */
  BERTH_CORE_HTTPS_PORT: port(10443),
  /** Port the project's logger (rsyslog in the core) receives the project's log lines on (TCP, RFC 5424). */
  BERTH_CORE_LOG_PORT: port(10514),
  BERTH_ACME_EMAIL: opt(z.string().email().optional()),
  /** ACME directory URL for custom-domain certificates; unset = Let's Encrypt production. */
  BERTH_ACME_DIRECTORY: opt(z.string().url().optional()),
  /** PEM file with the root of a private ACME CA's HTTPS endpoint (trusted beside the public roots). */
  BERTH_ACME_CA_FILE: opt(z.string().optional()),
  /** Run the process worker, watcher and reconciler inside the web server. */
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma separated); read by scripts/serve.ts. */
  BERTH_TRUSTED_PROXIES: opt(z.string().optional()),
  /** This installation's id on Docker objects (default: generated once into the data directory). */
  BERTH_INSTANCE_ID: opt(z.string().regex(/^[a-z0-9-]{1,64}$/).optional()),
  BERTH_WORKER: flag(true),
  BERTH_RECONCILE_INTERVAL_MS: opt(z.coerce.number().int().min(1000).default(30_000)),
  BERTH_STATS_INTERVAL_MS: opt(z.coerce.number().int().min(1000).default(5_000)),
  /** How often the autoscaler reads the containers of services with scaling settings. */
  BERTH_AUTOSCALE_INTERVAL_MS: opt(z.coerce.number().int().min(500).default(2_000)),
  BERTH_LOG_LEVEL: opt(z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  /** Largest source archive a deploy accepts, unpacked (MiB). */
  BERTH_DEPLOY_ARCHIVE_LIMIT_MB: opt(z.coerce.number().int().min(1).default(512)),
  /** Hard limit of one build (Zerops' default: 60 minutes). */
  BERTH_BUILD_TIMEOUT_MS: opt(z.coerce.number().int().min(10_000).default(3_600_000)),
  /** Build container limits: CPUs and memory (MiB). */
  BERTH_BUILD_CPUS: opt(z.coerce.number().min(0.1).default(2)),
  BERTH_BUILD_MEMORY_MB: opt(z.coerce.number().int().min(128).default(4096)),
  /** How long new containers of a deploy may take to pass their readiness check. */
  BERTH_DEPLOY_READY_TIMEOUT_MS: opt(z.coerce.number().int().min(1000).default(300_000)),
  /** The host's CA bundle, mounted read-only into build and app containers (TLS-inspecting networks). */
  BERTH_CA_BUNDLE: opt(z.string().default('/etc/ssl/certs/ca-certificates.crt')),
  /** Label put on every Docker object, so a test run can find and remove what it made. */
  BERTH_RUN_ID: opt(z.string().regex(/^[a-z0-9-]+$/).optional()),
  /** Set by the integration-test bootstrap: the test runner's pid, so leftovers of dead runs can be found. */
  BERTH_TEST_PID: opt(z.string().regex(/^\d+$/).optional()),
});

export type Env = z.infer<typeof schema>;

/** Validates a set of variables (the process's by default); throws one message naming every bad one. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = loadEnv();

export const dataDir = path.resolve(env.BERTH_DATA_DIR);
