/**
 * Integration files run in parallel workers that share one engine and one loopback. Each worker
 * gets its own run id, edge ports and address pool (derived from the run's, which the global setup
 * chose), so one worker's edge, balancers and orphan sweep never touch another's.
 * Runs before every test file's imports, so `lib/env` reads the worker's values.
 */
import { formatIp6, parseIp6Prefix } from '@/lib/net/ip6';

const slot = Math.max(1, Number(process.env.VITEST_POOL_ID ?? '1'));

function shiftPool(cidr: string, by: number): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m || by === 0) return cidr;
  const [a, b, c, d, bits] = m.slice(1).map(Number) as [number, number, number, number, number];
  // A pool of /24 or smaller moves by whole /24s; a larger one is left to the first worker only.
  if (bits < 24) return `${a}.${b}.${(c + by) % 256}.${d}/24`;
  return `${a}.${b}.${(c + by) % 256}.${d}/${bits}`;
}

const base = process.env.BERTH_TEST_BASE_RUN_ID ?? process.env.BERTH_RUN_ID;
if (base) process.env.BERTH_RUN_ID = slot === 1 ? base : `${base}-w${slot}`;
const ports = (process.env.BERTH_TEST_EDGE_PORTS ?? '').split(',').filter(Boolean).map(Number);
if (ports.length >= slot * 2) {
  process.env.BERTH_HTTP_PORT = String(ports[(slot - 1) * 2]);
  process.env.BERTH_HTTPS_PORT = String(ports[(slot - 1) * 2 + 1]);
}
if (process.env.BERTH_TEST_BASE_IP_POOL) process.env.BERTH_IP_POOL = shiftPool(process.env.BERTH_TEST_BASE_IP_POOL, slot - 1);
/** The `by`-th IPv6 prefix of the same length after the given one. */
function shiftPool6(prefix: string, by: number): string {
  const p = parseIp6Prefix(prefix);
  return `${formatIp6(p.base + (BigInt(by) << BigInt(128 - p.bits)))}/${p.bits}`;
}
if (process.env.BERTH_TEST_BASE_IP6_POOL) process.env.BERTH_IP6_POOL = shiftPool6(process.env.BERTH_TEST_BASE_IP6_POOL, slot - 1);
// Keys, the internal CA and deploy artifacts are created on first use: one data directory per worker.
if (slot > 1) process.env.BERTH_DATA_DIR = `${process.env.BERTH_DATA_DIR ?? './data'}/int-w${slot}`;
