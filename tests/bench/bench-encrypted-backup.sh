#!/usr/bin/env bash
# Encrypted 512 MiB backup through the pipeline vs the same call with curl (section 1 of
# tests/bench/run-benchmarks.sh, plus `key init` before the backup).
set -euo pipefail
bin=$1; size=${2:-$((512 * 1024 * 1024))}
work=$(mktemp -d "${TMPDIR:-/tmp}/pbxvault-bench.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
password='bench-password'
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
fingerprint=$(openssl x509 -in "$work/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d :)
mkdir -p "$work/big"; mkfifo "$work/big.fifo"
"$bin/pbxsim" --listen 127.0.0.1:0 --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" \
    --data-dir "$work/big" --user "default:admin:$password" --backup-size "$size" >"$work/big.fifo" &
pids+=($!)
exec {fd}<"$work/big.fifo"; read -r -t 30 -u "$fd" line; url=${line#pbxsim listening on }
now_ms() { date +%s%3N; }
data="$work/data"
printf '%s\n' "$password" | "$bin/pbxvault" --data-dir "$data" pbx add big --url "$url" \
    --user admin --password-stdin --trust-fingerprint "$fingerprint" >/dev/null
[ -n "${NOKEY:-}" ] || "$bin/pbxvault" --data-dir "$data" key init >/dev/null 2>&1
vault_backup() {
    local t0 t1
    t0=$(now_ms)
    QT_LOGGING_RULES='pbxvault.pbx.debug=true' /usr/bin/time -f '%M' -o "$work/rss" \
        "$bin/pbxvault" --data-dir "$data" backup big >/dev/null 2>"$work/vault.log"
    t1=$(now_ms)
    vault_ms=$((t1 - t0)); vault_rss_kib=$(tail -n1 "$work/rss")
    # The create call alone (request sent to last byte stored), comparable with curl's time.
    vault_call_ms=$(sed -n 's|.*create/.* done: 200 .* bytes in \([0-9]*\) ms.*|\1|p' "$work/vault.log" | tail -n1)
    # From the answer's status line to the last byte stored: the transfer, without the time
    # pbxsim takes to write the backup before it answers (which depends on the order).
    vault_answer_ms=$(sed -n 's|.*create/.* done: 200 .* answer after \([0-9]*\) ms.*|\1|p' "$work/vault.log" | tail -n1)
    vault_transfer_ms=$(( ${vault_call_ms:-0} - ${vault_answer_ms:-0} ))
}
curl_backup() {
    local salt digest_password nonce created digest header t0 t1
    salt=$(curl -sk "$url/rest/salt/default" | sed -E 's/.*"salt" *: *"([^"]*)".*/\1/')
    digest_password=$(printf '%s' "$password{$salt}" | openssl dgst -sha256 -r | cut -d' ' -f1)
    nonce=$(openssl rand -hex 16)
    created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    digest=$(printf '%s' "$nonce${digest_password}admindefault$created" | openssl dgst -sha256 -binary | base64)
    header="X-authenticate: RestApiUsernameToken Username=\"admin\", Domain=\"default\", Digest=\"$digest\", Nonce=\"$nonce\", Created=\"$created\""
    t0=$(now_ms)
    read -r code ttfb < <(curl -sk -o "$work/curl.bak" -w '%{http_code} %{time_starttransfer}\n' -X POST -H "$header" \
        -H 'Content-Type: application/json' \
        --data "{\"backup\":{\"filename\":\"curl-bench-$round.bak\",\"comment\":\"\"}}" "$url/rest/backup/create/4.9.4")
    t1=$(now_ms); curl_ms=$((t1 - t0))
    curl_transfer_ms=$(awk -v total="$curl_ms" -v first="$ttfb" 'BEGIN { printf "%d", total - first * 1000 }')
    # pbxvault syncs a backup before it calls it stored; curl leaves 512 MiB of dirty pages that
    # whatever runs next pays for. Both figures are printed.
    sync "$work/curl.bak"; t2=$(now_ms); curl_sync_ms=$((t2 - t0)); rm -f "$work/curl.bak"
}
# Which goes first in a round matters on a small machine (the page cache still writing the
# previous 512 MiB back): CURL_FIRST=1 runs curl first, ALTERNATE=1 switches every round.
# ROUNDS=N (default 2) repeats; from round 2 on the backup is also compared with the previous
# one, unless FRESH=1 deletes each backup before the next round (every round a first backup).
# The medians of the rounds are printed last.
rounds=${ROUNDS:-2}
ratios=(); sync_ratios=(); vault_times=(); curl_times=(); curl_sync_times=(); rss_max=0
transfer_ratios=(); vault_transfers=(); curl_transfers=()
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for round in $(seq 1 "$rounds"); do
curl_first=${CURL_FIRST:-}
if [ -n "${ALTERNATE:-}" ] && [ $((round % 2)) -eq 0 ]; then
    if [ -n "$curl_first" ]; then curl_first=; else curl_first=1; fi
fi
# Each client starts on a clean page cache (sync, untimed): otherwise it pays for writing back
# what ran before it (the other client's 512 MiB, pbxsim's previous backup). NOSETTLE=1 skips.
settle() { [ -n "${NOSETTLE:-}" ] || sync; }
if [ -n "$curl_first" ]; then settle; curl_backup; settle; vault_backup
else settle; vault_backup; settle; curl_backup; fi
f=$(ls -t $(find "$data/backups" -name '*.bak') | head -1)
head -c 7 "$f"; echo " <- first bytes of the stored file ($(stat -c %s "$f") bytes)"
echo "round $round${curl_first:+ (curl first)}: encrypted pbxvault backup ${vault_ms} ms (its create call ${vault_call_ms:-?} ms), peak RSS $((vault_rss_kib / 1024)) MiB; curl ${curl_ms} ms (HTTP $code, first byte after ${ttfb} s), curl + sync ${curl_sync_ms} ms"
ratio=$(awk -v a="$vault_ms" -v b="$curl_ms" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')
sync_ratio=$(awk -v a="$vault_ms" -v b="$curl_sync_ms" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')
transfer_ratio=$(awk -v a="$vault_transfer_ms" -v b="$curl_transfer_ms" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')
echo "ratio pbxvault/curl: $ratio; pbxvault/(curl + sync): $sync_ratio; transfer alone (answer to last byte stored): pbxvault ${vault_transfer_ms} ms, curl ${curl_transfer_ms} ms, ratio $transfer_ratio"
transfer_ratios+=("$transfer_ratio"); vault_transfers+=("$vault_transfer_ms"); curl_transfers+=("$curl_transfer_ms")
ratios+=("$ratio"); sync_ratios+=("$sync_ratio"); vault_times+=("$vault_ms"); curl_times+=("$curl_ms"); curl_sync_times+=("$curl_sync_ms")
[ "$vault_rss_kib" -gt "$rss_max" ] && rss_max=$vault_rss_kib
if [ -n "${FRESH:-}" ]; then
    for id in $("$bin/pbxvault" --data-dir "$data" backups --json | grep -o '"id": *[0-9]*' | grep -o '[0-9]*$'); do
        "$bin/pbxvault" --data-dir "$data" delete "$id" >/dev/null
    done
else
    t0=$(now_ms); "$bin/pbxvault" --data-dir "$data" verify --all >/dev/null; t1=$(now_ms)
    echo "verify --all (decrypt + full archive read of $round backup(s)): $((t1 - t0)) ms"
fi
done
echo "median of $rounds rounds: pbxvault $(median "${vault_times[@]}") ms, curl $(median "${curl_times[@]}") ms (ratio $(median "${ratios[@]}")), curl + sync $(median "${curl_sync_times[@]}") ms (ratio $(median "${sync_ratios[@]}")); transfer alone: pbxvault $(median "${vault_transfers[@]}") ms, curl $(median "${curl_transfers[@]}") ms (ratio $(median "${transfer_ratios[@]}")); peak RSS $((rss_max / 1024)) MiB"
