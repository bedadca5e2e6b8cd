#!/bin/sh
# S3-compatible object storage: `rclone serve s3` over /data, one top-level directory per bucket.
# S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY are the only credentials; S3_BUCKET is created on start.
# The key pair reaches rclone through its environment (RCLONE_AUTH_KEY, one quoted CSV field), never argv.
set -eu
: "${S3_ACCESS_KEY_ID:?}" "${S3_SECRET_ACCESS_KEY:?}"
if [ -n "${S3_BUCKET:-}" ]; then mkdir -p "/data/$S3_BUCKET"; fi
if [ "${1:-}" = "serve" ]; then
  shift
  RCLONE_AUTH_KEY="\"$S3_ACCESS_KEY_ID,$S3_SECRET_ACCESS_KEY\"" exec rclone serve s3 /data --addr :9000 "$@"
fi
exec "$@"
