/**
 * Pure: the nginx configuration of a project's balancer and of the host-wide edge, from data.
 * Balancer: HTTP by host name on the project address (reuseport, so two balancers can share it).
 * Edge: HTTP by Host header to the owning project's address; nothing of the project's own.
 */
export interface HttpRoute {
  host: string;
  upstreams: string[];
}

export interface BalancerConfig {
  address: string;
  httpPort: number;
  routes: HttpRoute[];
}

const safe = (s: string) => s.replace(/[^a-zA-Z0-9.:_-]/g, '');

export function renderBalancer(c: BalancerConfig): string {
  const lines = [
    'worker_processes 1;',
    'pid /run/berth-nginx.pid;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    '  proxy_http_version 1.1;',
    '  proxy_set_header Connection "";',
    '  proxy_set_header Host $host;',
    '  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '  proxy_next_upstream error timeout http_502 http_503;',
    '  proxy_connect_timeout 2s;',
    `  server { listen ${safe(c.address)}:${c.httpPort} reuseport default_server; return 404 "no route for this host\\n"; }`,
  ];
  c.routes.forEach((r, i) => {
    if (!r.upstreams.length) return;
    lines.push(`  upstream route_${i} { ${r.upstreams.map((u) => `server ${safe(u)} max_fails=1 fail_timeout=2s;`).join(' ')} keepalive 16; }`);
    lines.push(`  server { listen ${safe(c.address)}:${c.httpPort}; server_name ${safe(r.host)}; location / { proxy_pass http://route_${i}; } }`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

export interface EdgeConfig {
  listen: string;
  httpPort: number;
  /** host name → project address */
  hosts: Record<string, string>;
  projectHttpPort: number;
}

export function renderEdge(c: EdgeConfig): string {
  const entries = Object.entries(c.hosts).sort(([a], [b]) => a.localeCompare(b));
  return [
    'worker_processes 1;',
    'pid /run/berth-edge.pid;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    '  map $host $berth_project { default ""; ' + entries.map(([h, a]) => `${safe(h)} ${safe(a)};`).join(' ') + ' }',
    '  proxy_http_version 1.1;',
    '  proxy_set_header Connection "";',
    '  proxy_set_header Host $host;',
    `  server { listen ${safe(c.listen)}:${c.httpPort} reuseport default_server;`,
    '    if ($berth_project = "") { return 404 "unknown host\\n"; }',
    `    location / { proxy_pass http://$berth_project:${c.projectHttpPort}; }`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** `<hostname>-<project slug>.<domain>`, the subdomain of a service's HTTP port. */
export function subdomainHost(hostname: string, slug: string, domain: string): string {
  return `${hostname}-${slug}.${domain}`.toLowerCase();
}
