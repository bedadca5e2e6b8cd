#!/bin/sh
# A project's core container (or the host-wide edge), in host networking.
#   (no argument) a balancer: nginx starts once Berth has written /etc/berth/nginx.conf (validated
#                 with `nginx -t` first), so a new balancer never serves an empty routing table
#                 next to a running one. In a Light core Berth also starts the logger beside it.
#   logger        the dedicated logger of a Serious core: rsyslog in the foreground, once Berth
#                 has written /etc/berth/rsyslog.conf.
set -eu
if [ "${1:-}" = logger ]; then
  conf=/etc/berth/rsyslog.conf
  until [ -s "$conf" ]; do sleep 0.05; done
  rm -f /run/berth-rsyslogd.pid
  exec rsyslogd -n -f "$conf" -i /run/berth-rsyslogd.pid
fi
conf=/etc/berth/nginx.conf
until [ -s "$conf" ]; do sleep 0.05; done
exec nginx -c "$conf" -g 'daemon off;'
