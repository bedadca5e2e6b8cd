/**
 * Serves the built dashboard like `next start`, with one difference: the client address Next and
 * Berth see (X-Forwarded-For) is the socket's, unless the connection comes from a proxy listed in
 * BERTH_TRUSTED_PROXIES. `next start` alone keeps whatever X-Forwarded-For a client sends.
 */
import http from 'node:http';
import next from 'next';
import { setClientAddress, trustedProxies } from '../lib/http/client-address';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';
const trusted = trustedProxies(process.env.BERTH_TRUSTED_PROXIES);
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = http.createServer((req, res) => {
  setClientAddress(req, trusted);
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Berth listening on http://${hostname}:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
