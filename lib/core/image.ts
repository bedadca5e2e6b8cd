/**
 * The image the balancers and the edge run. Local: `berth/core:1` from the local image set
 * (Debian's nginx-full, entry point in images/core). Official: Docker's `nginx:1.22`, whose
 * nginx.org build has the stream, ssl_preread and realip modules built in, with the same entry
 * (wait for the config Berth validated, then run nginx in the foreground) as a fixed script.
 */
export interface CoreImage {
  image: string;
  entrypoint?: string[];
}

const ENTRY =
  'mkdir -p /etc/berth && until [ -s /etc/berth/nginx.conf ]; do sleep 0.05; done && exec nginx -c /etc/berth/nginx.conf -g "daemon off;"';

export function coreImage(source: 'local' | 'official'): CoreImage {
  if (source === 'official') return { image: 'nginx:1.22', entrypoint: ['/bin/sh', '-c', ENTRY] };
  return { image: 'berth/core:1' };
}

/**
 * The Light core's balancer (local image) also hosts the project logger. After a restart of the
 * container (Docker's restart policy, a dockerd restart), rsyslog starts again from the config
 * Berth wrote, before nginx, so nothing in nginx can take the logger's port first.
 */
const LOGGER_FIRST =
  'if [ -s /etc/berth/rsyslog.conf ]; then rm -f /run/berth-rsyslogd.pid; rsyslogd -f /etc/berth/rsyslog.conf -i /run/berth-rsyslogd.pid; fi; ' +
  'until [ -s /etc/berth/nginx.conf ]; do sleep 0.05; done; exec nginx -c /etc/berth/nginx.conf -g "daemon off;"';

export function lightBalancerImage(source: 'local' | 'official'): CoreImage {
  return source === 'local' ? { image: 'berth/core:1', entrypoint: ['/bin/sh', '-c', LOGGER_FIRST] } : coreImage(source);
}
