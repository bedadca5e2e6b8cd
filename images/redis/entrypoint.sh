#!/bin/sh
# Redis and Valkey. REDIS_PASSWORD sets requirepass (the official image has no such variable; Berth passes
# --requirepass to it instead). BERTH_REDIS_PRIMARY=<host> makes a replica; `sentinel` runs Sentinel.
set -eu
# Debian's valkey packages run as `valkey` (the Dockerfile links the redis-* names to valkey-*).
user=redis; if id valkey >/dev/null 2>&1; then user=valkey; fi
chown -R "$user:$user" /data
run_as() { exec setpriv --reuid="$user" --regid="$user" --init-groups "$@"; }
if [ "${1:-}" = "sentinel" ]; then
  conf=/data/sentinel.conf
  if [ ! -s "$conf" ]; then
    {
      echo "port 26379"
      echo "sentinel resolve-hostnames yes"
      echo "sentinel announce-hostnames yes"
      echo "sentinel monitor ${BERTH_SENTINEL_MASTER:-primary} ${BERTH_REDIS_PRIMARY} 6379 ${BERTH_SENTINEL_QUORUM:-2}"
      echo "sentinel auth-pass ${BERTH_SENTINEL_MASTER:-primary} ${REDIS_PASSWORD}"
      echo "sentinel down-after-milliseconds ${BERTH_SENTINEL_MASTER:-primary} ${BERTH_SENTINEL_DOWN_MS:-3000}"
      echo "sentinel failover-timeout ${BERTH_SENTINEL_MASTER:-primary} 10000"
      [ -n "${BERTH_ANNOUNCE_HOST:-}" ] && echo "sentinel announce-ip ${BERTH_ANNOUNCE_HOST}"
    } > "$conf"
    chown "$user:$user" "$conf"
  fi
  run_as redis-sentinel "$conf"
fi
if [ "${1:-}" = "redis-server" ]; then
  shift
  set -- redis-server --bind 0.0.0.0 --protected-mode no --dir /data --appendonly yes "$@"
  if [ -n "${REDIS_PASSWORD:-}" ]; then set -- "$@" --requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD"; fi
  if [ -n "${BERTH_ANNOUNCE_HOST:-}" ]; then set -- "$@" --replica-announce-ip "$BERTH_ANNOUNCE_HOST"; fi
  if [ -n "${BERTH_REDIS_PRIMARY:-}" ]; then set -- "$@" --replicaof "$BERTH_REDIS_PRIMARY" 6379; fi
fi
run_as "$@"
