#!/usr/bin/env bash
# Installs the Debian packages (and, with --python, the PyPI packages) a make target needs,
# only when they are missing. Usage: scripts/install-deps.sh [--python] pkg...
set -euo pipefail
python=0
if [ "${1:-}" = "--python" ]; then python=1; shift; fi
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "$python" = 1 ]; then
  if ! python3 -c 'import twilio' 2>/dev/null; then
    # Debian's own python3 refuses system-wide pip installs (PEP 668) unless told otherwise.
    python3 -m pip install -q twilio 2>/dev/null || python3 -m pip install -q --break-system-packages twilio
  fi
fi
