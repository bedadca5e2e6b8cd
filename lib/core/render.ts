/**
 * Pure: the nginx configuration of a project's balancer and of the host-wide edge, from data.
 * Balancer: HTTP by host name on the project address (reuseport, so two balancers can share it).
 * Edge: HTTP by Host header to the owning project's address; nothing of the project's own.
 */
export interface Firewall {
  policy: 'none' | 'allow' | 'deny';
  ranges: string[];
}

export interface HttpRoute {
  host: string;
  /** Location prefix; '/' by default. Several routes may share a host with different paths. */
  path?: string;
  upstreams: string[];
  firewall?: Firewall;
}

export interface StreamRoute {
  port: number;
  protocol: 'tcp' | 'udp';
  upstreams: string[];
  firewall?: Firewall;
}

export interface BalancerConfig {
  /** The project's addresses (IPv4 and/or IPv6): every server listens on each. */
  addresses: string[];
  httpPort: number;
  /** TLS termination for every route with the certificate at /etc/berth/tls.{crt,key}. */
  httpsPort?: number;
  routes: HttpRoute[];
  streams?: StreamRoute[];
  /** Hosts served with their own certificate at /etc/berth/certs/<host>.{crt,key} (ACME) instead of the project's. */
  hostCerts?: string[];
}

/** Where HTTP-01 answers live inside a balancer (served at /.well-known/acme-challenge/<token>). */
export const ACME_ROOT = '/etc/berth/acme';
const ACME_LOCATION = `location ^~ /.well-known/acme-challenge/ { root ${ACME_ROOT}; default_type text/plain; }`;

/**
 * HTTP/1.1 to upstreams with keepalive, except for an Upgrade (WebSocket), which is passed on with
 * its headers; `proxy_read_timeout` lets an idle WebSocket live for 10 minutes.
 */
const UPGRADE = [
  '  map $http_upgrade $connection_upgrade { default upgrade; "" ""; }',
  '  proxy_http_version 1.1;',
  '  proxy_set_header Upgrade $http_upgrade;',
  '  proxy_set_header Connection $connection_upgrade;',
  '  proxy_read_timeout 600s;',
];

/** The edge connects to balancers from this loopback address; only it may set the client address. */
export const EDGE_SOURCE = '127.0.0.254';
/** Its IPv6 counterpart, for projects without an IPv4 address. */
export const EDGE_SOURCE6 = '::1';
/** Where the edge sends TLS for names it does not know: nothing listens there, so the handshake fails. */
const NOWHERE = '127.0.0.255';

/** nginx access rules: allow-list ends in `deny all`, deny-list in `allow all`. */
export function firewallRules(f: Firewall | undefined): string {
  if (!f || f.policy === 'none') return '';
  const verb = f.policy === 'allow' ? 'allow' : 'deny';
  return f.ranges.map((r) => `${verb} ${safe(r)};`).join(' ') + (f.policy === 'allow' ? ' deny all;' : ' allow all;');
}

const safe = (s: string) => s.replace(/[^a-zA-Z0-9./:_-]/g, '');
const isV6 = (address: string) => address.includes(':');
/** An address as nginx takes it with a port: IPv6 in brackets. */
const hostOf = (address: string) => (isV6(address) ? `[${safe(address)}]` : safe(address));
/** One `listen` directive per address; `once` flags (default_server, reuseport) may be given once per address:port. */
const listens = (addresses: string[], port: number, flags = '') => addresses.map((a) => `listen ${hostOf(a)}:${port}${flags};`).join(' ');

