#!/usr/bin/env bash
# Measures the server's CPU time per request (user + system, every thread, from
# /proc/<pid>/stat) for GET /healthz, GET one config and GET a list of 25, sending
# N sequential keep-alive requests per endpoint, three rounds, and prints a Markdown section.
# Unlike wrk throughput, CPU time hardly depends on what else the machine runs; unlike instruction
# counts, it includes the kernel's share (sockets, SQLite's file locks). Builds nothing: needs
# .build/release/twpc. Linux only (/proc).
#
# Environment: N (10000 requests per endpoint and round), SEED_CONFIGS (100), SERVER_THREADS (8).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR/..
source scripts/lib/server.sh

binary=.build/release/twpc
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }

data=$(mktemp -d)
log=$(mktemp)
cleanup() {
    stop_servers
    rm -rf "$data" "$log"
}
trap cleanup EXIT

twpc() { "$binary" "$@" --data-dir "$data" 2>/dev/null; }
company=$(twpc companies create --name "Bench Lending")
key=$(twpc api-keys create --company "$company")
start_server --log "$log" --stdout /dev/null --port-sed "$twpc_serve_port_sed" --name "twpc serve" -- \
    "$binary" serve --port 0 --data-dir "$data" --threads "${SERVER_THREADS:-8}" --no-emulator

echo "## Pairing-configs API: server CPU time per request"
echo
echo "\`twpc serve\` release build, SQLite, ${SERVER_THREADS:-8} HTTP worker threads; the company holds"
echo "${SEED_CONFIGS:-100} configs. ${N:-10000} sequential keep-alive requests per endpoint and round (after 50"
echo "warm-up requests); CPU time of the server process, user + system, from /proc/<pid>/stat (10 ms ticks)."
echo "Produced by \`scripts/bench-api-cpu.sh\`."
echo
python3 - "$server_port" "/companies/$company/task-worker-pairing-configs" "$key" "$server_pid" "${N:-10000}" \
    "${SEED_CONFIGS:-100}" <<'EOF_PY'
import http.client, os, sys

sys.path.insert(0, "scripts/lib")
from seed_configs import seed

port, path, key, pid, count, seeded = (int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]),
                                       int(sys.argv[6]))
connection = http.client.HTTPConnection("127.0.0.1", port)
first = seed(connection, path, key, seeded)


def cpu_ns():
    # utime + stime of the whole process (threads that ended included), in clock ticks.
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // os.sysconf("SC_CLK_TCK")


def send(target, times):
    for _ in range(times):
        connection.request("GET", target, headers={"X-API-KEY": key})
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status


endpoints = [("GET /healthz", "/healthz"), ("GET one config", f"{path}/{first}"),
             ("GET a list of 25", f"{path}?limit=25")]
rounds = {name: [] for name, _ in endpoints}
for _ in range(3):
    for name, target in endpoints:
        send(target, 50)
        before = cpu_ns()
        send(target, count)
        rounds[name].append((cpu_ns() - before) / count / 1000)
print("| Benchmark | CPU µs per request (3 rounds) | Best | Share of /healthz |")
print("|---|---|---:|---:|")
health = min(rounds["GET /healthz"])
for name, _ in endpoints:
    values = rounds[name]
    print(f"| {name} | {', '.join(f'{v:.1f}' for v in values)} | {min(values):.1f} | {100 * min(values) / health:.0f}% |")
print()
print("Targets as CPU shares: GET one <= 200% of /healthz (>= 50% of its throughput), list of 25 <= 333% (>= 30%).")
EOF_PY
