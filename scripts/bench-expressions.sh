#!/usr/bin/env bash
# Benchmarks the TaskRouter expression engine (parse, evaluate, compile) on one thread and prints
# a Markdown section. Builds nothing: needs .build/release/TWPCBench (`swift build -c release`).
#
# Environment: BENCH_SECONDS (2) — how long each benchmark runs.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/release/TWPCBench
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }
seconds=${BENCH_SECONDS:-2}
command="$binary expressions --seconds $seconds"

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
table=$($command)

cat <<MD
## Expressions

Command: \`$command\` (load average before the run: $load).

$table

Targets: evaluation of a 3-clause expression at 2,000,000/s or more on one core, parse at
300,000/s or more. "ops/s per core" divides the operations by the CPU time of the measuring
thread (\`CLOCK_THREAD_CPUTIME_ID\`), so it is what one core does even when other processes share
the machine; the wall-clock column is what this run got. Evaluation is bounded by the context
document's \`[String: JSONValue]\` dictionaries: each path step hashes its key (SipHash, about a
quarter of the time) and every value read from the document is retained and released (another
quarter). The compiled workerMatch reads \`teamIds\` twice (once per \`HAS\` of the \`OR\`), so it does
four lookups; the taskMatch does five (\`interaction\` twice). Parsing is a single pass over the UTF-8
bytes with no backtracking; it allocates the AST (a class per comparison, an array per AND/OR, a
String per name and literal).
MD
