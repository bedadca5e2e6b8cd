import { BUN_PLACEHOLDER, DENO_PLACEHOLDER, GO_PLACEHOLDER, NODE_PLACEHOLDER, PYTHON_PLACEHOLDER } from './placeholders';

/**
 * Servers on a project network with IPv6 listen on both families: Docker's resolver answers a
 * hostname's IPv6 address first, so a server bound to 0.0.0.0 alone would refuse its neighbours.
 * These are the variants the catalog starts there; on IPv4-only networks nothing changes.
 */

/** `text` with `from` replaced by `to`; throws when `from` is missing (the source it rewrites has changed). */
export function rewrite(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`cannot make the server listen on both families: "${from}" is not in its source`);
  return text.replace(from, to);
}

export const NODE_PLACEHOLDER_6 = rewrite(NODE_PLACEHOLDER, ".listen(port, '0.0.0.0',", ".listen(port, '::',");
/** Python's socketserver binds one family: an AF_INET6 server on `::` takes IPv4 too (as mapped addresses). */
/** Local health checks then come from `::ffff:127.0.0.1`, which stays out of the log like 127.0.0.1. */
export const PYTHON_PLACEHOLDER_6 = rewrite(
  rewrite(
    PYTHON_PLACEHOLDER,
    'http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler)',
    'type("DualStack", (http.server.ThreadingHTTPServer,), {"address_family": socket.AF_INET6})(("::", port), Handler)',
  ),
  'not in ("127.0.0.1", "::1")',
  'not in ("127.0.0.1", "::1", "::ffff:127.0.0.1")',
);
export const GO_PLACEHOLDER_6 = rewrite(GO_PLACEHOLDER, 'http.ListenAndServe("0.0.0.0:"+port, nil)', 'http.ListenAndServe(":"+port, nil)');
export const BUN_PLACEHOLDER_6 = rewrite(BUN_PLACEHOLDER, "hostname: '0.0.0.0',", "hostname: '::',");
export const DENO_PLACEHOLDER_6 = rewrite(
  rewrite(DENO_PLACEHOLDER, "hostname: '0.0.0.0',", "hostname: '::',"),
  "['127.0.0.1', '::1']",
  "['127.0.0.1', '::1', '::ffff:127.0.0.1']",
);

/**
 * Run before the image's command (`$0 "$@"`) in the local nginx and PHP + nginx images: the site's
 * `listen 80 default_server;` gets its IPv6 twin. A constant script, never assembled from input.
 */
export const NGINX_BOTH_FAMILIES =
  'sed -i "s/^\\(\\s*\\)listen 80 default_server;$/&\\n\\1listen [::]:80 default_server;/" /etc/nginx/sites-enabled/default && exec "$0" "$@"';

/**
 * The local MariaDB image's entry point appends `--bind-address=0.0.0.0` to the command; this
 * command puts `*` after it, where the last one wins: MariaDB's `*` listens on both families (its
 * `::` takes IPv6 only).
 */
export const MARIADB_BOTH_FAMILIES = ['sh', '-c', 'exec mariadbd "$@" "--bind-address=*"', 'mariadbd'];

/** Redis and Valkey (local image): the entry point's `--bind 0.0.0.0` comes first, this one wins. */
export const REDIS_BIND_BOTH = ['--bind', '0.0.0.0', '::'];

/** NATS listens on `[::]` (Go's `::` socket takes IPv4 as well). */
export const NATS_LISTEN_BOTH = 'echo "listen: \\"[::]:4222\\""';
