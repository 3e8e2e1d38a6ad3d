#!/usr/bin/env bash
# Fleet benchmark (issue 13): N simulated PBXs (one pbxsim --fleet), D `pbxvault daemon`s sharing
# one PostgreSQL catalog (each its own data dir), J concurrent jobs each, optionally one daemon SIGKILLed
# when half the fleet has a backup. Prints figures and PASS/FAIL per target; exits 0 unless the
# harness itself broke (then 1; 2 for bad arguments) or, with --strict, a run was doubled or lost
# (then 3; the wall time is never asserted).
#   bench-fleet.sh BIN_DIR [--pbxs N] [--daemons D] [--jobs J] [--delay-ms MS] [--kill|--no-kill]
#                  [--shared-data-dir] [--settle SECS] [--stall SECS] [--strict]
#   defaults: 1000 PBXs, 4 daemons x 8 jobs, 1000 ms of server delay, with the kill.
#   quick:    bench-fleet.sh BIN_DIR --pbxs 40 --daemons 2 --jobs 4 --delay-ms 200
# Needs the PostgreSQL server binaries and psql (Debian: postgresql) and a D-Bus session with an
# unlocked keychain: run it under tests/with-keyring.sh. PBXVAULT_KEEP_BENCH_DIR=1 keeps the
# temporary directory (daemon logs, pbxsim data) and says where it is.
#
# Data dirs: each daemon has its own, as each member's machine of a team has (settings, the
# scheduler lock, the local store); only the catalog is shared. One data dir for all daemons
# (--shared-data-dir) is the other setup a store on a shared mount suggests, but the data dir's
# scheduler.lock lets one process schedule it and keeps the others on standby (they take over
# when it dies): that measures one daemon at work, not D.
#
# Counting: a PBX is covered once it has a backup; a double run is a PBX with more than one
# successful backup job (all PBXs get the same schedule with exactly one slot due, so one backup
# each is right); PBXs with more than one job of any outcome (e.g. one refused because another
# daemon held the PBX) are counted apart. After the last PBX is covered the daemons keep running until no backup
# job has started for --settle seconds, so runs a daemon still had queued are counted too.
set -euo pipefail

usage() {
    sed -n 's/^#   //p' "$0" >&2
    exit 2
}
[ $# -ge 1 ] || usage
bin=$(cd "$1" && pwd) || usage
shift
pbxs=1000 daemons=4 jobs=8 delay_ms=1000 kill_one=1 settle=15 stall=120 shared_data=0 strict=0
while [ $# -gt 0 ]; do
    case $1 in
    --pbxs) pbxs=${2:?}; shift 2 ;;
    --daemons) daemons=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    --delay-ms) delay_ms=${2:?}; shift 2 ;;
    --kill) kill_one=1; shift ;;
    --no-kill) kill_one=0; shift ;;
    --shared-data-dir) shared_data=1; shift ;;
    --strict) strict=1; shift ;;
    --settle) settle=${2:?}; shift 2 ;;
    --stall) stall=${2:?}; shift 2 ;;
    *) usage ;;
    esac
done
for n in "$pbxs" "$daemons" "$jobs" "$delay_ms" "$settle" "$stall"; do
    [[ $n =~ ^[0-9]+$ ]] || usage
done
[ "$pbxs" -ge 2 ] && [ "$daemons" -ge 1 ] && [ "$jobs" -ge 1 ] && [ "$jobs" -le 8 ] || {
    echo "bench-fleet.sh: needs --pbxs >= 2, --daemons >= 1 and --jobs 1..8 (the settings' range)" >&2
    exit 2
}
for tool in pbxvault pbxsim bench_fleet_register; do
    [ -x "$bin/$tool" ] || { echo "bench-fleet.sh: $bin/$tool is missing (build it)" >&2; exit 1; }
done

# The newest PostgreSQL server binaries, as tests/support/PgServer finds them.
pg_bin=${PBXVAULT_PG_BINDIR:-}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    pg_bin=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
fi
[ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/psql" ] || {
    echo "bench-fleet.sh: PostgreSQL server binaries not found (Debian: apt-get install postgresql)" >&2
    exit 1
}
for v in $(env | sed -n 's/^\(PG[A-Z_]*\)=.*/\1/p'); do unset "$v"; done # the developer's own
# Every process schedules in one zone: the daily slot is written and read the same way.
export TZ=UTC LC_ALL=C

