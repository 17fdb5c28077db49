#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: a temporary directory, a free port,
# as the unprivileged `postgres` user when run as root. Exports TWPC_TEST_DATABASE_URL, and
# TWPC_TEST_PG_BINDIR / _DATADIR / _PORT / _SOCKDIR for tests that manage servers themselves.
# If TWPC_TEST_DATABASE_URL is already set, uses that database instead.
set -euo pipefail
if [ -n "${TWPC_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then echo "PostgreSQL is not installed (make test-deps)" >&2; exit 1; fi
dir=$(mktemp -d /tmp/twpc-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
# -N: no fsync during initdb; fsync=off: the cluster is thrown away. Tests open many sessions in
# parallel (one pool per test store), hence max_connections.
as_pg "$bindir/initdb" -N -D "$dir/data" -A trust -U twpc >/dev/null
if ! as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" >/dev/null; then
    echo "PostgreSQL did not start; its log:" >&2
    cat "$dir/log" >&2 || true
    exit 1
fi
as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U twpc twpc_test
export TWPC_TEST_DATABASE_URL="postgres://twpc@127.0.0.1:$port/twpc_test"
export TWPC_TEST_PG_BINDIR="$bindir" TWPC_TEST_PG_DATADIR="$dir/data" TWPC_TEST_PG_PORT="$port" TWPC_TEST_PG_SOCKDIR="$dir"
set +e
"$@"
status=$?
set -e
exit $status
