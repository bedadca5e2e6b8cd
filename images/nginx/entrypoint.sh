#!/bin/sh
# Start-without-code: until files are deployed, serve a page naming the service (env `hostname`).
set -eu
root=/usr/share/nginx/html
if [ ! -e "$root/index.html" ]; then
  name="${hostname:-$(cat /etc/hostname)}"
  sed "s|@NAME@|$(printf '%s' "$name" | tr -cd 'a-zA-Z0-9.-')|g" /opt/berth/index.html > "$root/index.html"
fi
exec "$@"
