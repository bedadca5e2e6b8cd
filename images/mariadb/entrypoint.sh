#!/bin/sh
# Honours the official mariadb image's contract: MARIADB_ROOT_PASSWORD, MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD.
# Like the official image, it keeps a `healthcheck` user (usage only) whose credentials live in
# /var/lib/mysql/.my-healthcheck.cnf, so the health probe authenticates and never logs "Access denied".
set -eu
mkdir -p /var/lib/mysql /run/mysqld
chown -R mysql:mysql /var/lib/mysql /run/mysqld
HEALTH_CNF=/var/lib/mysql/.my-healthcheck.cnf
esc() { printf '%s' "$1" | sed "s/'/''/g"; }

# Runs SQL from stdin against a temporary server without networking.
init_sql() {
  mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  until mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1; do sleep 0.5; done
  mariadb --socket=/run/mysqld/init.sock -uroot "$@"
  kill "$pid"; wait "$pid" || true
}

health_sql() {
  pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  (umask 077; printf '[client]\nsocket=/run/mysqld/mysqld.sock\nuser=healthcheck\npassword=%s\n' "$pw" > "$HEALTH_CNF")
  chown mysql:mysql "$HEALTH_CNF"
  echo "CREATE OR REPLACE USER 'healthcheck'@'localhost' IDENTIFIED BY '$pw'; GRANT USAGE ON *.* TO 'healthcheck'@'localhost';"
}

if [ ! -d /var/lib/mysql/mysql ]; then
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db --auth-root-authentication-method=normal >/dev/null
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(esc "$MARIADB_ROOT_PASSWORD")';"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '$(esc "$MARIADB_ROOT_PASSWORD")'; GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MARIADB_DATABASE:-}" ]; then echo "CREATE DATABASE IF NOT EXISTS \`${MARIADB_DATABASE}\` CHARACTER SET utf8mb4;"; fi
    if [ -n "${MARIADB_USER:-}" ]; then
      echo "CREATE USER '$(esc "$MARIADB_USER")'@'%' IDENTIFIED BY '$(esc "$MARIADB_PASSWORD")';"
      if [ -n "${MARIADB_DATABASE:-}" ]; then echo "GRANT ALL ON \`${MARIADB_DATABASE}\`.* TO '$(esc "$MARIADB_USER")'@'%';"; fi
    fi
    health_sql
    echo "FLUSH PRIVILEGES;"
  } | init_sql
  echo "berth: initialised mariadb"
elif [ ! -s "$HEALTH_CNF" ]; then
  # A data directory from before the health-check user: add it (root authenticates with its password).
  export MYSQL_PWD="$MARIADB_ROOT_PASSWORD"
  { health_sql; echo "FLUSH PRIVILEGES;"; } | init_sql
  unset MYSQL_PWD
  echo "berth: added the health-check user"
fi
exec "$@" --user=mysql --bind-address=0.0.0.0 --datadir=/var/lib/mysql --socket=/run/mysqld/mysqld.sock
