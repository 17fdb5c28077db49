#!/usr/bin/env bash
# Benchmarks the pairing-configs API on PostgreSQL and prints Markdown sections:
#   1. the runs of scripts/bench-api.sh (GET /healthz, one config, a list of 25, POST create)
#      against `twpc serve --database`;
#   2. two `twpc serve` processes on one database loaded at once (two wrk processes, one per
#      server, each with half the connections): both figures and their sum.
# Starts a throwaway PostgreSQL cluster (default settings: fsync on, as production) unless
# TWPC_BENCH_DATABASE_URL names a database to use. Builds nothing: needs .build/release/twpc.
#
# Environment: as scripts/bench-api.sh (WRK_DURATION 10s, WRK_THREADS 2, WRK_CONNECTIONS 32,
#              SERVER_THREADS 8, SEED_CONFIGS 100, POST_COMPANIES 40), TWPC_BENCH_DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR/..
source scripts/lib/server.sh

binary=.build/release/twpc
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }

duration=${WRK_DURATION:-10s}
threads=${WRK_THREADS:-2}
connections=${WRK_CONNECTIONS:-32}
server_threads=${SERVER_THREADS:-8}

dir=$(mktemp -d /tmp/twpc-bench-pg.XXXXXX)
bindir=""
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    stop_servers
    if [[ -n $bindir ]]; then as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT

if [[ -n ${TWPC_BENCH_DATABASE_URL:-} ]]; then
    single_url=$TWPC_BENCH_DATABASE_URL
    multi_url=$TWPC_BENCH_DATABASE_URL
    note="the PostgreSQL database of TWPC_BENCH_DATABASE_URL"
else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n $bindir ]] || { echo "PostgreSQL is not installed (make test-deps)" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir"; fi
    as_pg "$bindir/initdb" -D "$dir/data" -A trust -U twpc >/dev/null
    if ! as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" >/dev/null; then
        echo "PostgreSQL did not start; its log:" >&2
        cat "$dir/log" >&2 || true
        exit 1
    fi
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U twpc twpc_single
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U twpc twpc_multi
    single_url="postgres://twpc@127.0.0.1:$port/twpc_single"
    multi_url="postgres://twpc@127.0.0.1:$port/twpc_multi"
    version=$("$bindir/postgres" --version | awk '{print $3}')
    note="PostgreSQL $version on loopback, default settings, fsync on"
fi

# 1. One server: the same runs as on SQLite.
TWPC_BENCH_DATABASE_URL=$single_url TWPC_BENCH_DATABASE_NOTE=$note TWPC_BENCH_PRODUCER=scripts/bench-postgres.sh \
    scripts/bench-api.sh
echo

# 2. Two servers on one database, loaded at once.
twpc() { "$binary" "$@" --database "$multi_url" --data-dir "$dir/cli" 2>/dev/null; }
company=$(twpc companies create --name "Bench Two Servers")
key=$(twpc api-keys create --company "$company")
admin=$(twpc api-keys create --admin)
post_companies=""
for i in $(seq 1 "${POST_COMPANIES:-40}"); do
    post_companies+="$(twpc companies create --name "Bench Two POST $i") "
done

ports=()
for name in a b; do
    start_server --log "$dir/serve-$name.log" --stdout /dev/null --port-sed "$twpc_serve_port_sed" \
        --name "twpc serve" -- "$binary" serve --port 0 --database "$multi_url" --data-dir "$dir/cli" \
        --threads "$server_threads" --no-emulator
    ports+=("$server_port")
done

configs_path=/companies/$company/task-worker-pairing-configs
one=""
for i in $(seq 1 "${SEED_CONFIGS:-100}"); do
    server=${ports[$((i % 2))]}
    id=$(curl -sf -H "X-API-KEY: $key" -H 'Content-Type: application/json' \
        -d "{\"name\":\"seed $i\",\"externalId\":\"seed-$i\",\"priority\":$((i % 10)),\"workerMatch\":{\"teamIds\":[\"TM-AAAA-$i\"]},\"taskMatch\":{\"taskTypes\":[\"answerInboundVoiceCall\"]}}" \
        "http://127.0.0.1:$server$configs_path" | sed -n 's/.*"data":{"id":"\([^"]*\)".*/\1/p')
    [[ -z $one ]] && one=$id
done
[[ -n $one ]] || { echo "seeding configs failed" >&2; exit 1; }

half_threads=$(((threads + 1) / 2))
half_connections=$(((connections + 1) / 2))
rows=$dir/rows
: >"$rows"
# Runs one benchmark on both servers at once and appends both rows and their sum.
both() {
    local name=$1
    shift
    local index=0 running=()
    for port in "${ports[@]}"; do
        index=$((index + 1))
        "$@" "$name, server $index" "$port" >"$dir/both-$index" &
        running+=($!)
    done
    wait "${running[@]}"
    cat "$dir/both-1" "$dir/both-2" >>"$rows"
    cat "$dir/both-1" "$dir/both-2" | awk -F'|' -v n="$name" '
        { rate += $3; errors += $6 }
        END { printf "| **%s, both servers** | **%.0f** | | | %d |\n", n, rate, errors }' >>"$rows"
}
get_one() {
    WRK_THREADS=$half_threads WRK_CONNECTIONS=$half_connections \
        scripts/wrk-bench.sh "$1" "http://127.0.0.1:$2$configs_path/$one" GET "" "X-API-KEY: $key"
}
post_create() {
    WRK_BENCH_NAME=$1 BENCH_KEY=$admin BENCH_COMPANIES=$post_companies \
        wrk --latency -d "$duration" -t "$half_threads" -c "$half_connections" --timeout "${WRK_TIMEOUT:-5s}" \
        -s scripts/bench-api.lua "http://127.0.0.1:$2" | grep '^| '
}
both "GET one config" get_one
both "POST create" post_create

echo "## Pairing-configs API, two twpc serve processes on one PostgreSQL database"
echo
echo "Two \`twpc serve\` release processes ($server_threads HTTP worker threads and a pool of 8 sessions each) on one"
echo "database ($note), loaded at the same time: one wrk per server, $duration,"
echo "$half_threads thread(s) and $half_connections keep-alive connections each (the single-server load split in two), on"
echo "$(nproc) cores shared by both servers, PostgreSQL and both load generators. The bold rows are the sums."
echo "POST create spreads over ${POST_COMPANIES:-40} companies (admin key). Produced by \`scripts/bench-postgres.sh\`."
echo
scripts/wrk-bench.sh --table-header
cat "$rows"
