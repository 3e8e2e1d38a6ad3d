#!/usr/bin/env bash
# Fails unless the Italian translation is complete and up to date:
#   - the .ts has no unfinished, obsolete or vanished entries;
#   - lrelease compiles it with 0 unfinished and 0 untranslated messages;
#   - lupdate over app/ and ui/ would not change it (no missing or stale entries).
# Usage: check-complete.sh LRELEASE LUPDATE TS_FILE SOURCE_ROOT
set -euo pipefail
lrelease=$1 lupdate=$2 ts=$3 root=$4
fail=0
say() { printf '%s\n' "$*" >&2; }

for kind in unfinished obsolete vanished; do
    n=$(grep -c "type=\"$kind\"" "$ts" || true)
    if [ "$n" != 0 ]; then
        say "FAIL: $ts has $n $kind entr(y/ies):"
        grep -n -B2 "type=\"$kind\"" "$ts" | grep '<source>' | head -20 >&2 || true
        fail=1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pbxvault-ts.XXXXXX")
trap 'rm -rf "$work"' EXIT

out=$("$lrelease" "$ts" -qm "$work/check.qm" 2>&1)
printf '%s\n' "$out"
if ! grep -Eq 'Generated [0-9]+ translation\(s\) \([0-9]+ finished and 0 unfinished\)' <<<"$out"; then
    say "FAIL: lrelease reports unfinished translations."
    fail=1
fi
if grep -Eq 'Ignored [1-9][0-9]* untranslated' <<<"$out"; then
    say "FAIL: lrelease ignored untranslated source texts."
    fail=1
fi

# Same options as the update_translations target (translations/CMakeLists.txt).
cp "$ts" "$work/current.ts"
(cd "$root" && "$lupdate" -no-obsolete -locations none -extensions cpp,h app ui \
    -ts "$work/current.ts") >"$work/lupdate.log" 2>&1 || { cat "$work/lupdate.log" >&2; exit 1; }
grep 'Found' "$work/lupdate.log" || true
if ! cmp -s "$ts" "$work/current.ts"; then
    say "FAIL: $ts is out of date with the sources; run"
    say "      cmake --build build --target update_translations"
    say "  and translate the new entries. Differences:"
    diff -u "$ts" "$work/current.ts" | head -40 >&2 || true
    fail=1
fi

[ "$fail" = 0 ] && echo "Translation complete: $ts"
exit "$fail"
