#!/usr/bin/env bash
# Benchmarks sync: first sync and no-op sync of 1, 100 and 1000 configs against the TaskRouter
# emulator with 20 ms latency per request; prints a Markdown section. Builds nothing: needs
# .build/release/SyncBench (`swift build -c release`).
#
# Environment: SYNC_LATENCY_MS (20), SYNC_SIZES (1,100,1000), SYNC_CONCURRENCY (4).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/release/SyncBench
[[ -x $binary ]] || { echo "missing $binary: run 'swift build -c release' first" >&2; exit 1; }

"$binary" --latency-ms "${SYNC_LATENCY_MS:-20}" --sizes "${SYNC_SIZES:-1,100,1000}" \
    --concurrency "${SYNC_CONCURRENCY:-4}"