work=$(mktemp -d "${TMPDIR:-/tmp}/pbxvault-fleet.XXXXXX")
# PostgreSQL's folder: a short path (the socket's name must fit a sockaddr_un) that, as root,
# the unprivileged server user can enter whatever TMPDIR is.
pg_dir=$(mktemp -d /tmp/pbxvault-fleetpg.XXXXXX)
pg_user=
if [ "$(id -u)" = 0 ]; then
    pg_user=$(getent passwd postgres >/dev/null && echo postgres || echo nobody)
    chmod 711 "$pg_dir"
fi
pids=()
daemon_pids=()
pg_started=0
cleanup() {
    local p
    for p in "${daemon_pids[@]}" "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ $pg_started = 1 ] && pg_run "$pg_bin/pg_ctl" stop -D "$pg_dir/data" -m immediate -w >/dev/null 2>&1
    rm -rf "$pg_dir"
    if [ -n "${PBXVAULT_KEEP_BENCH_DIR:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
pg_run() { # runs a server tool, as the unprivileged user when we are root
    if [ -n "$pg_user" ]; then (cd "$pg_dir" && runuser -u "$pg_user" -- "$@"); else (cd "$pg_dir" && "$@"); fi
}
phase() { echo "== $*"; phase_t0=$(now_ms); }
phase_done() { echo "   ($(secs $(($(now_ms) - phase_t0))) s)"; }

phase "PostgreSQL: initdb and a server on a Unix socket"
mkdir -m 700 "$pg_dir/data" "$pg_dir/sock"
[ -n "$pg_user" ] && chown "$pg_user" "$pg_dir/data" "$pg_dir/sock"
pg_run "$pg_bin/initdb" -D "$pg_dir/data" -U pbxvault --auth=trust --no-locale -E UTF8 --no-sync \
    >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
pg_port=$((20000 + RANDOM % 40000)) # names the socket in our own folder; no TCP listener
pg_run "$pg_bin/pg_ctl" start -w -t 120 -D "$pg_dir/data" -l "$pg_dir/data/server.log" \
    -o "-k $pg_dir/sock -p $pg_port -c listen_addresses='' -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$pg_dir/data/server.log"; exit 1; }
pg_started=1
"$pg_bin/createdb" -h "$pg_dir/sock" -p "$pg_port" -U pbxvault fleet
sql() { "$pg_bin/psql" -h "$pg_dir/sock" -p "$pg_port" -U pbxvault -d fleet -XAtq -F ' ' -c "$1"; }
catalog="postgresql:///fleet?host=$pg_dir/sock&port=$pg_port&user=pbxvault"
data="$work/data-cli" # the operator's: pbx add and the single backups
phase_done

phase "pbxsim: a fleet of $pbxs PBXs (+3 unscheduled for the single backup), ${delay_ms} ms delay"
fleet_size=$((pbxs + 3))
"$bin/pbxsim" --fleet "$fleet_size" --fleet-manifest "$work/fleet.json" --listen 127.0.0.1:0 \
    --data-dir "$work/fleet" --fleet-shared-cert --fault "delay-ms=$delay_ms" \
    >"$work/pbxsim.out" 2>"$work/pbxsim.err" &
sim_pid=$!
pids+=("$sim_pid")
deadline=$(($(date +%s) + 300))
until grep -q '^pbxsim fleet ready' "$work/pbxsim.out" 2>/dev/null; do
    kill -0 "$sim_pid" 2>/dev/null || { cat "$work/pbxsim.err"; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "pbxsim not ready in 300 s"; exit 1; }
    sleep 0.2
done
sed 's/^/   /' "$work/pbxsim.out"
phase_done

phase "register $pbxs PBXs (catalog rows, keychain passwords, schedule)"
# The PBX name and password of manifest entry i (1-based), for the CLI.
manifest_field() {
    if command -v jq >/dev/null; then
        jq -r --argjson i "$1" --arg f "$2" '.pbxs[$i - 1][$f]' "$work/fleet.json"
    else
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pbxs"][int(sys.argv[2])-1][sys.argv[3]])' \
            "$work/fleet.json" "$1" "$2"
    fi
}
"$bin/bench_fleet_register" "$catalog" "$work/fleet.json" "$pbxs" | sed 's/^/   /'
phase_done
# The three extra PBXs through the CLI, one process each, as an operator would add them.
add_ms=()
singles=()
for i in 1 2 3; do
    n=$((pbxs + i))
    name=$(manifest_field "$n" name)
    t0=$(now_ms)
    manifest_field "$n" password | "$bin/pbxvault" --catalog "$catalog" --data-dir "$data" \
        pbx add "$name" --url "$(manifest_field "$n" url)" --user admin --password-stdin \
        --trust-fingerprint "$(manifest_field "$n" fingerprint)" >/dev/null
    add_ms+=($(($(now_ms) - t0)))
    singles+=("$name")
done
add_median=$(printf '%s\n' "${add_ms[@]}" | sort -n | sed -n 2p)
echo "   pbx add: ${add_ms[*]} ms (median $add_median ms, includes reading the manifest);" \
    "$pbxs of them would take ~$(secs $((add_median * pbxs))) s"

phase "single backup: pbxvault backup, 3 PBXs outside the schedule"
single_ms=()
for name in "${singles[@]}"; do
    t0=$(now_ms)
    "$bin/pbxvault" --catalog "$catalog" --data-dir "$data" --quiet backup "$name" >/dev/null
    single_ms+=($(($(now_ms) - t0)))
done
single=$(printf '%s\n' "${single_ms[@]}" | sort -n | sed -n 2p)
echo "   ${single_ms[*]} ms, median $single ms"
phase_done

# The fleet's PBXs: the scheduled ones (the three singles have no schedule).
fleet_where="p.schedule <> ''"
covered_sql="SELECT count(DISTINCT b.pbx_id) FROM backups b JOIN pbxs p ON p.id = b.pbx_id WHERE $fleet_where"
started_sql="SELECT count(*) FROM jobs j JOIN pbxs p ON p.id = j.pbx_id WHERE j.kind = 'backup' AND $fleet_where"

phase "$daemons daemons x $jobs jobs, one catalog, $([ $shared_data = 1 ] && echo "one shared data dir" || echo "a data dir each")$([ $kill_one = 1 ] && echo ", daemon 1 killed at $((pbxs / 2)) PBXs")"
daemon_data() { if [ $shared_data = 1 ]; then echo "$work/data-daemons"; else echo "$work/data-daemon-$1"; fi; }
for d in $(seq 1 "$daemons"); do
    mkdir -p "$(daemon_data "$d")"
    chmod 700 "$(daemon_data "$d")"
    printf '[jobs]\nconcurrent=%d\n' "$jobs" >"$(daemon_data "$d")/settings.ini"
done
rss_of() { # "VmRSS/VmHWM" in MiB of a live process
    awk '/^VmRSS/ { r = $2 } /^VmHWM/ { h = $2 } END { printf "%d/%d MiB", r / 1024, h / 1024 }' \
        "/proc/$1/status" 2>/dev/null || echo "gone"
}
declare -A rss
start_ms=$(now_ms)
for d in $(seq 1 "$daemons"); do
    "$bin/pbxvault" --catalog "$catalog" --data-dir "$(daemon_data "$d")" daemon 2>"$work/daemon-$d.log" &
    daemon_pids+=($!)
done
killed_at='' covered=0 started=0 cover_ms='' last_change_ms=$start_ms last_started_ms=$start_ms
prev_covered=-1 prev_started=-1 stalled=0
while :; do
    read -r covered started < <(sql "SELECT ($covered_sql), ($started_sql)")
    t=$(now_ms)
    if [ "$covered" != "$prev_covered" ] || [ "$started" != "$prev_started" ]; then
        last_change_ms=$t
        [ "$started" != "$prev_started" ] && last_started_ms=$t
        prev_covered=$covered prev_started=$started
    fi
    for d in $(seq 1 "$daemons"); do
        p=${daemon_pids[$((d - 1))]}
        if [ -z "${rss[$d]:-}" ] && ! kill -0 "$p" 2>/dev/null; then
            echo "   daemon $d (pid $p) exited on its own:"
            tail -n 5 "$work/daemon-$d.log" | sed 's/^/     /'
            rss[$d]="exited"
        fi
    done
    if [ $kill_one = 1 ] && [ -z "$killed_at" ] && [ "$covered" -ge $((pbxs / 2)) ]; then
        rss[1]="$(rss_of "${daemon_pids[0]}") (at the kill)"
        kill -KILL "${daemon_pids[0]}"
        wait "${daemon_pids[0]}" 2>/dev/null || true # reaped here, without bash's "Killed" line
        killed_at=$covered
        echo "   SIGKILL daemon 1 after $(secs $((t - start_ms))) s, $covered PBXs covered, $started jobs started"
    fi
    if [ -z "$cover_ms" ] && [ "$covered" -ge "$pbxs" ]; then
        cover_ms=$t
        echo "   every PBX covered after $(secs $((t - start_ms))) s ($started jobs started);" \
            "settling until no job starts for $settle s"
    fi
    [ -n "$cover_ms" ] && [ $((t - last_started_ms)) -ge $((settle * 1000)) ] && break
    if [ -z "$cover_ms" ] && [ $((t - last_change_ms)) -ge $((stall * 1000)) ]; then
        stalled=1
        echo "   no progress for $stall s: $covered of $pbxs PBXs covered, $started jobs started"
        break
    fi
    sleep 0.5
done
end_ms=$(now_ms)
phase_done

phase "stop the daemons (SIGTERM; they finish running jobs)"
for d in $(seq 1 "$daemons"); do
    p=${daemon_pids[$((d - 1))]}
    [ -n "${rss[$d]:-}" ] && continue
    rss[$d]=$(rss_of "$p")
    kill -TERM "$p" 2>/dev/null || true
done
for d in $(seq 1 "$daemons"); do
    p=${daemon_pids[$((d - 1))]}
    deadline=$(($(date +%s) + 200)) # the daemon's own grace is 2 minutes
    while kill -0 "$p" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$p" 2>/dev/null; then
        echo "   daemon $d did not stop in 200 s; SIGKILL"
        kill -KILL "$p"
    fi
    wait "$p" 2>/dev/null || true
done
phase_done

echo "== figures ($pbxs PBXs, $daemons daemons x $jobs jobs, ${delay_ms} ms delay, kill: $([ $kill_one = 1 ] && echo yes || echo no), data dirs: $([ $shared_data = 1 ] && echo shared || echo one each))"
# Per fleet PBX: backups, backup jobs, successful ones, and when its first backup finished.
sql "SELECT p.id,
            (SELECT count(*) FROM backups b WHERE b.pbx_id = p.id),
            (SELECT count(*) FROM jobs j WHERE j.pbx_id = p.id AND j.kind = 'backup'),
            (SELECT count(*) FROM jobs j WHERE j.pbx_id = p.id AND j.kind = 'backup'
                AND j.outcome IN ('success', 'unchanged')),
            COALESCE((SELECT floor(extract(epoch FROM min(j.finished_at::timestamptz)) * 1000)::bigint
                FROM jobs j WHERE j.pbx_id = p.id AND j.kind = 'backup'
                AND j.outcome IN ('success', 'unchanged')), 0)
     FROM pbxs p WHERE $fleet_where" >"$work/per-pbx.txt"
read -r lost doubled double_backups attempted_twice first_done_ms < <(awk '
    { if ($2 == 0) lost++; if ($4 > 1) doubled++; if ($2 > 1) dbl++; if ($3 > 1) tried++; if ($5 > last) last = $5 }
    END { printf "%d %d %d %d %.0f\n", lost, doubled, dbl, tried, last }' "$work/per-pbx.txt")
read -r total_jobs < <(sql "SELECT count(*) FROM jobs j JOIN pbxs p ON p.id = j.pbx_id WHERE j.kind = 'backup' AND $fleet_where")
read -r last_job_ms < <(sql "SELECT COALESCE(floor(extract(epoch FROM max(j.finished_at::timestamptz)) * 1000)::bigint, 0)
    FROM jobs j JOIN pbxs p ON p.id = j.pbx_id WHERE j.kind = 'backup' AND $fleet_where")
wall_ms=$((first_done_ms > 0 ? first_done_ms - start_ms : end_ms - start_ms))
slots=$(((pbxs + daemons * jobs - 1) / (daemons * jobs)))
target_ms=$(awk -v s="$slots" -v one="$single" 'BEGIN { printf "%d", 1.3 * s * one }')

echo "single backup (median of 3):     $single ms"
echo "wall, daemon start to the last PBX's first backup: $(secs $wall_ms) s" \
    "(target 1.3 x ceil($pbxs/$((daemons * jobs)))=$slots x single = $(secs "$target_ms") s)"
[ "$last_job_ms" -gt 0 ] && echo "wall, daemon start to the last backup job's end:   $(secs $((last_job_ms - start_ms))) s"
echo "throughput:                      $(awk -v n="$pbxs" -v ms="$wall_ms" 'BEGIN { printf "%.1f", n * 1000 / ms }') PBXs/s"
echo "lost (PBXs with 0 backups):      $lost"
echo "double runs (PBXs backed up more than once): $doubled  (>1 backup in the catalog: $double_backups; >1 backup job of any outcome: $attempted_twice)"
echo "backup jobs in the catalog:      $total_jobs for $pbxs PBXs"
echo "jobs by outcome / error kind:"
sql "SELECT j.outcome, NULLIF(j.error_kind, ''), count(*) FROM jobs j JOIN pbxs p ON p.id = j.pbx_id
     WHERE j.kind = 'backup' AND $fleet_where GROUP BY 1, 2 ORDER BY 3 DESC" | sed 's/^/   /'
failures=$(sql "SELECT count(*) FROM jobs j JOIN pbxs p ON p.id = j.pbx_id
     WHERE j.kind = 'backup' AND j.outcome NOT IN ('success', 'unchanged') AND $fleet_where")
echo "failed or unfinished jobs:       $failures"
sql "SELECT j.error FROM jobs j JOIN pbxs p ON p.id = j.pbx_id WHERE j.kind = 'backup'
     AND j.outcome = 'failed' AND $fleet_where GROUP BY 1 ORDER BY count(*) DESC LIMIT 3" |
    cut -c1-160 | sed 's/^/   e.g. /'
echo "jobs by daemon (owner in the catalog):"
sql "SELECT j.owner, count(*) FROM jobs j JOIN pbxs p ON p.id = j.pbx_id WHERE j.kind = 'backup'
     AND $fleet_where GROUP BY 1 ORDER BY 1" | sed 's/^/   /'
for d in $(seq 1 "$daemons"); do
    echo "daemon $d (pid ${daemon_pids[$((d - 1))]}) RSS now/peak: ${rss[$d]}"
done
grep -h 'backup failed\|overdue\|rror' "$work"/daemon-*.log | sed 's/^[^ ]* //' | sort | uniq -c |
    sort -rn | head -n 5 | sed 's/^/   daemon log: /' || true
[ $stalled = 1 ] && echo "(stopped after $stall s without progress)"

verdict() { if [ "$2" = 1 ]; then echo "PASS  $1"; else echo "FAIL  $1"; fi; }
verdict "wall time $(secs $wall_ms) s <= $(secs "$target_ms") s" \
    "$([ "$lost" = 0 ] && [ "$wall_ms" -le "$target_ms" ] && echo 1 || echo 0)"
verdict "double runs: $doubled (target 0)" "$([ "$doubled" = 0 ] && echo 1 || echo 0)"
verdict "lost runs$([ $kill_one = 1 ] && echo " with daemon 1 killed"): $lost (target 0)" \
    "$([ "$lost" = 0 ] && echo 1 || echo 0)"
[ $strict = 1 ] && { [ "$doubled" != 0 ] || [ "$lost" != 0 ]; } && exit 3
exit 0
