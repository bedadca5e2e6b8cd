import type { ContainerStats } from '../engine';

/** Splits Docker's multiplexed log stream (8-byte frame headers) into timestamped lines. */
export function demuxLines(buf: Buffer): { at: string; stream: 'stdout' | 'stderr'; line: string }[] {
  const out: { at: string; stream: 'stdout' | 'stderr'; line: string }[] = [];
  let i = 0;
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  while (i + 8 <= buf.length) {
    const kind = buf[i] === 2 ? 'stderr' : 'stdout';
    const len = buf.readUInt32BE(i + 4);
    chunks.push({ stream: kind, text: buf.subarray(i + 8, i + 8 + len).toString('utf8') });
    i += 8 + len;
  }
  if (i === 0 && buf.length) chunks.push({ stream: 'stdout', text: buf.toString('utf8') }); // TTY: not multiplexed
  for (const c of chunks) {
    for (const raw of c.text.split('\n')) {
      if (!raw) continue;
      const sp = raw.indexOf(' ');
      out.push({ at: raw.slice(0, sp), stream: c.stream, line: raw.slice(sp + 1) });
    }
  }
  return out;
}

export interface DockerStats {
  cpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats: { cpu_usage: { total_usage: number }; system_cpu_usage?: number };
  memory_stats: { usage?: number; limit?: number; stats?: { cache?: number; inactive_file?: number } };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
}

export function toStats(s: DockerStats): ContainerStats {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const sysDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats.online_cpus ?? 1;
  const nets = Object.values(s.networks ?? {});
  const io = s.blkio_stats?.io_service_bytes_recursive ?? [];
  const cache = s.memory_stats.stats?.inactive_file ?? s.memory_stats.stats?.cache ?? 0;
  return {
    cpuPercent: sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * cpus * 100 : 0,
    memoryBytes: Math.max(0, (s.memory_stats.usage ?? 0) - cache),
    memoryLimitBytes: s.memory_stats.limit ?? 0,
    netRxBytes: nets.reduce((n, x) => n + x.rx_bytes, 0),
    netTxBytes: nets.reduce((n, x) => n + x.tx_bytes, 0),
    blockReadBytes: io.filter((x) => x.op.toLowerCase() === 'read').reduce((n, x) => n + x.value, 0),
    blockWriteBytes: io.filter((x) => x.op.toLowerCase() === 'write').reduce((n, x) => n + x.value, 0),
  };
}
