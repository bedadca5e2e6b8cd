import { baseVars, health, plain, secret, single } from '../building-blocks';
import { NATS_LISTEN_BOTH } from '../both-families';
import type { CatalogEntry } from '../types';

const versions = [{ version: '2.10', default: true, images: { local: 'berth/nats:2.10', official: 'nats:2.10-alpine' } }];
const DATA = '/data';
const USER = 'zerops';

/**
 * The server's configuration, written at start from the environment into a file only the server's
 * user can read. The user and password go in as quoted strings: the server would parse a
 * `$NATS_PASSWORD` reference's value as a config value, and refuse one that starts with a digit.
 * `MAX_PAYLOAD` and `JET_STREAM_ENABLED` (on unless 0/false) are the service's own variables.
 */
const start = (ipv6: boolean) => [
  'set -eu',
  'umask 077',
  `mkdir -p ${DATA}/jetstream`,
  String.raw`quoted() { printf '"%s"' "$(printf %s "$1" | sed 's/[\\"]/\\&/g')"; }`,
  '{',
  ipv6 ? `  ${NATS_LISTEN_BOTH}` : '  echo "port: 4222"',
  '  echo "http_port: 8222"',
  '  [ -n "${MAX_PAYLOAD:-}" ] && echo "max_payload: ${MAX_PAYLOAD}"',
  '  printf \'authorization { user: %s, password: %s }\\n\' "$(quoted "$NATS_USER")" "$(quoted "$NATS_PASSWORD")"',
  '  case "${JET_STREAM_ENABLED:-1}" in 0|false) ;; *) echo "jetstream { store_dir: \\"' + DATA + '/jetstream\\" }" ;; esac',
  '} > /tmp/nats-server.conf',
  'exec nats-server -c /tmp/nats-server.conf',
].join('\n');

/** NATS with JetStream on a volume; user `zerops` and a 16-character password, as Zerops generates them. */
export const nats: CatalogEntry = {
  type: 'nats',
  displayName: 'NATS',
  category: 'broker',
  managed: 'full',
  versions,
  ports: [{ port: 4222, protocol: 'tcp', http: false, name: 'nats' }],
  volumes: [{ name: 'data', mountPath: DATA }],
  resources: { cpu: 0.5, memoryMb: 256 },
  ha: { roles: [{ role: 'node', count: 3 }], available: false },
  scaling: { min: 1, max: 1 },
  generate(ctx) {
    let password = '';
    while (password.length < 16) password += ctx.password();
    password = password.slice(0, 16);
    return {
      ...baseVars(ctx),
      port: plain(4222),
      user: plain(USER),
      password: secret(password),
      connectionString: secret(`nats://${USER}:${password}@${ctx.hostname}:4222`),
    };
  },
  containersFor(input) {
    return single(input, versions, {
      env: { NATS_USER: input.generated.user ?? USER, NATS_PASSWORD: input.generated.password ?? '' },
      entrypoint: ['/bin/sh', '-c', start(Boolean(input.ipv6))],
      // The server exits 0 on SIGINT (1 on SIGTERM); it runs as PID 1, without an init in between.
      stopSignal: 'SIGINT',
      volumes: [{ name: 'data', mountPath: DATA }],
      healthCheck: health(['nc', '-z', '127.0.0.1', '4222'], 30_000),
    });
  },
};
