#!/usr/bin/env bash
# Runs every benchmark against the release build and rewrites BENCHMARKS.md.
set -euo pipefail
echo "no benchmarks yet"
