#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the store's tests.
#
#   eval "$(bash scripts/ci-postgres.sh)"     # sets TEST_DATABASE_URL
#
# Installs Debian's `postgresql` package when no server binaries are present, initialises a cluster in
# $CI_PG_DIR (default /tmp/herts-ci-postgres) owned by the `postgres` user, starts it on 127.0.0.1:$CI_PG_PORT
# (default 55432) and creates the test database. Safe to run again: each step is skipped when already done.
# Everything but the final `export` line goes to stderr, so the output can be eval'd.
set -euo pipefail

PG_DIR="${CI_PG_DIR:-/tmp/herts-ci-postgres}"
PG_PORT="${CI_PG_PORT:-55432}"
PG_DB="${CI_PG_DB:-herts_test}"
PG_USER="herts"
PG_PASSWORD="herts-ci"
DATA="$PG_DIR/data"
SOCKETS="$PG_DIR/sockets"

log() { echo "ci-postgres: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and installing it needs root (apt-get install -y postgresql)"
    exit 1
  fi
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # The package's own cluster (port 5432) is not used; its start may fail without systemd, which is fine.
  apt-get install -y -qq postgresql >&2 || true
  BIN="$(find_bin)"
  [ -n "$BIN" ] && [ -x "$BIN/pg_ctl" ] || { log "postgresql installed but no pg_ctl found"; exit 1; }
fi

# The server refuses to run as root: run its tools as `postgres` when we are root, as ourselves otherwise.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_pg() { runuser -u postgres -- "$@"; }
  OWNER="postgres"
else
  as_pg() { "$@"; }
  OWNER="$(id -un)"
fi

mkdir -p "$PG_DIR" "$SOCKETS"
chown "$OWNER" "$PG_DIR" "$SOCKETS"
chmod 700 "$PG_DIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
  log "initialising a cluster in $DATA"
  pwfile="$(mktemp "$PG_DIR/pw.XXXXXX")"
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  chown "$OWNER" "$pwfile"
  as_pg "$BIN/initdb" -D "$DATA" -U "$PG_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
fi

if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$BIN/pg_ctl" -D "$DATA" -w -t 60 -l "$PG_DIR/server.log" \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$SOCKETS -c max_connections=200" \
    start >&2
fi

psql_local() { as_pg "$BIN/psql" -h "$SOCKETS" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_local -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
  log "creating database $PG_DB"
  psql_local -c "CREATE DATABASE \"$PG_DB\"" >&2
fi

echo "export TEST_DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
