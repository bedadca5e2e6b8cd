"""The Python example: answers with the line run.prepareCommands wrote into the runtime image."""
import http.server
import os
import socket

PREPARED = open("/opt/berth-example/prepared.txt", encoding="utf-8").read().strip()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"python example: {PREPARED}; greeting {os.environ.get('GREETING', '')}\n".encode()
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class DualStackServer(http.server.ThreadingHTTPServer):
    """Listens on :: for IPv6 and IPv4 alike (a project network may have both)."""

    address_family = socket.AF_INET6


DualStackServer(("::", 8000), Handler).serve_forever()
