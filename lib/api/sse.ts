/** Sends one SSE event: a named event (or the default `message`) with JSON data. */
export type SseSend = (data: unknown, event?: string) => void;

/**
 * A Server-Sent Events response that calls `tick(send)` every `intervalMs` until the client goes
 * away, `tick` throws (an `end` event is sent: access lost, project gone) or `maxMs` passes (the
 * browser's EventSource reconnects by itself). A comment line keeps idle connections open.
 */
export function sseStream(req: Request, tick: (send: SseSend) => Promise<void>, intervalMs = 1000, maxMs = 10 * 60_000): Response {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const started = Date.now();
      let closed = false;
      const close = () => {
        clearTimeout(timer);
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      req.signal.addEventListener('abort', close);
      const send: SseSend = (data, event) => {
        if (!closed) controller.enqueue(encoder.encode(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`));
      };
      const loop = async () => {
        if (req.signal.aborted || closed) return;
        try {
          await tick(send);
          if (!closed) controller.enqueue(encoder.encode(`: keep-alive\n\n`));
        } catch {
          send({}, 'end');
          return close();
        }
        if (Date.now() - started > maxMs) return close();
        timer = setTimeout(() => void loop(), intervalMs);
      };
      await loop();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' },
  });
}

/** Re-reads `load` every `intervalMs` and sends it only when it changed (JSON-compared). */
export function sseSnapshots(req: Request, load: () => Promise<unknown>, intervalMs = 1000, maxMs = 10 * 60_000): Response {
  let last = '';
  return sseStream(
    req,
    async (send) => {
      const value = await load();
      const json = JSON.stringify(value);
      if (json !== last) send(value);
      last = json;
    },
    intervalMs,
    maxMs,
  );
}
