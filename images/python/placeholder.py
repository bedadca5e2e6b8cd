"""Berth's start-without-code placeholder: answers on PORT until the service gets its own code."""
import http.server, os, platform, signal, socket, sys

port = int(os.environ.get("PORT", "8000"))
name = os.environ.get("hostname", socket.gethostname())
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"<!doctype html><title>{name}</title><h1>{name} is running on Berth</h1><p>Python {platform.python_version()}, container {socket.gethostname()}. Deploy your code to replace this page.</p>".encode()
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        if self.client_address[0] not in ("127.0.0.1", "::1"):
            print(f"{self.address_string()} {fmt % args}", flush=True)

print(f"placeholder for {name} listening on :{port}", flush=True)
http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
