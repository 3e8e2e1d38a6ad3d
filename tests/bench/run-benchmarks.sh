#!/usr/bin/env bash
# PBX Vault benchmarks. Prints figures; the targets are checked by reading them, not asserted.
#   run-benchmarks.sh [--quick] BIN_DIR
# Needs a D-Bus session with an unlocked keychain (wrap it in tests/with-keyring.sh).
# The fleet benchmark (1,000 PBXs, daemons sharing a PostgreSQL catalog) is bench-fleet.sh.
set -euo pipefail
quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
bin=$(cd "${1:?usage: run-benchmarks.sh [--quick] BIN_DIR}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pbxvault-bench.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ $quick = 1 ]; then size=$((8 * 1024 * 1024)); sims=4; rows=2000
else size=$((512 * 1024 * 1024)); sims=16; rows=100000; fi
password='bench-password'

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
fingerprint=$(openssl x509 -in "$work/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d :)

# start_sim NAME ARGS... -> sets sim_url once pbxsim has printed its listening line
start_sim() {
    local name=$1; shift
    mkdir -p "$work/$name"
    mkfifo "$work/$name.fifo"
    "$bin/pbxsim" --listen 127.0.0.1:0 --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" \
        --data-dir "$work/$name" --user "default:admin:$password" "$@" >"$work/$name.fifo" &
    pids+=($!)
    local line fd
    exec {fd}<"$work/$name.fifo" # stays open so pbxsim never writes into a closed pipe
    read -r -t 30 -u "$fd" line
    sim_url=${line#pbxsim listening on }
}

now_ms() { date +%s%3N; }

echo "== 1. back up a $((size / 1024 / 1024)) MiB backup over HTTPS"
start_sim big --backup-size "$size"; url=$sim_url
data="$work/data-big"
printf '%s\n' "$password" | "$bin/pbxvault" --data-dir "$data" pbx add big --url "$url" \
    --user admin --password-stdin --trust-fingerprint "$fingerprint" >/dev/null
t0=$(now_ms)
/usr/bin/time -f '%M' -o "$work/rss" "$bin/pbxvault" --data-dir "$data" backup big >/dev/null
t1=$(now_ms)
vault_ms=$((t1 - t0)); vault_rss_kib=$(tail -n1 "$work/rss")

# The same call with curl: create the same backup, body to a file, with a valid header.
salt=$(curl -sk "$url/rest/salt/default" | sed -E 's/.*"salt" *: *"([^"]*)".*/\1/')
digest_password=$(printf '%s' "$password{$salt}" | openssl dgst -sha256 -r | cut -d' ' -f1)
nonce=$(openssl rand -hex 16)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
digest=$(printf '%s' "$nonce${digest_password}admindefault$created" | openssl dgst -sha256 -binary | base64)
header="X-authenticate: RestApiUsernameToken Username=\"admin\", Domain=\"default\", Digest=\"$digest\", Nonce=\"$nonce\", Created=\"$created\""
t0=$(now_ms)
code=$(curl -sk -o "$work/curl.bak" -w '%{http_code}' -X POST -H "$header" \
    -H 'Content-Type: application/json' \
    --data '{"backup":{"filename":"curl-bench.bak","comment":""}}' "$url/rest/backup/create/4.9.4")
t1=$(now_ms)
curl_ms=$((t1 - t0))
[ "$code" = 200 ] || { echo "curl got HTTP $code"; exit 1; }
echo "pbxvault backup: ${vault_ms} ms, peak RSS $((vault_rss_kib / 1024)) MiB (target <= 64 MiB)"
echo "curl, same call:  ${curl_ms} ms"
awk -v a="$vault_ms" -v b="$curl_ms" 'BEGIN { printf "ratio pbxvault/curl: %.2f (target <= 1.25)\n", a / (b > 0 ? b : 1) }'
rm -f "$work/curl.bak"; rm -rf "$data/backups" "$work/big"

echo "== 2. backup --all over $sims PBXs answering after 1 s"
data="$work/data-all"
for i in $(seq 1 "$sims"); do
    start_sim "slow$i" --fault delay-ms=1000; u=$sim_url
    printf '%s\n' "$password" | "$bin/pbxvault" --data-dir "$data" pbx add "slow$i" --url "$u" \
        --user admin --password-stdin --trust-fingerprint "$fingerprint" >/dev/null
done
t0=$(now_ms); "$bin/pbxvault" --data-dir "$data" backup --all --jobs 1 >/dev/null; t1=$(now_ms)
one=$((t1 - t0))
t0=$(now_ms); "$bin/pbxvault" --data-dir "$data" backup --all --jobs 4 >/dev/null; t1=$(now_ms)
four=$((t1 - t0))
echo "--jobs 1: ${one} ms; --jobs 4: ${four} ms"
awk -v a="$four" -v b="$one" 'BEGIN { printf "ratio jobs4/jobs1: %.2f (target <= 0.35)\n", a / b }'

echo "== 3. backups --json over $rows catalog rows"
data="$work/data-rows"
"$bin/bench_fill_catalog" "$data" "$rows"
t0=$(now_ms)
"$bin/pbxvault" --data-dir "$data" --json backups >"$work/rows.json"
t1=$(now_ms)
count=$(grep -c '"sha256"' "$work/rows.json")
echo "backups --json: $((t1 - t0)) ms for $count rows (target <= 1000 ms at 100000)"
[ "$count" = "$rows" ]

echo "== 4. diff of two $([ $quick = 1 ] && echo 64 || echo 1024) MiB archives"
# Exits 1 (failing this script) when the peak RSS reaches 64 MiB or the diff is wrong.
TMPDIR="$work" "$bin/bench_diff" "$([ $quick = 1 ] && echo 64 || echo 1024)"