export function renderBalancer(c: BalancerConfig): string {
  const lines = [
    'include /etc/nginx/modules-enabled/*.conf;',
    'worker_processes 1;',
    'pid /run/berth-nginx.pid;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    '  client_max_body_size 512m;',
    ...UPGRADE,
    '  proxy_set_header Host $host;',
    '  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '  proxy_next_upstream error timeout http_502 http_503;',
    '  proxy_connect_timeout 2s;',
    `  set_real_ip_from ${EDGE_SOURCE};`,
    `  set_real_ip_from ${EDGE_SOURCE6};`,
    '  real_ip_header X-Forwarded-For;',
    `  server { ${listens(c.addresses, c.httpPort, ' reuseport default_server')} return 404 "no route for this host\\n"; }`,
  ];
  const tls = c.httpsPort !== undefined && c.routes.some((r) => r.upstreams.length);
  if (tls) {
    // TLS arrives from the edge with the PROXY protocol, which carries the client's address.
    lines.push('  ssl_certificate /etc/berth/tls.crt;', '  ssl_certificate_key /etc/berth/tls.key;');
    lines.push(`  server { ${listens(c.addresses, c.httpsPort!, ' ssl proxy_protocol reuseport default_server')} real_ip_header proxy_protocol; return 404; }`);
  }
  const hosts = new Map<string, { route: HttpRoute; index: number }[]>();
  c.routes.forEach((route, index) => {
    if (!route.upstreams.length) return;
    lines.push(`  upstream route_${index} { ${route.upstreams.map((u) => `server ${safe(u)} max_fails=1 fail_timeout=2s;`).join(' ')} keepalive 16; }`);
    hosts.set(route.host, [...(hosts.get(route.host) ?? []), { route, index }]);
  });
  for (const [host, list] of hosts) {
    const locations = (https: boolean) =>
      list
        .flatMap(({ route, index }) => {
          const body = `{ ${firewallRules(route.firewall)} ${https ? 'proxy_set_header X-Forwarded-Proto https; ' : ''}proxy_pass http://route_${index}; }`;
          const path = safe(route.path ?? '/');
          // `/api` serves /api and /api/…, never /apiv2.
          return path === '/' ? [`location / ${body}`] : [`location = ${path} ${body}`, `location ${path}/ ${body}`];
        })
        .join(' ');
    lines.push(`  server { ${listens(c.addresses, c.httpPort)} server_name ${safe(host)}; ${ACME_LOCATION} ${locations(false)} }`);
    if (tls) {
      const own = c.hostCerts?.includes(host) ? `ssl_certificate /etc/berth/certs/${safe(host)}.crt; ssl_certificate_key /etc/berth/certs/${safe(host)}.key; ` : '';
      lines.push(`  server { ${listens(c.addresses, c.httpsPort!, ' ssl proxy_protocol')} real_ip_header proxy_protocol; server_name ${safe(host)}; ${own}${locations(true)} }`);
    }
  }
  lines.push('}');
  const streams = (c.streams ?? []).filter((st) => st.upstreams.length);
  if (streams.length) {
    lines.push('stream {');
    streams.forEach((st, i) => {
      const udp = st.protocol === 'udp' ? ' udp' : '';
      lines.push(`  upstream port_${i} { ${st.upstreams.map((u) => `server ${safe(u)};`).join(' ')} }`);
      lines.push(
        `  server { ${listens(c.addresses, st.port, `${udp} reuseport`)} ${firewallRules(st.firewall)} proxy_pass port_${i};${st.protocol === 'udp' ? ' proxy_responses 1; proxy_timeout 5s;' : ''} }`,
      );
    });
    lines.push('}');
  }
  return lines.join('\n') + '\n';
}

export interface EdgeConfig {
  /** IPv4 listen address (0.0.0.0: every address). */
  listen: string;
  /** IPv6 listen address ('::': every address, the project addresses included), IPv6-only so it sits beside the IPv4 one. */
  listen6?: string;
  httpPort: number;
  /** TLS passthrough by SNI to the project's balancer (which holds the certificate). */
  httpsPort?: number;
  projectHttpsPort?: number;
  /** host name → project address (IPv4, or IPv6 for a project without one) */
  hosts: Record<string, string>;
  projectHttpPort: number;
}

export function renderEdge(c: EdgeConfig): string {
  const entries = Object.entries(c.hosts).sort(([a], [b]) => a.localeCompare(b));
  const targets = () => entries.map(([h, a]) => `${safe(h)} "${hostOf(a)}";`).join(' ');
  // The source address must be of the target's family.
  const bind = (fallback: string) => `default ${fallback}; ` + entries.filter(([, a]) => isV6(a)).map(([h]) => `${safe(h)} ${EDGE_SOURCE6};`).join(' ');
  const listen = (port: number, flags: string) =>
    [`listen ${safe(c.listen)}:${port}${flags};`, ...(c.listen6 ? [`listen [${safe(c.listen6)}]:${port} ipv6only=on${flags};`] : [])].join(' ');
  return [
    'include /etc/nginx/modules-enabled/*.conf;',
    'worker_processes 1;',
    'pid /run/berth-edge.pid;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    // Body size is the project balancer's to limit; the edge streams uploads through.
    '  client_max_body_size 0;',
    '  proxy_request_buffering off;',
    '  map $host $berth_project { default ""; ' + targets() + ' }',
    `  map $host $berth_bind { ${bind(EDGE_SOURCE)} }`,
    ...UPGRADE,
    '  proxy_set_header Host $host;',
    '  proxy_set_header X-Forwarded-For $remote_addr;',
    '  proxy_bind $berth_bind;',
    `  server { ${listen(c.httpPort, ' reuseport default_server')}`,
    '    if ($berth_project = "") { return 404 "unknown host\\n"; }',
    `    location / { proxy_pass http://$berth_project:${c.projectHttpPort}; }`,
    '  }',
    '}',
    ...(c.httpsPort && c.projectHttpsPort
      ? [
          'stream {',
          // Unknown names go to an address nothing listens on: the handshake fails, no project is hit.
          `  map $ssl_preread_server_name $berth_tls { default ${NOWHERE}; ${targets()} }`,
          `  map $ssl_preread_server_name $berth_tls_bind { ${bind(EDGE_SOURCE)} }`,
          `  server { ${listen(c.httpsPort, ' reuseport')} ssl_preread on; proxy_protocol on; proxy_bind $berth_tls_bind; proxy_connect_timeout 2s; proxy_pass $berth_tls:${c.projectHttpsPort}; }`,
          '}',
        ]
      : []),
    '',
  ].join('\n');
}

/** `<hostname>-<project slug>.<domain>`, the subdomain of a service's HTTP port. */
export function subdomainHost(hostname: string, slug: string, domain: string): string {
  return `${hostname}-${slug}.${domain}`.toLowerCase();
}
