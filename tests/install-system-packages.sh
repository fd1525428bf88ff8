#!/usr/bin/env bash
# Install the Debian packages listed in tests/system-packages.txt (or the list file given) that are missing.
set -euo pipefail
list=$(realpath "${1:-$(dirname "$0")/system-packages.txt}")
mapfile -t wanted < <(grep -v '^\s*#' "$list" | grep -v '^\s*$' || true)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing $(basename "$(dirname "$list")") tools: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
