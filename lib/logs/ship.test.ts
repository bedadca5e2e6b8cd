import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { loggerFrame, sendFrames } from './ship';

describe('loggerFrame', () => {
  it('is one RFC 5424 line: millisecond time, service hostname, container, severity from the stream', () => {
    const at = new Date('2026-11-23T07:30:00.123Z');
    expect(loggerFrame({ at, stream: 'stdout', hostname: 'app', container: 'berth-1-app-0', message: 'hello' })).toBe(
      '<14>1 2026-11-23T07:30:00.123Z app berth-1-app-0 - - - hello',
    );
    expect(loggerFrame({ at, stream: 'stderr', hostname: null, container: 'c', message: 'a\r\nb' })).toBe('<11>1 2026-11-23T07:30:00.123Z - c - - - a b');
  });
});

describe('sendFrames', () => {
  it('fails a batch when the logger accepts the connection but never closes it (the shipper moves on)', async () => {
    const held: net.Socket[] = [];
    const server = net.createServer((s) => void held.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const t = Date.now();
      await expect(sendFrames('127.0.0.1', port, ['<14>1 - - - - - - hello'], 300)).rejects.toThrow(/did not take the lines within 300 ms/);
      expect(Date.now() - t).toBeLessThan(5_000);
    } finally {
      held.forEach((s) => s.destroy());
      server.close();
    }
  });
});
