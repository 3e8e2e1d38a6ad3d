#!/usr/bin/env bash
# The Debian package, end to end: build it with CPack, inspect its file list and control data,
# validate the desktop entry, the AppStream metainfo, the man page and the systemd unit, install
# it with dpkg, run /usr/bin/pbxvault --version and --help, purge it and check that nothing is
# left behind.
#
#   package-test.sh CPACK BUILD_DIR WORK_DIR VERSION
#
# Exit 0 = passed, 77 = skipped (no dpkg, or not root for the install half), else failed.
# The install half changes the system (dpkg -i / dpkg --purge of "pbxvault"): CTest runs it
# under a RESOURCE_LOCK, and a package left installed by an interrupted run is purged first.
set -euo pipefail

cpack=$1 build=$2 work=$3 version=$4
start=$(date +%s)

step() { printf '\n== %s\n' "$*"; }
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
skip() {
    printf 'SKIPPED: %s\n' "$*"
    exit 77
}

if ! command -v dpkg-deb >/dev/null || ! command -v dpkg >/dev/null; then
    skip "dpkg and dpkg-deb are needed (Debian or Ubuntu)"
fi

# --- build ----------------------------------------------------------------------------------
step "cpack -G DEB"
rm -rf "$work"
mkdir -p "$work"
(cd "$build" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work") ||
    fail "cpack could not build the package"
shopt -s nullglob
debs=("$work"/pbxvault_*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one pbxvault_*.deb in $work, found ${#debs[@]}"
deb=${debs[0]}
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# The AppStream id names the metainfo file; the metainfo itself is checked below.
app_id=$(dpkg-deb -c "$deb" | sed -n 's|.*/usr/share/metainfo/\(.*\)\.metainfo\.xml$|\1|p')
[ -n "$app_id" ] || fail "no AppStream metainfo in the package"
expected_files=(
    /usr/bin/pbxvault
    /usr/lib/systemd/user/pbxvault-daemon.service
    /usr/share/applications/pbxvault.desktop
    "/usr/share/metainfo/$app_id.metainfo.xml"
    /usr/share/icons/hicolor/scalable/apps/pbxvault.svg
    /usr/share/man/man1/pbxvault.1.gz
)
for size in 16 32 48 64 128 256; do
    expected_files+=("/usr/share/icons/hicolor/${size}x${size}/apps/pbxvault.png")
done

# --- file list ------------------------------------------------------------------------------
step "dpkg-deb -c"
dpkg-deb -c "$deb"
# Regular files and links, as absolute paths.
mapfile -t files < <(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }' | sort)
mapfile -t dirs < <(dpkg-deb -c "$deb" | awk '$1 ~ /^d/ { sub(/^\./, "", $6); sub(/\/$/, "", $6); if ($6 != "") print $6 }' | sort -r)
for f in "${files[@]}"; do
    case $f in
    *pbxsim* | *tst_* | *bench_* | *test*) fail "a test program is packaged: $f" ;;
    esac
done
mapfile -t wanted < <(printf '%s\n' "${expected_files[@]}" | sort)
if [ "${files[*]}" != "${wanted[*]}" ]; then
    diff <(printf '%s\n' "${wanted[@]}") <(printf '%s\n' "${files[@]}") || true
    fail "the package's files differ from the expected list (< expected, > packaged)"
fi
echo "file list OK: ${#files[@]} files, no pbxsim, no tests"

# --- control data ---------------------------------------------------------------------------
step "control data"
dpkg-deb -I "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = pbxvault ] || fail "Package is not pbxvault"
pkg_version=$(dpkg-deb -f "$deb" Version)
[ "${pkg_version%-*}" = "$version" ] ||
    fail "package version $pkg_version is not the CMake version $version"
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "Depends is empty"

# Depends must come from the binary: the package of every library it links is in it.
root="$work/root"
dpkg-deb -x "$deb" "$root"
binary="$root/usr/bin/pbxvault"
mapfile -t needed < <(objdump -p "$binary" | awk '$1 == "NEEDED" { print $2 }')
[ ${#needed[@]} -gt 0 ] || fail "objdump found no NEEDED entries in pbxvault"
ldd_out=$(ldd "$binary")
dep_names=" $(printf '%s' "$depends" | sed 's/[,|]/\n/g' | awk '{ print $1 }' | tr '\n' ' ') "
for lib in "${needed[@]}"; do
    path=$(awk -v lib="$lib" '$1 == lib && $2 == "=>" { print $3 }' <<<"$ldd_out")
    [ -n "$path" ] || fail "ldd cannot resolve $lib"
    owner=""
    for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr${path}"; do
        owner=$(dpkg-query -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1) && [ -n "$owner" ] && break
    done
    [ -n "$owner" ] || fail "no installed package owns $path ($lib)"
    case $dep_names in
    *" $owner "*) printf '  %-28s %s\n' "$lib" "$owner" ;;
    *) fail "$lib comes from $owner, which is not in Depends: $depends" ;;
    esac
done
echo "Depends OK: derived from the binary's ${#needed[@]} libraries"

# --- validators -----------------------------------------------------------------------------
step "desktop-file-validate"
desktop-file-validate "$root/usr/share/applications/pbxvault.desktop" ||
    fail "desktop-file-validate rejects the desktop entry"
echo "desktop entry OK"

step "appstreamcli validate --no-net"
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli rejects the metainfo"
grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo's <id> is not $app_id"
grep -q "<launchable type=\"desktop-id\">pbxvault.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch pbxvault.desktop"
grep -q "<release version=\"$version\"" "$metainfo" ||
    fail "the metainfo's release is not $version"

step "icons"
for size in 16 32 48 64 128 256; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/pbxvault.png"
    info=$(file -b "$png")
    [[ $info == "PNG image data, $size x $size,"* ]] || fail "${size}x${size} icon: $info"
done
echo "hicolor PNGs OK: 16 to 256 px, each the size of its directory"

step "man page"
man_page="$root/usr/share/man/man1/pbxvault.1.gz"
gzip -t "$man_page" || fail "the man page is not gzip data"
zcat "$man_page" | grep -q "^\.TH PBXVAULT 1 .*\"PBX Vault $version\"" ||
    fail "the man page does not carry version $version"
if command -v man >/dev/null; then
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
        man --warnings -E UTF-8 -l -Tutf8 -Z "$man_page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "groff warnings in the man page: $warnings"
    man_text=$(MANWIDTH=200 man -l "$man_page" 2>/dev/null | col -b)
    echo "man page renders without warnings"
else
    man_text=$(zcat "$man_page" | sed 's/\\-/-/g')
    echo "man is not installed: rendering not checked"
fi

step "systemd user unit"
unit="$root/usr/lib/systemd/user/pbxvault-daemon.service"
cat "$unit"
grep -qx 'ExecStart=/usr/bin/pbxvault daemon' "$unit" || fail "ExecStart is not /usr/bin/pbxvault daemon"

# --- install, run, purge ------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || skip "installing the package needs root (everything before this passed)"
export DEBIAN_FRONTEND=noninteractive

# dpkg's state of pbxvault: empty or "... not-installed" when it is not there at all.
dpkg_state() { dpkg-query -W -f='${Status}' pbxvault 2>/dev/null || true; }
state=$(dpkg_state)
if [ -n "$state" ] && [[ $state != *not-installed ]]; then
    echo "pbxvault is on this system already ($state; an interrupted run?): purging it first"
    dpkg --purge pbxvault
fi
for f in "${files[@]}"; do
    [ ! -e "$f" ] || fail "$f exists before installing: another copy of pbxvault is installed"
done
# The package's directories that exist now; the others must be gone after the purge.
absent_dirs=()
for d in "${dirs[@]}"; do
    [ -d "$d" ] || absent_dirs+=("$d")
done

installed=0
cleanup() {
    if [ "$installed" -eq 1 ]; then
        echo "cleaning up: dpkg --purge pbxvault"
        dpkg --purge pbxvault >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

step "dpkg -i"
installed=1
if ! dpkg -i "$deb"; then
    fail "dpkg -i failed; missing dependencies belong in deps.sh (Depends: $depends)"
fi
dpkg-query -W -f='${Status}\n' pbxvault | grep -qx "install ok installed" ||
    fail "pbxvault is not in state 'install ok installed'"
for f in "${files[@]}"; do
    [ -e "$f" ] || fail "$f is missing after installing"
done

step "/usr/bin/pbxvault --version"
export QT_QPA_PLATFORM=offscreen
home=$(mktemp -d)
out=$(HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    /usr/bin/pbxvault --version 2>&1) || fail "pbxvault --version failed: $out"
echo "$out"
[ "$out" = "pbxvault $version" ] || fail "--version says '$out', expected 'pbxvault $version'"

step "/usr/bin/pbxvault --help"
help=$(HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    /usr/bin/pbxvault --help 2>&1) || fail "pbxvault --help failed: $help"
echo "$help"
rm -rf "$home"
grep -q "^Usage: /usr/bin/pbxvault" <<<"$help" || fail "--help has no usage line"
# Every option of --help is documented in the man page.
mapfile -t options < <(grep -oE -- '--[a-z][a-z-]+' <<<"$help" | sort -u)
[ ${#options[@]} -gt 10 ] || fail "--help lists only ${#options[@]} options"
for option in "${options[@]}"; do
    grep -qF -- "$option" <<<"$man_text" || fail "the man page does not document $option"
done
echo "every option of --help is in the man page"

if command -v man >/dev/null; then
    [ "$(man -w pbxvault)" = /usr/share/man/man1/pbxvault.1.gz ] || fail "man -w pbxvault"
fi
if command -v systemd-analyze >/dev/null; then
    # Offline check of the unit's syntax and of its ExecStart (it runs without a user manager).
    systemd-analyze verify /usr/lib/systemd/user/pbxvault-daemon.service ||
        fail "systemd-analyze verify rejects the unit"
    echo "systemd-analyze verify: unit OK"
fi

step "dpkg --purge"
dpkg --purge pbxvault
installed=0
state=$(dpkg_state)
[ -z "$state" ] || [[ $state == *not-installed ]] || fail "dpkg still has pbxvault: $state"
for f in "${files[@]}"; do
    if [ -e "$f" ] || [ -L "$f" ]; then
        fail "left behind after the purge: $f"
    fi
done
for d in "${absent_dirs[@]}"; do
    [ ! -e "$d" ] || fail "directory left behind after the purge: $d"
done
echo "nothing left behind (${#files[@]} files, ${#absent_dirs[@]} directories the package created)"

printf '\npackage test passed in %ss\n' "$(($(date +%s) - start))"
