#!/usr/bin/env bash
# Makes a Debian host ready for the test tiers: packages, dockerd, a PostgreSQL server with a
# `berth` role. Idempotent; everything it starts listens on loopback or the Docker socket only.
set -euo pipefail
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
command -v chromium >/dev/null || need+=(chromium)
command -v pg_ctlcluster >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v iptables >/dev/null || need+=(iptables)
# Project IPv6 addresses go on the loopback interface with `ip addr` (root or CAP_NET_ADMIN).
command -v ip >/dev/null || need+=(iproute2)
command -v pebble >/dev/null || need+=(pebble)
# Git over ssh (ssh, ssh-keygen for deploy keys) and the sshd the ssh deploy-key test serves a repository with.
command -v ssh-keygen >/dev/null || need+=(openssh-client)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "== starting dockerd"
  nohup dockerd >/var/log/berth-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start:"; tail -20 /var/log/berth-dockerd.log; exit 1; }
fi

ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if [ -z "$(pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1==v')" ]; then
  pg_createcluster "$ver" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $4=="online"' | grep -q .; then
  echo "== starting PostgreSQL $ver"
  pg_ctlcluster "$ver" main start
fi
for _ in $(seq 1 40); do runuser -u postgres -- pg_isready -q && break; sleep 0.25; done
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='berth'" | grep -q 1 ||
  runuser -u postgres -- psql -qc "CREATE ROLE berth LOGIN SUPERUSER PASSWORD 'berth'"
echo "== host ready: $(docker version --format '{{.Server.Version}}') / PostgreSQL $ver"
