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
store() {
  setpriv --reuid=ceph --regid=ceph --init-groups radosgw-admin --no-mon-config --rgw-backend-store=dbstore \
    --rgw-config-store=dbstore --dbstore-db-dir=/data/rgw --dbstore-config-uri=file:/data/rgw/dbstore-config.db --debug-rgw=0 --log-to-stderr=false --log-file=/dev/null "$@"
}
# The one user owns the bucket; its key pair follows the service's variables on every start.
if store user info --uid=berth >/dev/null 2>&1; then
  store key create --uid=berth --key-type=s3 --access-key="$S3_ACCESS_KEY_ID" --secret-key="$S3_SECRET_ACCESS_KEY" >/dev/null
else
  store user create --uid=berth --display-name=berth --access-key="$S3_ACCESS_KEY_ID" --secret-key="$S3_SECRET_ACCESS_KEY" >/dev/null
fi
exec setpriv --reuid=ceph --regid=ceph --init-groups python3 /usr/local/lib/berth/s3-front.py
