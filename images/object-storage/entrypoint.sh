#!/bin/sh
# S3-compatible object storage: Ceph's RADOS Gateway (radosgw) on its SQLite store (dbstore) under
# /data/rgw, behind a small front (s3-front.py) that enforces the quota, creates the bucket and
# applies its policy. S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY are the only credentials.
set -eu
: "${S3_ACCESS_KEY_ID:?}" "${S3_SECRET_ACCESS_KEY:?}" "${S3_BUCKET:?}"
if [ "${1:-}" != "serve" ]; then exec "$@"; fi
mkdir -p /data/rgw
chown ceph:ceph /data
chown -R ceph:ceph /data/rgw
# radosgw-admin can hang at exit after its work is done (rarely, on this store): each run is killed after 20 s.
store() {
  timeout -s KILL 20 setpriv --reuid=ceph --regid=ceph --init-groups radosgw-admin --no-mon-config --rgw-backend-store=dbstore \
    --rgw-config-store=dbstore --dbstore-db-dir=/data/rgw --dbstore-config-uri=file:/data/rgw/dbstore-config.db --debug-rgw=0 \
    --log-to-stderr=false --log-file=/dev/null "$@" >/dev/null 2>&1
}
# The one user owns the bucket; its key pair follows the service's variables. The front marks a pair
# that works (its hash in .berth-keys): later starts with the same pair run no radosgw-admin.
keys=$(printf '%s:%s' "$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY" | sha256sum | cut -d' ' -f1)
if [ "$(cat /data/rgw/.berth-keys 2>/dev/null)" != "$keys" ]; then
  store user create --uid=berth --display-name=berth --access-key="$S3_ACCESS_KEY_ID" --secret-key="$S3_SECRET_ACCESS_KEY" \
    || store key create --uid=berth --key-type=s3 --access-key="$S3_ACCESS_KEY_ID" --secret-key="$S3_SECRET_ACCESS_KEY" || true
fi
exec setpriv --reuid=ceph --regid=ceph --init-groups python3 /usr/local/lib/berth/s3-front.py
