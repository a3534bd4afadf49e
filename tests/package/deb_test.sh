#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds ntm's Debian package with CPack, unpacks it into a temporary root with dpkg -x (no
# root rights needed), and builds and runs the C consumer against that tree, with pkg-config
# and with find_package.
# Usage: deb_test.sh <build dir> <tests/package dir> <work dir> <C compiler> <C++ compiler> <expected version>
set -eu
build=$1 here=$2 work=$3 cc=$4 cxx=$5 version=$6
rm -rf "$work"
mkdir -p "$work"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 || {
  cat "$work/cpack.log"
  exit 1
}
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Depends
test "$(dpkg-deb --field "$deb" Version)" = "$version"
dpkg-deb --field "$deb" Depends | grep -q 'libc6' || { echo "no run-time dependencies computed"; exit 1; }
dpkg -x "$deb" "$work/root"
root=$work/root
pcdir=$(dirname "$(find "$root" -name ntm-c.pc)")
libdir=$(dirname "$pcdir")
data=$root/usr/share/ntm
test -f "$data/examples/thach-loi-2023/plan.json"

# pkg-config: the .pc files say prefix=/usr; point it at the unpacked tree.
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --define-variable=prefix="$root/usr" --cflags --libs --static ntm-c)
echo "pkg-config ntm-c: $flags"
# shellcheck disable=SC2086
"$cc" -std=c99 "$here/c_consumer/main.c" -o "$work/consumer-pc" $flags
LD_LIBRARY_PATH=$libdir "$work/consumer-pc" "$data" | tee "$work/out-pc.txt"
grep -q "c consumer ok: ntm $version, 12/19" "$work/out-pc.txt"

# find_package(ntm) from the unpacked tree.
cmake -S "$here/c_consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$root/usr" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
cmake --build "$work/cmake" >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
LD_LIBRARY_PATH=$libdir "$work/cmake/ntm_c_consumer" "$data" | tee "$work/out-cmake.txt"
grep -q "c consumer ok: ntm $version, 12/19" "$work/out-cmake.txt"
echo "deb test ok"
