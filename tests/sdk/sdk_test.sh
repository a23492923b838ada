#!/usr/bin/env bash
# Usage: sdk_test.sh BUILD_DIR SOURCE_DIR PYTHON WORK_DIR
set -euo pipefail
build=$1 src=$2 py=$3 work=$4
rm -rf "$work"; mkdir -p "$work"
prefix=$work/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in include/dossier/plugin.h include/dossier/model.h bin/dossier \
         lib/pkgconfig/dossier.pc lib/cmake/dossier/dossierConfig.cmake; do
  [ -e "$prefix/$f" ] || fail "installed prefix lacks $f"
done
ls "$prefix"/lib/dossier/plugins/*.so >/dev/null 2>&1 || fail "no built-in plugins installed"

# 1. Out of tree with find_package (the five-line CMakeLists.txt).
cmake -S "$src/samples/plugins/ics" -B "$work/ics-cmake" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" >/dev/null
cmake --build "$work/ics-cmake" >/dev/null
[ -f "$work/ics-cmake/ics.so" ] || fail "find_package build made no ics.so"

# 2. One compiler line with pkg-config.
mkdir -p "$work/ics-pc"
cc -std=c11 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags dossier) \
  "$src/samples/plugins/ics/ics.c" -o "$work/ics-pc/ics.so"

# Plugins must not bind to the engine's symbols.
if nm -D --undefined-only "$work/ics-pc/ics.so" | grep -q ' dossier_'; then
  fail "ics.so references dossier_ symbols"
fi

# 3. The installed CLI lists and uses it; the built-ins come from the prefix.
"$prefix/bin/dossier" plugins --plugin-path "$work/ics-pc" > "$work/plugins.txt"
grep -q 'ics' "$work/plugins.txt" || fail "dossier plugins does not list ics"
grep -q 'md' "$work/plugins.txt" || fail "installed dossier does not find its built-in plugins"
"$prefix/bin/dossier" plugins --check "$work/ics-cmake/ics.so" >/dev/null \
  || fail "plugins --check rejects the example plugin"

export SOURCE_DATE_EPOCH=1700000000
"$prefix/bin/dossier" render "$src/samples" -f ics --plugin-path "$work/ics-cmake" -o "$work/out1"
"$prefix/bin/dossier" render "$src/samples" -f ics --plugin-path "$work/ics-pc" -o "$work/out2"
cmp "$work/out1/events.ics" "$work/out2/events.ics" || fail "the two builds differ in output"
"$prefix/bin/dossier" dump "$src/samples" > "$work/model.json"
# The built-in formats render from the prefix, with the prefix's templates.
"$prefix/bin/dossier" render "$src/samples" -f pdf,xlsx,md -o "$work/builtin"
for f in briefing.pdf participants.xlsx digest.md; do
  [ -s "$work/builtin/$f" ] || fail "installed dossier did not render $f"
done

"$py" - "$work/out1/events.ics" "$work/model.json" <<'PY'
import json, sys
import icalendar
raw = open(sys.argv[1], 'rb').read()
model = json.load(open(sys.argv[2]))
lines = raw.split(b'\r\n')
assert lines[-1] == b'', 'file must end in CRLF'
assert b'\n' not in raw.replace(b'\r\n', b''), 'bare LF found'
for l in lines:
    assert len(l) <= 75, 'line longer than 75 octets: %r' % l
    l.decode('utf-8')  # folding never splits a character
cal = icalendar.Calendar.from_ical(raw)
events = [c for c in cal.walk('VEVENT')]
assert len(events) == len(model['events']), (len(events), len(model['events']))
for ve, ev in zip(events, model['events']):
    assert str(ve['SUMMARY']) == ev['title'], (str(ve['SUMMARY']), ev['title'])
    assert ve['DTSTART'].dt.isoformat() == ev['start']
    assert str(ve['UID']) == ev['id'] + '@dossier'
    assert ve['DTSTAMP'].dt.strftime('%Y%m%dT%H%M%S') == '20231114T221320'
print('ics ok:', len(events), 'events')
PY

# 4. Every C block of docs/PLUGINS.md compiles against the installed SDK.
"$py" - "$src/docs/PLUGINS.md" "$work/blocks" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding='utf-8').read()
os.makedirs(sys.argv[2], exist_ok=True)
blocks = re.findall(r'```c\n(.*?)```', text, re.S)
assert blocks, 'docs/PLUGINS.md has no ```c blocks'
for i, b in enumerate(blocks):
    open(os.path.join(sys.argv[2], 'block%02d.c' % i), 'w').write(b)
print(len(blocks), 'C blocks')
PY
for f in "$work"/blocks/*.c; do
  cc -std=c11 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden \
    $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags dossier) \
    "$f" -o "${f%.c}.so" || fail "docs/PLUGINS.md block $(basename "$f") does not compile"
done
echo "sdk ok"
