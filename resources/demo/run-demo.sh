#!/usr/bin/env bash
# PBX Vault demo: starts two simulated KalliopePBXs (pbxsim) with self-signed certificates,
# registers them in a separate, throwaway demo data directory with their fingerprints already
# trusted, takes a first backup, and opens the window on it. Everything is removed on exit,
# including the demo passwords from the keychain.
#   run-demo.sh BIN_DIR [pbxvault options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:?usage: run-demo.sh BIN_DIR [pbxvault options...]}" && pwd)
shift

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run-demo: no display. Run it from a desktop session (or set QT_QPA_PLATFORM)." >&2
    exit 1
fi
# Passwords live only in the OS keychain. Without a desktop session (e.g. root on a server
# with an X display forwarded) there is none: use a private, throwaway one.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${PBXVAULT_IN_KEYRING_SESSION:-}" ]; then
    echo "run-demo: no D-Bus session; using a throwaway keychain for the demo." >&2
    exec "$here/../../tests/with-keyring.sh" "$0" "$bin" "$@"
fi

demo=$(mktemp -d "${TMPDIR:-/tmp}/pbxvault-demo.XXXXXX")
data="$demo/data"
password='demo-password'
pids=()
vault() { "$bin/pbxvault" --data-dir "$data" "$@"; }
cleanup() {
    # Removing the PBXs also removes their passwords from the keychain.
    for name in Head-Office Branch; do
        vault pbx remove "$name" --delete-backups >/dev/null 2>&1 || true
    done
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$demo"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_sim NAME FIRMWARE -> sim_url, sim_fingerprint
start_sim() {
    local name=$1 firmware=$2 fd line
    mkdir -p "$demo/$name"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$name.demo.invalid" \
        -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$demo/$name/key.pem" -out "$demo/$name/cert.pem" 2>/dev/null
    mkfifo "$demo/$name.out"
    # 24 MiB backups at 12 MB/s: a transfer long enough to watch its progress bar.
    "$bin/pbxsim" --listen 127.0.0.1:0 --tls-cert "$demo/$name/cert.pem" \
        --tls-key "$demo/$name/key.pem" --data-dir "$demo/$name/pbx" \
        --user "default:admin:$password" --firmware "$firmware" \
        --backup-size $((24 * 1024 * 1024)) --restore-ms 3000 \
        --fault throttle=12000000 >"$demo/$name.out" &
    pids+=($!)
    exec {fd}<"$demo/$name.out" # kept open so pbxsim never writes into a closed pipe
    if ! read -r -t 30 -u "$fd" line; then
        echo "run-demo: pbxsim did not start" >&2
        exit 1
    fi
    sim_url=${line#pbxsim listening on }
    sim_fingerprint=$(openssl x509 -in "$demo/$name/cert.pem" -noout -fingerprint -sha256 |
        cut -d= -f2)
}

register() {
    local name=$1 role=$2 url=$3 fingerprint=$4
    shift 4
    printf '%s\n' "$password" | vault pbx add "$name" --url "$url" --user admin \
        --password-stdin --role "$role" --trust-fingerprint "$fingerprint" "$@" >/dev/null
}

echo "Starting two simulated KalliopePBXs..."
start_sim master 4.9.4
register Head-Office master "$sim_url" "$sim_fingerprint" --schedule '0 * * * *' --keep 10
master_url=$sim_url
start_sim secondary 4.9.4
register Branch secondary "$sim_url" "$sim_fingerprint" --schedule '30 2 * * *' --keep-days 30
echo "Taking a first backup of Head-Office..."
vault backup Head-Office --comment "First demo backup" >/dev/null

cat <<EOF

PBX Vault demo
  Head-Office (master)   $master_url
  Branch (secondary)     $sim_url
  demo data              $data  (removed when the window closes)

Try it: "+" backs up Head-Office; open a backup and press Restore to put it onto Branch;
the Restores view shows the history.

EOF
# Closing the window ends the demo (there is no point keeping a throwaway scheduler in the tray).
vault --no-tray "$@"
