#!/usr/bin/env bash
# Installs the Debian 12 packages Dossier needs, only those missing.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also what the test suite reads outputs with
set -euo pipefail

pkgs=(build-essential cmake pkg-config libyaml-dev libcmark-dev cmark
      libhpdf-dev zlib1g-dev libxlsxwriter-dev fonts-dejavu-core
      fonts-dejavu-extra)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(poppler-utils qpdf python3 python3-openpyxl python3-yaml
         python3-icalendar valgrind clang libclang-rt-14-dev
         libreoffice-calc-nogui)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]} (run as root, or install them)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# With recommends: LibreOffice's headless conversion is tested with them.
apt-get install -y -qq "${missing[@]}" >/dev/null
