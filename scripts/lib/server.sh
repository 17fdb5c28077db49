# shellcheck shell=bash
# Sourced by the benchmark scripts (scripts/bench-*.sh), not run: starts a server in the background,
# waits until its log names the port it listens on, reads its memory from /proc, and stops it.
#
#   start_server --log FILE --port-sed SCRIPT --name NAME [--stdout FILE] [--timeout SECONDS] -- COMMAND...
#       Runs COMMAND in the background, its standard error (and, unless --stdout names another file
#       such as /dev/null, its standard output) going to the log FILE, which is truncated. Every
#       0.05 s, `sed -n SCRIPT FILE` (e.g. "$twpc_serve_port_sed") is given the chance to print the
#       port; sets server_pid and server_port. If no port shows within --timeout seconds (10), or the
#       server exits first, prints "NAME did not start:" and the log to stderr and exits 1.
#   server_status_kb FIELD
#       Prints a kB figure (VmRSS, VmHWM) of /proc/$server_pid/status: the server started last.
#   stop_servers
#       Sends SIGTERM to every server started and still running and waits for each to exit; safe to
#       call more than once, and from an EXIT trap (the scripts' cleanup calls it).
#
# Linux only (/proc). Works under `set -euo pipefail`.

# The line `twpc serve` logs when it listens: "... listening on http://127.0.0.1:PORT ...".
# shellcheck disable=SC2034 # used by the scripts that source this file
twpc_serve_port_sed='s/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p'

server_pid=""
server_port=""
server_pids=()

start_server() {
    local log="" port_sed="" name="" stdout="" timeout=10
    while [[ $# -gt 0 ]]; do
        case $1 in
            --log) log=$2; shift 2 ;;
            --port-sed) port_sed=$2; shift 2 ;;
            --name) name=$2; shift 2 ;;
            --stdout) stdout=$2; shift 2 ;;
            --timeout) timeout=$2; shift 2 ;;
            --) shift; break ;;
            *) echo "start_server: unknown option $1" >&2; exit 2 ;;
        esac
    done
    if [[ -z $log || -z $port_sed || -z $name || $# -eq 0 ]]; then
        echo "start_server: needs --log, --port-sed, --name and a command after --" >&2
        exit 2
    fi
    if [[ -z $stdout || $stdout == "$log" ]]; then
        "$@" >"$log" 2>&1 &
    else
        "$@" >"$stdout" 2>"$log" &
    fi
    server_pid=$!
    server_pids+=("$server_pid")
    server_port=""
    for _ in $(seq 1 $((timeout * 20))); do
        server_port=$(sed -n "$port_sed" "$log" | head -1)
        [[ -n $server_port ]] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    [[ -n $server_port ]] || { echo "$name did not start:" >&2; cat "$log" >&2; exit 1; }
}

server_status_kb() {
    awk -v field="$1:" '$1 == field {print $2}' "/proc/$server_pid/status"
}

stop_servers() {
    local pid
    for pid in ${server_pids[@]+"${server_pids[@]}"}; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    server_pids=()
    server_pid=""
}
