#!/usr/bin/env bash
# Runs wrk against one URL and prints one Markdown table row:
#   | name | requests/s | p50 ms | p99 ms | errors |
# (errors = socket errors + timeouts + non-2xx/3xx answers).
#
# Usage: scripts/wrk-bench.sh <name> <url> [method] [body-file] [header...]
#        scripts/wrk-bench.sh --table-header      # prints the table header rows
# Example:
#   scripts/wrk-bench.sh "GET one config" http://127.0.0.1:8080/companies/CP-1/x/TW-1 GET "" "X-API-KEY: k"
#
# Fixed load (override with the environment):
#   WRK_DURATION=10s WRK_THREADS=2 WRK_CONNECTIONS=32 WRK_TIMEOUT=5s
set -euo pipefail

if [[ "${1:-}" == "--table-header" ]]; then
    echo "| Benchmark | Requests/s | p50 (ms) | p99 (ms) | Errors |"
    echo "|---|---:|---:|---:|---:|"
    exit 0
fi
if [[ $# -lt 2 ]]; then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

name=$1
url=$2
method=${3:-GET}
body=${4:-}
shift $(($# < 4 ? $# : 4))
headers=""
for header in "$@"; do headers+="$header"$'\n'; done
if [[ -n "$body" && ! -r "$body" ]]; then
    echo "wrk-bench: cannot read body file $body" >&2
    exit 1
fi

here=$(cd "$(dirname "$0")" && pwd)
WRK_BENCH_NAME=$name WRK_BENCH_METHOD=$method WRK_BENCH_BODY=$body WRK_BENCH_HEADERS=$headers \
    wrk --latency -d "${WRK_DURATION:-10s}" -t "${WRK_THREADS:-2}" -c "${WRK_CONNECTIONS:-32}" \
    --timeout "${WRK_TIMEOUT:-5s}" -s "$here/wrk-bench.lua" "$url" | grep '^| '
