#!/usr/bin/env bash
# Counts CPU instructions per request of the pairing-configs API under valgrind (callgrind), which,
# unlike wall-clock throughput, does not depend on how loaded the machine is. Seeds a company with
# SEED_CONFIGS configs (release build, SQLite), restarts `twpc serve` under callgrind, warms every
# path up, then sends REQUESTS keep-alive requests per endpoint, zeroing and dumping the counters
# around each batch. Prints a Markdown section. Builds nothing: needs .build/release/twpc.
#
# Environment: REQUESTS (200), SEED_CONFIGS (100), KEEP_DUMPS (directory to keep the callgrind dumps in,
# for callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR/..
source scripts/lib/server.sh

binary=.build/release/twpc
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }

requests=${REQUESTS:-200}
data=$(mktemp -d)
dumps=${KEEP_DUMPS:-$(mktemp -d)}
mkdir -p "$dumps"
log=$(mktemp)
cleanup() {
    stop_servers
    rm -rf "$data" "$log"
    [[ -n ${KEEP_DUMPS:-} ]] || rm -rf "$dumps"
}
trap cleanup EXIT

# Starts `twpc serve`, run by the command given (the binary, or valgrind ... binary).
start_twpc_serve() {
    start_server --log "$log" --stdout /dev/null --port-sed "$twpc_serve_port_sed" --name "twpc serve" \
        --timeout 120 -- "$@" serve --port 0 --data-dir "$data" --threads 2 --no-emulator
}

twpc() { "$binary" "$@" --data-dir "$data" 2>/dev/null; }
company=$(twpc companies create --name "Bench Lending")
key=$(twpc api-keys create --company "$company")

# Seed without valgrind.
start_twpc_serve "$binary"
configs_path=/companies/$company/task-worker-pairing-configs
one=$(python3 scripts/lib/seed_configs.py "$server_port" "$configs_path" "$key" "${SEED_CONFIGS:-100}")
stop_servers

start_twpc_serve valgrind --tool=callgrind --callgrind-out-file="$dumps/callgrind.out.%p" "$binary"
vg_pid=$server_pid

# Sends COUNT keep-alive GETs of PATH (with the headers given) and checks each answers 200.
get_requests() { # count path header...
    local count=$1 path=$2
    shift 2
    python3 - "$server_port" "$path" "$count" "$@" <<'EOF'
import http.client, sys
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
headers = dict(h.split(": ", 1) for h in sys.argv[4:])
conn = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(count):
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    assert response.status == 200, response.status
EOF
}

batch() { # name path header...
    local name=$1 path=$2
    shift 2
    get_requests 20 "$path" "$@"
    callgrind_control -z "$vg_pid" >/dev/null
    get_requests "$requests" "$path" "$@"
    callgrind_control -d "$name" "$vg_pid" >/dev/null
    local file
    file=$(ls -t "$dumps"/callgrind.out."$vg_pid".* | head -1)
    local total
    total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$file" | head -1)
    echo "| $name | $((total / requests)) |"
}

rows=$(
    batch "GET /healthz" /healthz
    batch "GET one config" "$configs_path/$one" "X-API-KEY: $key"
    batch "GET a list of 25" "$configs_path?limit=25" "X-API-KEY: $key"
)
stop_servers

echo "## Pairing-configs API: instructions per request (callgrind)"
echo
echo "\`twpc serve\` release build under valgrind --tool=callgrind, SQLite, 2 HTTP worker threads; the company"
echo "holds ${SEED_CONFIGS:-100} configs. $requests keep-alive requests per endpoint after 20 warm-up requests;"
echo "counts cover every thread of the server process. Produced by \`scripts/bench-api-instructions.sh\`."
echo "Callgrind counts each byte of a \`rep stosb\` as one instruction: libmicrohttpd clearing its connection"
echo "memory (about 49 KB per request) shows as about 49k instructions of every row, though it takes well under"
echo "a microsecond; the shares below therefore understate how much cheaper /healthz is in CPU time (see the"
echo "CPU-time section)."
echo
echo "| Benchmark | Instructions per request |"
echo "|---|---:|"
echo "$rows"
echo
awk -F'|' '{gsub(/ /, "", $3); v[NR] = $3} END {
    printf "GET one config: %.0f%% of the instructions of /healthz; list of 25: %.0f%%.\n", 100 * v[2] / v[1], 100 * v[3] / v[1]
    printf "(Throughput targets: GET one >= 50%% of /healthz, so <= 200%% of its instructions; list of 25 >= 30%%, so <= 333%%.)\n"
}' <<<"$rows"
