#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring,
# so keychain code talks to a real Secret Service and never to the user's own.
set -euo pipefail
if [ -z "${PBXVAULT_IN_KEYRING_SESSION:-}" ]; then
    export PBXVAULT_IN_KEYRING_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi
home=$(mktemp -d "${TMPDIR:-/tmp}/pbxvault-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# A (throwaway) password creates and unlocks the "login" collection, which becomes the default
# one; with an empty password no collection is created and every write would need a prompt.
# Output goes to a file: the forked daemon keeps its stdout open, so a pipe would never end.
printf 'pbxvault-test' | gnome-keyring-daemon --unlock --components=secrets \
    >"$home/keyring.env" 2>/dev/null
set -a
. "$home/keyring.env"
set +a
# On a busy machine the forked daemon may not own org.freedesktop.secrets yet when the unlock
# returns. A call to that name then makes D-Bus start a second daemon, with the bus's own
# environment (another HOME, no unlocked collection), which takes the name: every keychain call
# of the test would then fail. NameHasOwner never starts anything: wait (about 60 s at most)
# until our daemon owns the name.
owned=
for _ in $(seq 1 1200); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; then
        owned=1
        break
    fi
    sleep 0.05
done
[ -n "$owned" ] || echo "with-keyring.sh: the keyring daemon did not take its D-Bus name in 60 s" >&2
# The daemon sets the "default" alias of the login collection a moment after it answers: on a
# busy machine the first keychain call could come before it and see no default keyring. Wait
# (bounded, about 30 s) until the alias resolves; say so when it never does.
resolved=
for _ in $(seq 1 600); do
    if dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
        org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null |
        grep -q 'object path "/org/freedesktop/secrets/collection/'; then
        resolved=1
        break
    fi
    sleep 0.05
done
[ -n "$resolved" ] || echo "with-keyring.sh: the keyring's default alias did not resolve in 30 s" >&2
"$@"
