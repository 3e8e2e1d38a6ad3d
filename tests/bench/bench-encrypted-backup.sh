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
    /usr/bin/time -f '%M' -o "$work/rss" "$bin/pbxvault" --data-dir "$data" backup big >/dev/null
    t1=$(now_ms)
    vault_ms=$((t1 - t0)); vault_rss_kib=$(tail -n1 "$work/rss")
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
    code=$(curl -sk -o "$work/curl.bak" -w '%{http_code}' -X POST -H "$header" \
        -H 'Content-Type: application/json' \
        --data "{\"backup\":{\"filename\":\"curl-bench-$round.bak\",\"comment\":\"\"}}" "$url/rest/backup/create/4.9.4")
    t1=$(now_ms); curl_ms=$((t1 - t0)); rm -f "$work/curl.bak"
}
# Which goes first in a round matters on a small machine (the page cache still writing the
# previous 512 MiB back): CURL_FIRST=1 runs curl first.
for round in 1 2; do
if [ -n "${CURL_FIRST:-}" ]; then curl_backup; vault_backup; else vault_backup; curl_backup; fi
f=$(ls -t $(find "$data/backups" -name '*.bak') | head -1)
head -c 7 "$f"; echo " <- first bytes of the stored file ($(stat -c %s "$f") bytes)"
echo "round $round: encrypted pbxvault backup ${vault_ms} ms, peak RSS $((vault_rss_kib / 1024)) MiB; curl ${curl_ms} ms (HTTP $code)"
awk -v a="$vault_ms" -v b="$curl_ms" 'BEGIN { printf "ratio pbxvault/curl: %.2f\n", a / (b > 0 ? b : 1) }'
t0=$(now_ms); "$bin/pbxvault" --data-dir "$data" verify --all >/dev/null; t1=$(now_ms)
echo "verify --all (decrypt + full archive read of $round backup(s)): $((t1 - t0)) ms"
done
