#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The C ABI guard: compares the shared library's C ABI and the C header's declarations with
# the baseline committed in abi/, and fails on any change that is not an addition.
#
#   scripts/abi-check.sh [--build-dir DIR] [--no-build] [--update]
#
# 1. The library: abidw (Debian's abigail-tools) reads libntm.so's exported functions with
#    their types from the debug info, keeping only the C API (ntm_* functions, the types of
#    include/ntm/c; abi/c-api.suppr), and abidiff compares that with abi/libntm.abi
#    (allowing what abi/changes.suppr allows).
#    Removed or changed functions and types fail; added functions pass and are listed;
#    options structs may grow at their end (with a new version number).
# 2. The header: the preprocessed include/ntm/c/ntm.h, one line per declaration (prototypes,
#    typedefs, struct and enum definitions) plus the NTM_* macros' values (status codes, type
#    codes, versions), sorted, compared with abi/ntm.h.txt. A line of the baseline that is
#    gone or different fails; new lines pass and are listed.
#
# The library is built (RelWithDebInfo, shared, library only) in build/abi unless --build-dir
# names a shared build with debug info (CI reuses build/shared); --no-build uses it as it is.
# A deliberate break: bump NTM_C_ABI_VERSION in include/ntm/c/version.h, run with --update,
# and commit abi/ with a CHANGELOG entry that gives the reason (docs/versioning.md).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/abi
do_build=1
update=0
while (($#)); do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --update) update=1; shift ;;
    -h|--help) sed -n '3,25p' "$0"; exit 0 ;;
    *) echo "abi-check: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in abidw abidiff python3 cc; do
  command -v "$tool" >/dev/null || { echo "abi-check: $tool is missing (scripts/setup.sh installs abigail-tools)" >&2; exit 2; }
done

if ((do_build)); then
  if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_SHARED_LIBS=ON \
      -DNTM_BUILD_TESTS=OFF -DNTM_BUILD_EXAMPLES=OFF -DNTM_BUILD_TOOLS=OFF -DNTM_INSTALL=OFF >/dev/null
  fi
  cmake --build "$build" --target ntm -j2
fi
lib=$(find "$build" -maxdepth 1 -name 'libntm.so.*.*' -type f | head -n1)
[[ -n "$lib" ]] || { echo "abi-check: no libntm.so in $build (a shared build is needed: -DBUILD_SHARED_LIBS=ON)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 1. the library ------------------------------------------------------------------------
abidw --no-corpus-path --no-comp-dir-path --short-locs \
  --suppressions abi/c-api.suppr --out-file "$work/libntm.abi" "$lib"
if ! grep -q '<function-decl name=.ntm_' "$work/libntm.abi"; then
  echo "abi-check: $lib has no debug info for the C API (build with -g: RelWithDebInfo or Debug)" >&2
  exit 2
fi

# --- 2. the header ---------------------------------------------------------------------------
cc -std=c99 -E -P -Iinclude include/ntm/c/ntm.h >"$work/ntm.h.i"
cc -std=c99 -E -dM -Iinclude include/ntm/c/ntm.h >"$work/ntm.h.macros"
python3 - "$work/ntm.h.i" "$work/ntm.h.macros" >"$work/ntm.h.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# Top-level statements of the preprocessed header (split at ';' outside braces); keep ntm's.
statements, depth, current = [], 0, []
for ch in text:
    if ch == '{': depth += 1
    if ch == '}': depth -= 1
    if ch == ';' and depth == 0:
        statements.append(''.join(current)); current = []
    else:
        current.append(ch)
lines = set()
for s in statements:
    s = re.sub(r'\s+', ' ', s).strip()
    s = s.replace('extern __attribute__((visibility("default"))) ', '')
    if re.search(r'\bntm_', s):
        lines.add(s + ';')
# Macros with values: status codes, type codes, versions (not include guards, not NTM_EXTERN).
for m in open(sys.argv[2]):
    m = re.sub(r'\s+', ' ', m).strip()
    if re.match(r'#define NTM_\w+[ (]', m) and not re.match(r'#define NTM_(EXTERN|C_NTM_H_|C_VERSION_H_)\b', m) \
            and not re.match(r'#define NTM_VERSION(_MAJOR|_MINOR|_PATCH|_STRING)? ', m):
        lines.add(m)
print('\n'.join(sorted(lines)))
PY

if ((update)); then
  cp "$work/libntm.abi" abi/libntm.abi
  cp "$work/ntm.h.txt" abi/ntm.h.txt
  echo "abi-check: baseline updated from $lib (abi/libntm.abi, abi/ntm.h.txt); commit it with the reason in CHANGELOG.md"
  exit 0
fi

status=0
# abidiff's exit status is a bit set: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
# Added functions are reported apart (--no-added-syms keeps them out of the status).
set +e
abidiff --no-added-syms --suppressions abi/changes.suppr abi/libntm.abi "$work/libntm.abi" >"$work/abidiff.txt"
rc=$?
abidiff --suppressions abi/changes.suppr abi/libntm.abi "$work/libntm.abi" >"$work/abidiff-all.txt"
set -e
if ((rc & 3)); then
  cat "$work/abidiff.txt"
  echo "abi-check: abidiff failed ($rc)" >&2
  exit 2
elif ((rc & 12)); then
  echo "abi-check: the library's C ABI changed:"
  cat "$work/abidiff.txt"
  status=1
elif grep -q "^ *\[A\] 'function" "$work/abidiff-all.txt"; then
  echo "abi-check: functions added to the library (compatible):"
  grep "^ *\[A\] 'function" "$work/abidiff-all.txt"
fi

python3 - abi/ntm.h.txt "$work/ntm.h.txt" <<'PY' || status=1
import re, sys
old = [l for l in open(sys.argv[1]).read().split('\n') if l]
new = set(l for l in open(sys.argv[2]).read().split('\n') if l)
def grown(line):
    # An enumeration may gain enumerators at its end, an options struct fields at its end (its
    # version number and _INIT macro change with them).
    m = re.match(r'typedef (struct|enum) (ntm_\w+) \{(.*)\} \2;$', line)
    if m and (m.group(1) == 'enum' or m.group(2).endswith('_options')):
        kept = line[:-len('} %s;' % m.group(2))].rstrip() + (',' if m.group(1) == 'enum' else ' ')
        return any(n.startswith(kept) for n in new)
    return re.match(r'#define NTM_\w+_OPTIONS_(VERSION|INIT) ', line) is not None
gone = [l for l in old if l not in new and not grown(l)]
added = sorted(new - set(old))
if added:
    print('abi-check: added to ntm.h (compatible):\n  ' + '\n  '.join(added))
if gone:
    print('abi-check: removed or changed in ntm.h (an API break):\n  ' + '\n  '.join(gone))
    sys.exit(1)
PY

if ((status)); then
  echo "abi-check: FAILED — the C API or ABI changed incompatibly. If that is deliberate, bump NTM_C_ABI_VERSION," \
       "run scripts/abi-check.sh --update and give the reason in CHANGELOG.md (docs/versioning.md)." >&2
  exit 1
fi
echo "abi-check: ok — the C ABI of $lib and include/ntm/c/ntm.h match the baseline in abi/"
