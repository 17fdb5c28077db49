#!/usr/bin/env bash
# Benchmarks the pairing-configs API (twpc serve, release build, SQLite in a temporary data
# directory) with wrk on loopback and prints a Markdown section: GET /healthz, GET one config,
# GET a list of 25, POST create, with p50/p99, then the server's resident memory after the runs.
# Builds nothing: needs .build/release/twpc (`swift build -c release`).
#
# Environment: WRK_DURATION (10s), WRK_THREADS (2), WRK_CONNECTIONS (32), SERVER_THREADS (8),
#              SEED_CONFIGS (100 configs in the benchmarked company), POST_COMPANIES (40),
#              TWPC_BENCH_DATABASE_URL (run on this PostgreSQL database instead of SQLite; see
#              scripts/bench-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/release/twpc
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }

data=$(mktemp -d)
log=$(mktemp)
server_pid=""
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$data" "$log"
}
trap cleanup EXIT

database=()
backend="SQLite"
storage="SQLite (WAL) in a temporary data directory"
if [[ -n ${TWPC_BENCH_DATABASE_URL:-} ]]; then
    database=(--database "$TWPC_BENCH_DATABASE_URL")
    backend="PostgreSQL"
    storage="${TWPC_BENCH_DATABASE_NOTE:-PostgreSQL}, a pool of 8 sessions"
fi
twpc() { "$binary" "$@" --data-dir "$data" "${database[@]}" 2>/dev/null; }
company=$(twpc companies create --name "Bench Lending")
key=$(twpc api-keys create --company "$company")
admin=$(twpc api-keys create --admin)
post_companies=""
for i in $(seq 1 "${POST_COMPANIES:-40}"); do
    post_companies+="$(twpc companies create --name "Bench POST $i") "
done

"$binary" serve --port 0 --data-dir "$data" "${database[@]}" --threads "${SERVER_THREADS:-8}" --no-emulator >/dev/null 2>"$log" &
server_pid=$!
port=""
for _ in $(seq 1 200); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
    [[ -n $port ]] && break
    sleep 0.05
done
[[ -n $port ]] || { echo "twpc serve did not start:" >&2; cat "$log" >&2; exit 1; }
base=http://127.0.0.1:$port
configs=$base/companies/$company/task-worker-pairing-configs

one=""
for i in $(seq 1 "${SEED_CONFIGS:-100}"); do
    prio=$((i % 10))
    id=$(curl -sf -H "X-API-KEY: $key" -H 'Content-Type: application/json' \
        -d "{\"name\":\"seed $i\",\"externalId\":\"seed-$i\",\"priority\":$prio,\"workerMatch\":{\"isManager\":false,\"teamIds\":[\"TM-AAAA-$i\",\"TM-BBBB-$i\"]},\"taskMatch\":{\"taskTypes\":[\"answerInboundVoiceCall\",\"replyToNewText\"],\"interaction\":{\"channels\":[\"voice\",\"text\"],\"directions\":[\"inbound\"]}}}" \
        "$configs" | sed -n 's/.*"data":{"id":"\([^"]*\)".*/\1/p')
    [[ -z $one ]] && one=$id
done
[[ -n $one ]] || { echo "seeding configs failed" >&2; exit 1; }

rows=$(mktemp)
{
    scripts/wrk-bench.sh "GET /healthz" "$base/healthz"
    scripts/wrk-bench.sh "GET one config" "$configs/$one" GET "" "X-API-KEY: $key"
    scripts/wrk-bench.sh "GET a list of 25" "$configs?limit=25" GET "" "X-API-KEY: $key"
    WRK_BENCH_NAME="POST create" BENCH_KEY=$admin BENCH_COMPANIES=$post_companies \
        wrk --latency -d "${WRK_DURATION:-10s}" -t "${WRK_THREADS:-2}" -c "${WRK_CONNECTIONS:-32}" \
        --timeout "${WRK_TIMEOUT:-5s}" -s scripts/bench-api.lua "$base" | grep '^| '
} >"$rows"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")

rate() { awk -F'|' -v n="$1" '$2 ~ n {gsub(/ /, "", $3); print $3}' "$rows"; }
health=$(rate "GET /healthz")
single=$(rate "GET one config")
list=$(rate "GET a list of 25")

echo "## Pairing-configs API (twpc serve, $backend)"
echo
echo "\`twpc serve\` release build, $storage, ${SERVER_THREADS:-8} HTTP worker"
echo "threads; the benchmarked company holds ${SEED_CONFIGS:-100} configs. wrk ${WRK_DURATION:-10s},"
echo "${WRK_THREADS:-2} threads, ${WRK_CONNECTIONS:-32} keep-alive connections, on $(nproc) cores shared with the"
echo "load generator. Every request but /healthz authenticates an API key (SHA-256 + lookup). POST create"
echo "spreads over ${POST_COMPANIES:-40} companies (admin key) to stay under the 1000-config limit."
echo "What bounds the reads: GET one reads the config's version (one indexed row) and reuses the cached"
echo "rendering of that version; a list reads the company's config revision (one row) and takes the sorted"
echo "summaries and the page's renderings from per-process caches (never stale: keyed by revision and"
echo "version, both bumped by every write in any process). Left per request: the API-key lookup (SHA-256 +"
echo "one indexed read, never cached), one or two single-row reads, and copying cached JSON. Wall-clock"
echo "figures move with the machine's load; \`scripts/bench-api-instructions.sh\` counts instructions instead."
echo "Produced by \`${TWPC_BENCH_PRODUCER:-scripts/bench-api.sh}\`."
echo
scripts/wrk-bench.sh --table-header
cat "$rows"
echo
awk -v h="$health" -v s="$single" -v l="$list" 'BEGIN {
    printf "GET one config: %.0f%% of /healthz throughput (target >= 50%%); ", 100 * s / h
    printf "list of 25: %.0f%% (target >= 30%%).\n", 100 * l / h
}'
echo
echo "Server memory after the runs: RSS $((rss_kb / 1024)) MiB (peak $((hwm_kb / 1024)) MiB; target < 64 MiB)."
rm -f "$rows"
