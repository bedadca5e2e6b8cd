import { describe, expect, it } from 'vitest';
import { demuxLines, toStats } from './parse';

const frame = (stream: 1 | 2, text: string) => {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('demuxLines', () => {
  it('splits multiplexed frames into timestamped lines per stream', () => {
    const buf = Buffer.concat([frame(1, '2026-01-01T00:00:00Z hello\n2026-01-01T00:00:01Z world\n'), frame(2, '2026-01-01T00:00:02Z oops\n')]);
    expect(demuxLines(buf)).toEqual([
      { at: '2026-01-01T00:00:00Z', stream: 'stdout', line: 'hello' },
      { at: '2026-01-01T00:00:01Z', stream: 'stdout', line: 'world' },
      { at: '2026-01-01T00:00:02Z', stream: 'stderr', line: 'oops' },
    ]);
  });

  it('reads a TTY stream (no frame headers) as stdout', () => {
    expect(demuxLines(Buffer.from('t1 a\n'))).toEqual([{ at: 't1', stream: 'stdout', line: 'a' }]);
  });
});

describe('toStats', () => {
  it('computes CPU percent over all CPUs, memory without page cache, and sums network and block IO', () => {
    const s = toStats({
      cpu_stats: { cpu_usage: { total_usage: 300 }, system_cpu_usage: 2000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000 },
      memory_stats: { usage: 1000, limit: 4000, stats: { inactive_file: 200 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 5 }, { op: 'Write', value: 7 }] },
    });
    expect(s).toEqual({ cpuPercent: 40, memoryBytes: 800, memoryLimitBytes: 4000, netRxBytes: 11, netTxBytes: 22, blockReadBytes: 5, blockWriteBytes: 7 });
  });
});
