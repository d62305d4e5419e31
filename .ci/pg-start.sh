#!/usr/bin/env bash
# Start a throwaway PostgreSQL for Pipewright's store and queue tests, and
# print the line that points the tests at it:
#
#   eval "$(bash .ci/pg-start.sh)"   # sets PIPEWRIGHT_TEST_DATABASE_URL
#
# Idempotent: installs Debian's postgresql package if no server binaries are
# found, runs initdb only on an empty data directory, and starts the server
# only if it is not already answering. Diagnostics go to stderr; stdout holds
# only the export line, so eval is safe.
#
# Settings (environment): PW_PG_DATA (default /tmp/pgdata), PW_PG_PORT
# (default 5433), PW_PG_LOG (default /tmp/pg.log).
set -euo pipefail

data=${PW_PG_DATA:-/tmp/pgdata}
port=${PW_PG_PORT:-5433}
log=${PW_PG_LOG:-/tmp/pg.log}
url="postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable"

say() { echo "pg-start: $*" >&2; }

find_bindir() {
  # Newest installed major version wins.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bindir=$(find_bindir)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  say "no PostgreSQL server binaries; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir=$(find_bindir)
fi
[ -x "$bindir/initdb" ] || { say "initdb not found after install"; exit 1; }

# initdb and postgres refuse to run as root: use the postgres account then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  say "already running on port $port"
  echo "export PIPEWRIGHT_TEST_DATABASE_URL='$url'"
  exit 0
fi

mkdir -p "$data"
touch "$log"
if [ "$(id -u)" = 0 ]; then chown postgres "$data" "$log"; fi
chmod 700 "$data"

if [ ! -s "$data/PG_VERSION" ]; then
  say "initdb in $data"
  as_pg "'$bindir/initdb' -D '$data' -A trust -U postgres" >&2
fi

# Tests run in parallel, each with its own schema and pools: allow plenty of
# connections. Socket in /tmp so no /var/run/postgresql is needed.
say "starting $(basename "$(dirname "$bindir")") on port $port (log $log)"
as_pg "'$bindir/pg_ctl' -D '$data' -l '$log' -o \"-p $port -k /tmp -c max_connections=300 -c listen_addresses=127.0.0.1\" start" >&2 || {
  say "pg_ctl start failed; last log lines:"; tail -n 20 "$log" >&2; exit 1
}

for _ in $(seq 1 60); do
  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    say "ready"
    echo "export PIPEWRIGHT_TEST_DATABASE_URL='$url'"
    exit 0
  fi
  sleep 1
done
say "server did not become ready in 60 s; last log lines:"
tail -n 20 "$log" >&2
exit 1
