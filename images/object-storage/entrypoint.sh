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
# The front (as ceph) gives the store's one user the service's key pair, then starts radosgw.
exec setpriv --reuid=ceph --regid=ceph --init-groups python3 /usr/local/lib/berth/s3-front.py
