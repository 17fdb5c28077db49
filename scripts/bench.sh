#!/usr/bin/env bash
# `make bench`: runs every benchmark section against the release build (already built by
# `make bench`) and rewrites BENCHMARKS.md. Each scripts/bench-<area>.sh prints one Markdown
# section with the command that produced its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
sections=(expressions http api api-cpu api-instructions postgres sync emulator)
out=$(mktemp)
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`make bench\` (scripts/bench.sh) on $(date -u +%Y-%m-%dT%H:%M:%SZ)," \
       "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
       "$(swift --version 2>/dev/null | head -n 1)."
  echo "Every figure comes from the release build; each section names the command that produced it."
  echo "Load average when the run started: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine"
  echo "lowers wall-clock figures; instruction-based and per-core figures are steadier)."
  echo
} >"$out"
for area in "${sections[@]}"; do
  script="scripts/bench-$area.sh"
  if [[ -x $script ]]; then
    echo "running $script" >&2
    "$script" >>"$out"
    echo >>"$out"
  fi
done
mv "$out" BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
