import http from 'node:http';
import net from 'node:net';

export interface LoadStats {
  sent: number;
  failed: number;
  maxGapMs: number;
}

/** One HTTP GET on loopback with a Host header; resolves with the status (0 = failed). */
export function httpGet(port: number, host: string, address = '127.0.0.1', timeoutMs = 3000, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port, path, headers: { host }, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

/** A raw TCP exchange (connect, write a request, read to close): true when the reply starts with HTTP/1.1 200. */
export function tcpExchange(port: number, address: string, host: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: address });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('connect', () => socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (c: Buffer) => (data += c.toString()));
    socket.on('close', () => resolve(data.startsWith('HTTP/1.1 200')));
    socket.on('error', () => resolve(false));
  });
}

/**
 * Runs `clients` concurrent loops of `attempt` until `stop()` is called, a time limit or a count
 * limit is reached (load is always bounded). Counts failures and the longest gap between successes.
 */
export function steadyLoad(attempt: () => Promise<boolean>, opts: { clients: number; maxMs: number; maxRequests: number }) {
  const stats: LoadStats = { sent: 0, failed: 0, maxGapMs: 0 };
  let stopped = false;
  let lastOk = performance.now();
  const until = Date.now() + opts.maxMs;
  const loop = async () => {
    while (!stopped && Date.now() < until && stats.sent < opts.maxRequests) {
      const ok = await attempt();
      stats.sent++;
      if (!ok) stats.failed++;
      else {
        const now = performance.now();
        stats.maxGapMs = Math.max(stats.maxGapMs, now - lastOk);
        lastOk = now;
      }
    }
  };
  const running = Promise.all(Array.from({ length: opts.clients }, loop));
  return {
    stats,
    async stop(): Promise<LoadStats> {
      stopped = true;
      await running;
      return { ...stats, maxGapMs: Math.round(stats.maxGapMs * 10) / 10 };
    },
  };
}
