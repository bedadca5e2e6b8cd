// Berth's start-without-code placeholder: answers on PORT until the service gets its own code.
const http = require('node:http');
const os = require('node:os');
const port = Number(process.env.PORT || 3000);
const name = process.env.hostname || os.hostname();
http
  .createServer((req, res) => {
    // Health checks come from inside the container; log everyone else's requests.
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress)) {
      console.log(`${new Date().toISOString()} ${req.method} ${req.url} from ${req.socket.remoteAddress}`);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>${name}</title><h1>${name} is running on Berth</h1><p>Node.js ${process.version}, container ${os.hostname()}. Deploy your code to replace this page.</p>`);
  })
  .listen(port, '0.0.0.0', () => console.log(`placeholder for ${name} listening on :${port}`));
process.on('SIGTERM', () => process.exit(0));
