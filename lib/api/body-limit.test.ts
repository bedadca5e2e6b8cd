import { describe, expect, it } from 'vitest';
import { readBounded } from './handler';

describe('request body limit', () => {
  it('refuses by Content-Length before reading anything', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(10));
      },
    });
    const req = new Request('http://berth.test/', { method: 'POST', body, headers: { 'content-length': '101' }, duplex: 'half' } as RequestInit);
    await expect(readBounded(req, 100)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(pulled).toBeLessThanOrEqual(1); // a stream may prefetch one chunk; nothing was read
  });

  it('stops reading a streamed body as soon as it passes the limit (413), and reads one within it', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const req = new Request('http://berth.test/', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    await expect(readBounded(req, 10 * 1024)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(pulled).toBeLessThan(20);
    expect(await readBounded(new Request('http://berth.test/', { method: 'POST', body: '{"a":1}' }), 100)).toBe('{"a":1}');
  });
});
