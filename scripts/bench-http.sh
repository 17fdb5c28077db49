#!/usr/bin/env bash
# Benchmarks the raw HTTP server (libmicrohttpd + HTTPServer + Router, no store) with wrk and
# prints a Markdown section. Builds nothing: needs .build/release/HTTPBenchServer
# (`swift build -c release`).
#
# Environment: WRK_DURATION (10s), WRK_THREADS (2), WRK_CONNECTIONS (32), SERVER_THREADS (8).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR/..
source scripts/lib/server.sh

binary=.build/release/HTTPBenchServer
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }

log=$(mktemp)
body=$(mktemp)
cleanup() {
    stop_servers
    rm -f "$log" "$body"
}
trap cleanup EXIT

start_server --log "$log" --port-sed 's/^listening on \([0-9]*\)$/\1/p' --name HTTPBenchServer --timeout 5 -- \
    "$binary" --port 0 --threads "${SERVER_THREADS:-8}"

head -c 1024 /dev/urandom | base64 -w0 | head -c 1024 >"$body"
base=http://127.0.0.1:$server_port

WRK_DURATION=2s scripts/wrk-bench.sh warm-up "$base/hello" >/dev/null  # fault in pages, open connections

echo "## HTTP server (libmicrohttpd)"
echo
echo "Raw server throughput: \`HTTPBenchServer\` (Router + tiny handlers, ${SERVER_THREADS:-8} worker threads),"
echo "wrk ${WRK_DURATION:-10s}, ${WRK_THREADS:-2} threads, ${WRK_CONNECTIONS:-32} keep-alive connections, on $(nproc) cores"
echo "shared with the load generator. Produced by \`scripts/bench-http.sh\`."
echo
scripts/wrk-bench.sh --table-header
scripts/wrk-bench.sh "GET /hello (14 B text)" "$base/hello"
scripts/wrk-bench.sh "GET /json (70 B JSON)" "$base/json"
scripts/wrk-bench.sh "GET /items/{id} (path parameter)" "$base/items/TW-42"
scripts/wrk-bench.sh "POST /echo (1 KiB body)" "$base/echo" POST "$body" "Content-Type: application/octet-stream"
rss_kb=$(server_status_kb VmRSS)
hwm_kb=$(server_status_kb VmHWM)
echo
echo "Server memory after the runs: RSS $((rss_kb / 1024)) MiB (peak $((hwm_kb / 1024)) MiB)."
