#!/bin/sh
# Honours the official postgres image's contract: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA.
# Berth HA: BERTH_PG_ROLE=replica with BERTH_PG_PRIMARY=<host> clones the primary with pg_basebackup.
set -eu
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ "${BERTH_PG_ROLE:-primary}" = "replica" ]; then
    echo "berth: cloning primary ${BERTH_PG_PRIMARY}"
    until PGPASSWORD="$POSTGRES_PASSWORD" pg_isready -h "$BERTH_PG_PRIMARY" -U "$POSTGRES_USER" -q; do sleep 1; done
    export PGPASSWORD="$POSTGRES_PASSWORD"
    as_pg pg_basebackup -h "$BERTH_PG_PRIMARY" -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream
  else
    pwfile=$(mktemp); printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"; chown postgres "$pwfile"
    as_pg initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
    rm -f "$pwfile"
    {
      echo "listen_addresses = '*'"
      echo "wal_level = replica"
      echo "max_wal_senders = 10"
      # A replica cloning with pg_basebackup -X stream needs the WAL from the backup's start: keep
      # recent segments, so a checkpoint during the clone cannot remove them.
      echo "wal_keep_size = 128MB"
      echo "hot_standby = on"
    } >> "$PGDATA/postgresql.conf"
    {
      echo "host all all all scram-sha-256"
      echo "host replication all all scram-sha-256"
    } >> "$PGDATA/pg_hba.conf"
    as_pg pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    if [ "$POSTGRES_DB" != "postgres" ]; then
      as_pg psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \"$POSTGRES_DB\"" >/dev/null
    fi
    as_pg pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "berth: initialised database $POSTGRES_DB"
  fi
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"
