#!/usr/bin/env bash
# CPU profile of Keel under bench/run.sh's load: for the retrieve and the create scenario, a flame graph (HTML) and a
# table of the top frames by self and by total time. Not a test: `mvn verify` never runs it. See bench/README.md.
#
#   mvn -B -q -DskipTests package && bench/profile.sh
#
# The profiler is async-profiler (tools.profiler:async-profiler from Maven Central, fetched into ~/.m2 with
# `mvn dependency:get` when missing); its native library is attached to the running Keel with
# `jcmd PID JVMTI.agent_load` only for the measured wrk run, after a warm-up, so set-up and JIT warm-up are not in it.
#
# Settings (environment):
#   BENCH_DURATION=10s BENCH_WARMUP=40s BENCH_CONNECTIONS=16 BENCH_THREADS=2 BENCH_MNI=1000 BENCH_JAVA_OPTS=
#                          as for bench/run.sh (the same wrk load and Lua script)
#   BENCH_DB=h2            or postgres: Keel on a fresh database at BENCH_PG_URL, created and dropped by the run
#   BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
#   BENCH_PG_VACUUM=1      VACUUM ANALYZE the fresh database after the warm-up (0: not; see bench/db.sh)
#   PROFILE_EVENT=cpu      async-profiler event: cpu, wall, alloc, lock, itimer, ...
#   PROFILE_INTERVAL=1ms   sampling interval for cpu, wall, itimer (async-profiler's default, 10ms, gives too few
#                          samples in 10 s); for other events async-profiler's default unless set
#   PROFILE_SCENARIOS="get post"
#   PROFILE_TOP=25         rows of each top-frames table
#   PROFILE_OUT=target/profile/<UTC time>-<git rev>   results directory (printed at the end)
#   PROFILE_AP_VERSION=4.2 async-profiler version
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
BENCH_FAILED="PROFILE FAILED"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
# shellcheck source=bench/db.sh
. "$BENCH_DIR/db.sh"

bench_load_settings
EVENT=${PROFILE_EVENT:-cpu}
case "$EVENT" in cpu | wall | itimer | ctimer) INTERVAL=${PROFILE_INTERVAL:-1ms} ;; *) INTERVAL=${PROFILE_INTERVAL:-} ;; esac
SCENARIOS=${PROFILE_SCENARIOS:-get post}
TOP=${PROFILE_TOP:-25}
GIT_REV=$(bench_git_rev +uncommitted)
OUT=${PROFILE_OUT:-target/profile/$(date -u +%Y%m%dT%H%M%S)-${GIT_REV%+*}}
HOST=127.0.0.1
LUA="$BENCH_DIR/onem2m.lua"
if [ "$CONNECTIONS" -lt "$THREADS" ]; then THREADS=$CONNECTIONS; fi

TMP=
KEEL_PID=
bench_trap_cleanup

command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; } \
    || die "could not install wrk"
for tool in curl awk "$JAVA"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
[ -f "$WAR_SRC" ] || die "$WAR_SRC is missing: build it with  mvn -B -q -DskipTests package"
bench_unset_keel_env quiet

TMP=$(mktemp -d "${TMPDIR:-/tmp}/keel-profile.XXXXXX")
mkdir -p "$TMP/keel-data" "$TMP/jtmp" "$TMP/req" "$OUT"
OUT=$(cd "$OUT" && pwd)
bench_profiler_init "$TMP" "${PROFILE_AP_VERSION:-4.2}"
cp "$WAR_SRC" "$TMP/keel.war"

# ---------------------------------------------------------------------------------------------------- Keel
bench_db_create
say "== starting Keel ($(bench_db_describe))"
# DebugNonSafepoints: frames attributed to the right inlined method, not to the nearest safepoint.
# shellcheck disable=SC2086
env "${BENCH_DB_ENV[@]}" KEEL_HTTP_HOST=$HOST KEEL_HTTP_PORT=0 KEEL_DATA_DIR="$TMP/keel-data" \
    "$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints $JVM_OPTS -Djava.io.tmpdir="$TMP/jtmp" \
    -jar "$TMP/keel.war" >"$TMP/keel.log" 2>&1 &
KEEL_PID=$!
for _ in $(seq 1 900); do
    grep -q 'Keel is serving http://' "$TMP/keel.log" 2>/dev/null && break
    kill -0 "$KEEL_PID" 2>/dev/null || { tail -n 60 "$TMP/keel.log" >&2; die "Keel exited before it was ready"; }
    sleep 0.2
done
PORT=$(grep -m1 'Keel is serving http://' "$TMP/keel.log" | sed -n 's|.*http://[^:/]*:\([0-9][0-9]*\)/.*|\1|p')
[ -n "$PORT" ] || { tail -n 60 "$TMP/keel.log" >&2; die "Keel was not ready"; }
say "   Keel is serving http://$HOST:$PORT/ (pid $KEEL_PID)"

