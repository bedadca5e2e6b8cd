/**
 * The start-without-code placeholders, byte-identical to images/{nodejs,python,go}/placeholder.* (a unit
 * test checks). Local images run their copy; for the official images the catalog passes them in cmd/env.
 */
export const NODE_PLACEHOLDER = "// Berth's start-without-code placeholder: answers on PORT until the service gets its own code.\nconst http = require('node:http');\nconst os = require('node:os');\nconst port = Number(process.env.PORT || 3000);\nconst name = process.env.hostname || os.hostname();\nhttp\n  .createServer((req, res) => {\n    // Health checks come from inside the container; log everyone else's requests.\n    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress)) {\n      console.log(`${new Date().toISOString()} ${req.method} ${req.url} from ${req.socket.remoteAddress}`);\n    }\n    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });\n    res.end(`<!doctype html><title>${name}</title><h1>${name} is running on Berth</h1><p>Node.js ${process.version}, container ${os.hostname()}. Deploy your code to replace this page.</p>`);\n  })\n  .listen(port, '0.0.0.0', () => console.log(`placeholder for ${name} listening on :${port}`));\nprocess.on('SIGTERM', () => process.exit(0));\n";

export const PYTHON_PLACEHOLDER = "\"\"\"Berth's start-without-code placeholder: answers on PORT until the service gets its own code.\"\"\"\nimport http.server, os, platform, signal, socket, sys\n\nport = int(os.environ.get(\"PORT\", \"8000\"))\nname = os.environ.get(\"hostname\", socket.gethostname())\nsignal.signal(signal.SIGTERM, lambda *_: sys.exit(0))\n\nclass Handler(http.server.BaseHTTPRequestHandler):\n    def do_GET(self):\n        body = f\"<!doctype html><title>{name}</title><h1>{name} is running on Berth</h1><p>Python {platform.python_version()}, container {socket.gethostname()}. Deploy your code to replace this page.</p>\".encode()\n        self.send_response(200)\n        self.send_header(\"content-type\", \"text/html; charset=utf-8\")\n        self.send_header(\"content-length\", str(len(body)))\n        self.end_headers()\n        self.wfile.write(body)\n\n    def log_message(self, fmt, *args):\n        if self.client_address[0] not in (\"127.0.0.1\", \"::1\"):\n            print(f\"{self.address_string()} {fmt % args}\", flush=True)\n\nprint(f\"placeholder for {name} listening on :{port}\", flush=True)\nhttp.server.ThreadingHTTPServer((\"0.0.0.0\", port), Handler).serve_forever()\n";

export const GO_PLACEHOLDER = "// Berth's start-without-code placeholder: answers on PORT until the service gets its own code.\npackage main\n\nimport (\n\t\"fmt\"\n\t\"log\"\n\t\"net\"\n\t\"net/http\"\n\t\"os\"\n\t\"runtime\"\n)\n\nfunc main() {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\tname := os.Getenv(\"hostname\")\n\thost, _ := os.Hostname()\n\tif name == \"\" {\n\t\tname = host\n\t}\n\thttp.HandleFunc(\"/\", func(w http.ResponseWriter, r *http.Request) {\n\t\tif ip, _, _ := net.SplitHostPort(r.RemoteAddr); ip != \"127.0.0.1\" && ip != \"::1\" {\n\t\t\tlog.Printf(\"%s %s from %s\", r.Method, r.URL.Path, r.RemoteAddr)\n\t\t}\n\t\tw.Header().Set(\"content-type\", \"text/html; charset=utf-8\")\n\t\tfmt.Fprintf(w, \"<!doctype html><title>%s</title><h1>%s is running on Berth</h1><p>Go %s, container %s. Deploy your code to replace this page.</p>\", name, name, runtime.Version(), host)\n\t})\n\tlog.Printf(\"placeholder for %s listening on :%s\", name, port)\n\tlog.Fatal(http.ListenAndServe(\"0.0.0.0:\"+port, nil))\n}\n";

export const BUN_PLACEHOLDER = `// Berth's start-without-code placeholder: answers on PORT until the service gets its own code.
const os = require('node:os');
const port = Number(process.env.PORT || 3000);
const name = process.env.hostname || os.hostname();
Bun.serve({
  port,
  hostname: '0.0.0.0',
  fetch: (req, server) => {
    const from = server.requestIP(req)?.address;
    // Health checks come from inside the container; log everyone else's requests.
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(from)) console.log(\`\${new Date().toISOString()} \${req.method} \${new URL(req.url).pathname} from \${from}\`);
    return new Response(\`<!doctype html><title>\${name}</title><h1>\${name} is running on Berth</h1><p>Bun \${Bun.version}, container \${os.hostname()}. Deploy your code to replace this page.</p>\`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  },
});
console.log(\`placeholder for \${name} listening on :\${port}\`);
process.on('SIGTERM', () => process.exit(0));
`;

export const DENO_PLACEHOLDER = `// Berth's start-without-code placeholder: answers on PORT until the service gets its own code.
const port = Number(Deno.env.get('PORT') ?? 8000);
const name = Deno.env.get('hostname') ?? Deno.hostname();
Deno.addSignalListener('SIGTERM', () => Deno.exit(0));
Deno.serve({ port, hostname: '0.0.0.0', onListen: () => console.log(\`placeholder for \${name} listening on :\${port}\`) }, (req, info) => {
  const from = info.remoteAddr.hostname;
  // Health checks come from inside the container; log everyone else's requests.
  if (!['127.0.0.1', '::1'].includes(from)) console.log(\`\${new Date().toISOString()} \${req.method} \${new URL(req.url).pathname} from \${from}\`);
  return new Response(\`<!doctype html><title>\${name}</title><h1>\${name} is running on Berth</h1><p>Deno \${Deno.version.deno}, container \${Deno.hostname()}. Deploy your code to replace this page.</p>\`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
});
`;
