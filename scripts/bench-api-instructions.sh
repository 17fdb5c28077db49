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

binary=.build/release/twpc
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }

requests=${REQUESTS:-200}
data=$(mktemp -d)
dumps=${KEEP_DUMPS:-$(mktemp -d)}
mkdir -p "$dumps"
log=$(mktemp)
server_pid=""
stop_server() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
cleanup() {
    stop_server
    rm -rf "$data" "$log"
    [[ -n ${KEEP_DUMPS:-} ]] || rm -rf "$dumps"
}
trap cleanup EXIT

start_server() {
    : >"$log"
    "$@" serve --port 0 --data-dir "$data" --threads 2 --no-emulator >/dev/null 2>"$log" &
    server_pid=$!
    port=""
    for _ in $(seq 1 1200); do
        port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
        [[ -n $port ]] && break
        sleep 0.1
    done
    [[ -n $port ]] || { echo "twpc serve did not start:" >&2; cat "$log" >&2; exit 1; }
}

twpc() { "$binary" "$@" --data-dir "$data" 2>/dev/null; }
company=$(twpc companies create --name "Bench Lending")
key=$(twpc api-keys create --company "$company")

# Seed without valgrind.
start_server "$binary"
configs_path=/companies/$company/task-worker-pairing-configs
one=$(python3 - "$port" "$configs_path" "$key" "${SEED_CONFIGS:-100}" <<'EOF'
import http.client, json, sys
port, path, key, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", port)
first = None
for i in range(1, count + 1):
    body = {"name": f"seed {i}", "externalId": f"seed-{i}", "priority": i % 10,
            "workerMatch": {"isManager": False, "teamIds": [f"TM-AAAA-{i}", f"TM-BBBB-{i}"]},
            "taskMatch": {"taskTypes": ["answerInboundVoiceCall", "replyToNewText"],
                          "interaction": {"channels": ["voice", "text"], "directions": ["inbound"]}}}
    conn.request("POST", path, json.dumps(body), {"X-API-KEY": key, "Content-Type": "application/json"})
    response = conn.getresponse()
    data = json.loads(response.read())
    assert response.status == 201 or response.status == 200, data
    first = first or data["data"]["id"]
print(first)
EOF
)
stop_server

start_server valgrind --tool=callgrind --callgrind-out-file="$dumps/callgrind.out.%p" "$binary"
vg_pid=$server_pid

batch() { # name path header...
    local name=$1 path=$2
    shift 2
    python3 - "$port" "$path" 20 "$@" <<'EOF'
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
    callgrind_control -z "$vg_pid" >/dev/null
    python3 - "$port" "$path" "$requests" "$@" <<'EOF'
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
stop_server

echo "## Pairing-configs API: instructions per request (callgrind)"
echo
echo "\`twpc serve\` release build under valgrind --tool=callgrind, SQLite, 2 HTTP worker threads; the company"
echo "holds ${SEED_CONFIGS:-100} configs. $requests keep-alive requests per endpoint after 20 warm-up requests;"
echo "counts cover every thread of the server process. Produced by \`scripts/bench-api-instructions.sh\`."
echo
echo "| Benchmark | Instructions per request |"
echo "|---|---:|"
echo "$rows"
echo
awk -F'|' '{gsub(/ /, "", $3); v[NR] = $3} END {
    printf "GET one config: %.0f%% of the instructions of /healthz; list of 25: %.0f%%.\n", 100 * v[2] / v[1], 100 * v[3] / v[1]
    printf "(Throughput targets: GET one >= 50%% of /healthz, so <= 200%% of its instructions; list of 25 >= 30%%, so <= 333%%.)\n"
}' <<<"$rows"
