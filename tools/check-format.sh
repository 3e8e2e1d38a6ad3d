#!/usr/bin/env bash
# Fails, printing the difference, when a C++ source differs from the layout in .clang-format.
# Run by CTest as format_check (so ./test.sh fails on it); fix with: tools/check-format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
[ "${1:-}" = "--fix" ] && fix=1

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
        'app/*.cpp' 'app/*.h' 'ui/*.cpp' 'ui/*.h' 'tests/*.cpp' 'tests/*.h' 'installer/*.cpp')
else
    mapfile -t files < <(find app ui tests installer -name '*.cpp' -o -name '*.h' | sort)
fi

bad=0
for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    if [ $fix -eq 1 ]; then
        clang-format -i "$f"
    elif ! clang-format "$f" | diff -u --label "$f" --label "$f (clang-format)" "$f" - ; then
        bad=$((bad + 1))
    fi
done
if [ $bad -ne 0 ]; then
    echo "$bad file(s) differ from .clang-format; run tools/check-format.sh --fix" >&2
    exit 1
fi
echo "${#files[@]} files formatted as .clang-format says"
