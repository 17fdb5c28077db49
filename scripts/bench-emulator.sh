#!/usr/bin/env bash
# Benchmarks the TaskRouter emulator (`twpc emulator`) with wrk and prints a Markdown section.
# Builds nothing: needs .build/release/twpc (`swift build -c release`); TWPC_BIN overrides the binary.
#
# Seeds one workspace with 20 queues, a workflow with 20 filters and a default filter, and 50 workers
# (offline, so created tasks stay pending), then measures list, fetch and task creation (routing).
# Environment: WRK_DURATION (10s), WRK_THREADS (2), WRK_CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR/..
source scripts/lib/server.sh

binary=${TWPC_BIN:-.build/release/twpc}
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }

account=AC0123456789abcdef0123456789abcdef
token=bench-token
log=$(mktemp)
body=$(mktemp)
cleanup() {
    stop_servers
    rm -f "$log" "$body"
}
trap cleanup EXIT

start_server --log "$log" --port-sed 's|^TaskRouter emulator listening on http://127.0.0.1:\([0-9]*\) .*|\1|p' \
    --name "the emulator" --timeout 5 -- \
    "$binary" emulator --port 0 --account-sid "$account" --auth-token "$token" --workspace Bench
workspace=$(sed -n 's/^workspace \(WS[0-9a-f]*\) .*/\1/p' "$log")
base=http://127.0.0.1:$server_port
ws=$base/v1/Workspaces/$workspace

post() { curl -sf -u "$account:$token" "$@"; }
sid() { sed -n 's/.*"sid":"\([A-Z][A-Z][0-9a-f]*\)".*/\1/p'; }

queues=()
for i in $(seq 1 20); do
    queues+=("$(post "$ws/TaskQueues" --data-urlencode "FriendlyName=Queue $i" \
        --data-urlencode "TargetWorkers=isManager == false AND teamIds HAS \"TM-$i\"" | sid)")
done
filters=""
for i in $(seq 1 20); do
    filters+="{\"filter_friendly_name\":\"F$i\",\"expression\":\"taskType IN [\\\"type$i\\\"] AND case.autocreated == false\",\"targets\":[{\"queue\":\"${queues[$((i - 1))]}\"}]},"
done
configuration="{\"task_routing\":{\"filters\":[${filters%,}],\"default_filter\":{\"queue\":\"${queues[0]}\"}}}"
post "$ws/Workflows" --data-urlencode "FriendlyName=Bench" --data-urlencode "Configuration=$configuration" >/dev/null
worker=""
for i in $(seq 1 50); do
    worker=$(post "$ws/Workers" --data-urlencode "FriendlyName=worker $i" \
        --data-urlencode "Attributes={\"isManager\":false,\"teamIds\":[\"TM-$((i % 20 + 1))\"]}" | sid)
done
printf 'Attributes=%s' '%7B%22taskType%22%3A%22type20%22%2C%22case%22%3A%7B%22autocreated%22%3Afalse%7D%7D' >"$body"
auth="Authorization: Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"

echo "## TaskRouter emulator"
echo
echo "\`twpc emulator\` (4 server threads) with one workspace of 20 queues, a 20-filter workflow and 50 workers;"
echo "wrk ${WRK_DURATION:-10s}, ${WRK_THREADS:-2} threads, ${WRK_CONNECTIONS:-32} keep-alive connections, on $(nproc) cores"
echo "shared with the load generator. Task creation routes through all 20 filters (the last one matches)"
echo "and the created tasks accumulate (workers are offline). Produced by \`scripts/bench-emulator.sh\`."
echo
scripts/wrk-bench.sh --table-header
scripts/wrk-bench.sh "GET TaskQueues (list of 20)" "$ws/TaskQueues" GET "" "$auth"
scripts/wrk-bench.sh "GET Workers/{Sid}" "$ws/Workers/$worker" GET "" "$auth"
scripts/wrk-bench.sh "POST Tasks (create + route)" "$ws/Tasks" POST "$body" "$auth" \
    "Content-Type: application/x-www-form-urlencoded"
rss_kb=$(server_status_kb VmRSS)
echo
echo "Emulator memory after the runs: RSS $((rss_kb / 1024)) MiB."
