#!/bin/sh
# A project's balancer (or the host-wide edge), in host networking. nginx starts once Berth has
# written /etc/berth/nginx.conf (validated with `nginx -t` first), so a new balancer never serves
# an empty routing table next to a running one.
set -eu
conf=/etc/berth/nginx.conf
until [ -s "$conf" ]; do sleep 0.05; done
exec nginx -c "$conf" -g 'daemon off;'
