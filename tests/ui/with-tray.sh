#!/usr/bin/env bash
# Runs a command on a private X server (Xvfb) that has a real system tray: trayer, an XEmbed
# tray host, docked at the top right. A private D-Bus session keeps the desktop's own
# StatusNotifier host (if any) out of the way, so Qt uses the XEmbed tray of this display.
# Usage: with-tray.sh COMMAND [ARGS...]   (the command sees QT_QPA_PLATFORM=xcb)
set -euo pipefail
for tool in xvfb-run Xvfb trayer dbus-run-session; do
    if ! command -v "$tool" >/dev/null; then
        echo "with-tray.sh: $tool is missing (./deps.sh installs it)" >&2
        exit 1
    fi
done
if [ -z "${PBXVAULT_IN_TRAY_SESSION:-}" ]; then
    export PBXVAULT_IN_TRAY_SESSION=1
    # xvfb-run waits for the server to be ready; -a picks a free display number.
    exec dbus-run-session -- xvfb-run -a -s "-screen 0 1024x640x24 -nolisten tcp" "$0" "$@"
fi
log=$(mktemp "${TMPDIR:-/tmp}/pbxvault-trayer.XXXXXX")
trayer --edge top --align right --widthtype request --height 24 --expand false \
    --transparent false --tint 0x404040 --SetDockType true >"$log" 2>&1 &
tray=$!
export QT_QPA_PLATFORM=xcb
set +e
"$@"
rc=$?
set -e
kill "$tray" 2>/dev/null || true
wait "$tray" 2>/dev/null || true
if [ "$rc" -ne 0 ] && [ -s "$log" ]; then
    echo "--- trayer output ---" >&2
    cat "$log" >&2
fi
rm -f "$log"
exit "$rc"