# m2m NAME EXPECTED METHOD PATH [CONTENT-TYPE BODY]: as bench/run.sh's set-up requests
m2m() {
    local name=$1 expected=$2 method=$3 path=$4 ctype=${5:-} body=${6:-} code
    local args=(-sS -X "$method" "http://$HOST:$PORT$path" -H 'Accept:' -H 'X-M2M-Origin: Cbench'
        -H "X-M2M-RI: profile-$name" -H 'X-M2M-RVI: 3' -o "$TMP/req/$name.b" -w '%{http_code}')
    [ -n "$ctype" ] && args+=(-H "Content-Type: $ctype" --data-binary "$body")
    code=$(curl "${args[@]}") || code="curl-error-$?"
    [ "$code" = "$expected" ] || die "$method $path answered $code, expected $expected: $(cat "$TMP/req/$name.b" 2>/dev/null)"
}
m2m ae 201 POST /cse-in 'application/json;ty=2' '{"m2m:ae":{"rn":"bench","api":"Nbench","rr":false,"srv":["3"]}}'
if [ -n "$MNI" ]; then CNT_BODY='{"m2m:cnt":{"rn":"cnt","mni":'"$MNI"'}}' CNT_DESC="mni $MNI"; else CNT_BODY='{"m2m:cnt":{"rn":"cnt"}}' CNT_DESC="without mni"; fi
m2m cnt 201 POST /cse-in/bench 'application/json;ty=3' "$CNT_BODY"
m2m cin 201 POST /cse-in/bench/cnt 'application/json;ty=4' '{"m2m:cin":{"cnf":"text/plain:0","con":"21.5"}}'
CIN_RN=$(sed -n 's/.*"rn":"\([^"]*\)".*/\1/p' "$TMP/req/cin.b" | head -n1)
[ -n "$CIN_RN" ] || die "created contentInstance has no rn: $(cat "$TMP/req/cin.b")"

# -------------------------------------------------------------------------------------------------- scenarios
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
summary="$OUT/summary.md"
{
    say "# Keel CPU profiles under bench/run.sh's load"
    say ""
    say "Keel $GIT_REV on $(bench_db_describe); async-profiler $AP_VERSION, event $EVENT${INTERVAL:+ interval $INTERVAL};"
    say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up) -s bench/onem2m.lua; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(date -u '+%Y-%m-%d %H:%M UTC')."
} >"$summary"
for sc in $SCENARIOS; do
    case "$sc" in
        get) method=GET path=/cse-in/bench/cnt/$CIN_RN title="retrieve a contentInstance (GET $path)" ;;
        post) method=POST path=/cse-in/bench/cnt title="create contentInstances (POST $path, ty=4, container ${CNT_DESC})" ;;
        *) die "unknown scenario $sc (get, post)" ;;
    esac
    say "== $sc: $title"
    url="http://$HOST:$PORT$path"
    if [ "$WARMUP" != "0" ] && [ "$WARMUP" != "0s" ]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --latency -s "$LUA" "$url" -- "$method" "warm-$sc-$$" >"$OUT/wrk-$sc-warmup.txt" 2>&1 \
            || { cat "$OUT/wrk-$sc-warmup.txt" >&2; die "wrk warm-up failed"; }
    fi
    bench_db_settle
    profiler "$KEEL_PID" "start,event=$EVENT${INTERVAL:+,interval=$INTERVAL}"
    s0=$(ticks "$KEEL_PID")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$url" -- "$method" "prof-$sc-$$" >"$OUT/wrk-$sc.txt" 2>&1 \
        || { cat "$OUT/wrk-$sc.txt" >&2; die "wrk failed"; }
    s1=$(ticks "$KEEL_PID")
    # The load is over: the few samples between the two commands are of an idle server.
    profiler "$KEEL_PID" "dump,file=$OUT/flame-$sc.html,title=Keel $sc ($EVENT)"
    profiler "$KEEL_PID" "stop,file=$OUT/stacks-$sc.collapsed,collapsed"
    ! grep -q 'Non-2xx' "$OUT/wrk-$sc.txt" || { cat "$OUT/wrk-$sc.txt" >&2; die "Keel answered non-2xx statuses"; }
    requests=$(awk '/ requests in /{print $1}' "$OUT/wrk-$sc.txt")
    rps=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$OUT/wrk-$sc.txt")
    msreq=$(awk -v a="$s0" -v b="$s1" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", n ? 1000 * (b - a) / hz / n : 0 }')
    top_frames "$OUT/stacks-$sc.collapsed" "$TOP" >"$OUT/top-$sc.md"
    {
        say ""
        say "## $title"
        say ""
        say "$requests requests, $rps req/s, Keel CPU $msreq ms/request (with the profiler attached); flame graph: flame-$sc.html; $(head -n1 "$OUT/top-$sc.md")"
        tail -n +2 "$OUT/top-$sc.md"
    } >>"$summary"
    say "   $requests requests, $rps req/s, $msreq ms of Keel CPU per request; $OUT/flame-$sc.html, $OUT/top-$sc.md"
done
kill -0 "$KEEL_PID" 2>/dev/null || die "Keel is no longer running"
cp "$TMP/keel.log" "$OUT/keel.log"
say ""
say "results: $OUT"
say "  summary.md (both top-frames tables), flame-<scenario>.html, stacks-<scenario>.collapsed, wrk-<scenario>.txt, keel.log"
