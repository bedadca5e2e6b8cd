#!/bin/sh
# Honours the official rabbitmq image's RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS.
set -eu
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq
{
  echo "listeners.tcp.default = 5672"
  echo "loopback_users = none"
  [ -n "${RABBITMQ_DEFAULT_USER:-}" ] && echo "default_user = ${RABBITMQ_DEFAULT_USER}"
  [ -n "${RABBITMQ_DEFAULT_PASS:-}" ] && echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
} > /etc/rabbitmq/rabbitmq.conf
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
