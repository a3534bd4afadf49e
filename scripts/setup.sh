#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets ntm up on Debian 12: installs every package the project needs (idempotently: only
# what is missing), then configures and builds the release preset (build/release).
# Run as root, or as a user with sudo. NTM_SETUP_NO_BUILD=1 installs packages only.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config python3 python3-jsonschema git file dpkg-dev
  # libraries (DESIGN.md §3)
  libboost-graph-dev libboost-date-time-dev libexpected-dev catch2 nlohmann-json3-dev
  libcli11-dev libssl-dev libbenchmark-dev
  # tools the tests drive: Graphviz (DOT), ledger and hledger (journal export), xmllint
  # (SVG/HTML well-formedness), Doxygen (reference docs), abigail (ABI guard),
  # clang with its runtime (libFuzzer, sanitizers), GNU parallel (sharding `ntm batch`)
  graphviz ledger hledger libxml2-utils doxygen abigail-tools clang libclang-rt-14-dev parallel
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "setup: run as root (or install sudo) to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages are installed"
fi

if [[ "${NTM_SETUP_NO_BUILD:-0}" != "1" ]]; then
  cmake --preset release
  cmake --build --preset release
fi
