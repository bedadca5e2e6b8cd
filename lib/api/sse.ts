/**
 * A Server-Sent Events response that re-reads `load` every `intervalMs` and sends it when it
 * changed (JSON-compared). Ends when the client goes away or `load` throws.
 */
export function sseSnapshots(req: Request, load: () => Promise<unknown>, intervalMs = 1000, maxMs = 10 * 60_000): Response {
  const encoder = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let last = '';
      const started = Date.now();
      const close = () => {
        clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      req.signal.addEventListener('abort', close);
      const tick = async () => {
        if (req.signal.aborted) return;
        try {
          const json = JSON.stringify(await load());
          controller.enqueue(encoder.encode(json !== last ? `data: ${json}\n\n` : `: keep-alive\n\n`));
          last = json;
        } catch {
          controller.enqueue(encoder.encode(`event: end\ndata: {}\n\n`));
          return close();
        }
        if (Date.now() - started > maxMs) return close(); // the browser reconnects
        timer = setTimeout(tick, intervalMs);
      };
      await tick();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' },
  });
}
