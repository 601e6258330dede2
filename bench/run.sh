#!/usr/bin/env bash
# Load benchmark: Keel (target/keel.war) against a bare Jetty 12 servlet answering a fixed body of the same size,
# both driven by the same wrk, in one run. Not a test: `mvn verify` never runs it. See bench/README.md.
#
#   mvn -B -q -DskipTests package && bench/run.sh
#
# Settings (environment):
#   BENCH_DURATION=10s     measured wrk run per server and scenario
#   BENCH_WARMUP=40s       warm-up wrk run before each measured run (0 or 0s: none); see bench/README.md
#   BENCH_CONNECTIONS=16   wrk -c
#   BENCH_THREADS=2        wrk -t
#   BENCH_WRK_TIMEOUT=2s   wrk --timeout (wrk's default)
#   BENCH_KEEL_PORT=0      port for Keel (0: a free one)
#   BENCH_BASELINE_PORT=0  port for the baseline (0: a free one)
#   BENCH_JAVA_OPTS=       JVM options given to both servers alike
#   BENCH_WAR=target/keel.war
#   BENCH_MIRROR_HEADERS=1 baseline also sends Keel's other response headers, so whole responses match in size
#   BENCH_IDLE_WAIT=120    seconds to wait for other processes to leave the CPU (>=15% busy) before starting
#   BENCH_MNI=1000         maxNrOfInstances of the container the creates go to (empty: none, the container grows)
#   BENCH_KEEP=0           1: keep the temp dir (server logs, wrk outputs) instead of deleting it
#   BENCH_SCENARIOS="get post"  which scenarios to run (get: retrieve, post: create)
#   BENCH_DB=h2            or postgres: Keel on a fresh database on the server of BENCH_PG_URL, dropped at the end
#   BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres   (see bench/db.sh)
#   BENCH_PG_VACUUM=1      VACUUM ANALYZE the fresh database after the warm-up (0: not; see bench/db.sh)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
# shellcheck source=bench/db.sh
. "$BENCH_DIR/db.sh"

bench_load_settings
WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-2s}
KEEL_PORT_WANTED=${BENCH_KEEL_PORT:-0}
BASELINE_PORT_WANTED=${BENCH_BASELINE_PORT:-0}
MIRROR_HEADERS=${BENCH_MIRROR_HEADERS:-1}
START_TIMEOUT=${BENCH_START_TIMEOUT:-180}
IDLE_WAIT=${BENCH_IDLE_WAIT:-120}
SCENARIOS=${BENCH_SCENARIOS:-get post}
for sc in $SCENARIOS; do
    case "$sc" in get | post) ;; *) printf 'BENCH_SCENARIOS: unknown scenario %s (get, post)\n' "$sc" >&2; exit 1 ;; esac
done
# wrk refuses fewer connections than threads.
if [ "$CONNECTIONS" -lt "$THREADS" ]; then THREADS=$CONNECTIONS; fi
LIB_SRC=target/launcher-staging/META-INF/launcher/lib
HOST=127.0.0.1
LUA="$BENCH_DIR/onem2m.lua"
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac

# ---------------------------------------------------------------------------------------------------- cleanup
TMP=
KEEL_PID=
BASE_PID=
WRK_PID=
# What BENCH_KEEP=1 keeps.
BENCH_KEPT='logs, wrk outputs; KEEL_DATA_DIR was <it>/keel-data'
bench_trap_cleanup

# ------------------------------------------------------------------------------------------------ prerequisites
if ! command -v wrk >/dev/null 2>&1; then
    say "wrk is missing: installing it with apt-get install -y wrk" >&2
    apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; } \
        || die "could not install wrk (apt-get install -y wrk)"
fi
for tool in curl awk "$JAVA" "$JAVAC"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
[ -f "$WAR_SRC" ] || die "$WAR_SRC is missing: build it with  mvn -B -q -DskipTests package"
ls "$LIB_SRC"/jetty-server-*.jar >/dev/null 2>&1 \
    || die "Jetty jars missing in $LIB_SRC: build with  mvn -B -q -DskipTests package"

bench_unset_keel_env

# keel_memory PID: the Java heap in use (young + old generations as jstat sees them, garbage not yet collected
# included), the heap committed, and the process's resident set (VmRSS: heap, metaspace, code cache, thread stacks...)
keel_memory() {
    local rss heap
    rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?")
    heap=$("$JSTAT" -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
        NR == 2 { u = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; c = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"]
                  printf "heap used %.0f MiB of %.0f MiB committed", u / 1024, c / 1024 }')
    printf '%s, RSS %s MiB' "${heap:-heap unknown (jstat failed)}" "$rss"
}
# CHILD_S := CPU seconds of this shell's finished children (wrk, once waited for); not in $(): a subshell's differ
CHILD_S=0
child_cpu_s() {
    times >"$TMP/times.txt"
    CHILD_S=$(awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } printf "%.3f", n }' "$TMP/times.txt")
}
# Wait a while for other work (a build, a test run) to finish rather than measure it.
bench_wait_idle "$IDLE_WAIT"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/keel-bench.XXXXXX")
mkdir -p "$TMP/classes" "$TMP/lib" "$TMP/jtmp-keel" "$TMP/jtmp-base" "$TMP/keel-data" "$TMP/req"
# Run copies, so that a rebuild of target/ during the run cannot change what is measured.
cp "$WAR_SRC" "$TMP/keel.war"
cp "$LIB_SRC"/*.jar "$TMP/lib/"

# ------------------------------------------------------------------------------------------------------ header
GIT_REV=$(bench_git_rev)
WRK_VERSION=$(wrk -v 2>&1 | head -n1 | awk '{print $1" "$2}' || true)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n1)
CPU_MODEL=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
REPRO="cd $ROOT && mvn -B -q -DskipTests package && BENCH_DURATION=$DURATION BENCH_WARMUP=$WARMUP BENCH_CONNECTIONS=$CONNECTIONS BENCH_THREADS=$THREADS"
[ -n "$JVM_OPTS" ] && REPRO="$REPRO BENCH_JAVA_OPTS='$JVM_OPTS'"
[ "$WRK_TIMEOUT" != "2s" ] && REPRO="$REPRO BENCH_WRK_TIMEOUT=$WRK_TIMEOUT"
[ "$MIRROR_HEADERS" != "1" ] && REPRO="$REPRO BENCH_MIRROR_HEADERS=$MIRROR_HEADERS"
[ "$MNI" != "1000" ] && REPRO="$REPRO BENCH_MNI=$MNI"
[ "$SCENARIOS" != "get post" ] && REPRO="$REPRO BENCH_SCENARIOS='$SCENARIOS'"
[ "$BENCH_DB" != "h2" ] && REPRO="$REPRO BENCH_DB=$BENCH_DB BENCH_PG_URL='$BENCH_PG_URL'"
REPRO="$REPRO bench/run.sh"

say "# Keel load benchmark: Keel vs a bare Jetty 12 servlet (same response size), one wrk"
say "# Reproduce:  $REPRO"
say "# load:     wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency --timeout $WRK_TIMEOUT -s bench/onem2m.lua (warm-up $WARMUP before each run), loopback"
bench_db_create
say "# keel:     $WAR_SRC @ $GIT_REV, $(bench_db_describe)"
say "# machine:  $(nproc) cores ($CPU_MODEL), $JAVA_VERSION, $WRK_VERSION; $(date -u '+%Y-%m-%d %H:%M UTC')"
say "# note:     wrk and both servers share this machine's cores; the baseline figures are a ceiling, not Jetty's limit"
say "# idle?:    CPU busy before the run: ${BUSY_BEFORE}% (other processes)"
if [ "$BUSY_BEFORE" != "?" ] && [ "$BUSY_BEFORE" -ge 15 ]; then
    say "# WARNING:  the machine was ${BUSY_BEFORE}% busy before the run (a build or test?): all figures below are skewed"
fi
say ""

# ------------------------------------------------------------------------------------------------ the baseline
"$JAVAC" -nowarn -d "$TMP/classes" -cp "$TMP/lib/*" "$BENCH_DIR/baseline/BaselineServer.java" \
    || die "javac of bench/baseline/BaselineServer.java failed"

# --------------------------------------------------------------------------------------------------- start Keel
say "== starting Keel"
# shellcheck disable=SC2086
env "${BENCH_DB_ENV[@]}" KEEL_HTTP_HOST=$HOST KEEL_HTTP_PORT=$KEEL_PORT_WANTED KEEL_DATA_DIR="$TMP/keel-data" \
    "$JAVA" $JVM_OPTS -Djava.io.tmpdir="$TMP/jtmp-keel" -jar "$TMP/keel.war" >"$TMP/keel.log" 2>&1 &
KEEL_PID=$!
t0=$SECONDS
KEEL_PORT=$(bench_wait_ready "$TMP/keel.log" "$KEEL_PID" Keel 'Keel is serving http://' "$START_TIMEOUT")
[ -n "$KEEL_PORT" ] || die "could not read Keel's port from: $(grep -m1 'Keel is serving' "$TMP/keel.log")"
say "   Keel is serving http://$HOST:$KEEL_PORT/ (pid $KEEL_PID, ready after $((SECONDS - t0))s)"

# ------------------------------------------------------------------------------------------- oneM2M set-up
# m2m NAME EXPECTED METHOD PATH [CONTENT-TYPE BODY] [PORT]: one oneM2M request with curl, like wrk's (no Accept
# header); leaves headers in $TMP/req/NAME.h and body in $TMP/req/NAME.b; on an unexpected status prints the exact
# request and response and fails.
RI_N=0
m2m() {
    local name=$1 expected=$2 method=$3 path=$4 ctype=${5:-} body=${6:-} port=${7:-$KEEL_PORT}
    RI_N=$((RI_N + 1))
    local ri="bench-setup-$$-$RI_N"
    local args=(-sS -X "$method" "http://$HOST:$port$path" -H 'Accept:' -H 'X-M2M-Origin: Cbench'
        -H "X-M2M-RI: $ri" -H 'X-M2M-RVI: 3' -D "$TMP/req/$name.h" -o "$TMP/req/$name.b" -w '%{http_code}')
    if [ -n "$ctype" ]; then
        args+=(-H "Content-Type: $ctype" --data-binary "$body")
    fi
    local code
    code=$(curl "${args[@]}") || code="curl-error-$?"
    if [ "$code" != "$expected" ]; then
        {
            say "---- request ----"
            say "$method $path HTTP/1.1"
            say "X-M2M-Origin: Cbench"
            say "X-M2M-RI: $ri"
            say "X-M2M-RVI: 3"
            [ -n "$ctype" ] && say "Content-Type: $ctype"
            [ -n "$body" ] && { say ""; say "$body"; }
            say "---- response (expected $expected, got $code) ----"
            tr -d '\r' <"$TMP/req/$name.h" 2>/dev/null || true
            cat "$TMP/req/$name.b" 2>/dev/null || true
            say ""
            say "---- last lines of Keel's log ----"
            tail -n 40 "$TMP/keel.log"
        } >&2
        die "$method $path answered $code, expected $expected"
    fi
}
body_bytes() { wc -c <"$TMP/req/$1.b" | tr -d ' '; }
head_bytes() { wc -c <"$TMP/req/$1.h" | tr -d ' '; }
json_str() { sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" "$TMP/req/$1.b" | head -n1; }

say "== oneM2M set-up on Keel"
m2m ae 201 POST /cse-in 'application/json;ty=2' '{"m2m:ae":{"rn":"bench","api":"Nbench","rr":false,"srv":["3"]}}'
[ "$(json_str ae aei)" = "Cbench" ] || die "AE created, but its aei is '$(json_str ae aei)', not Cbench: $(cat "$TMP/req/ae.b")"
if [ -n "$MNI" ]; then
    CNT_BODY='{"m2m:cnt":{"rn":"cnt","mni":'"$MNI"'}}'
    CNT_DESC="mni $MNI"
else
    CNT_BODY='{"m2m:cnt":{"rn":"cnt"}}'
    CNT_DESC="no mni"
fi
m2m cnt 201 POST /cse-in/bench 'application/json;ty=3' "$CNT_BODY"
CIN_BODY='{"m2m:cin":{"cnf":"text/plain:0","con":"21.5"}}'
m2m cin1 201 POST /cse-in/bench/cnt 'application/json;ty=4' "$CIN_BODY"
CIN_RN=$(json_str cin1 rn)
[ -n "$CIN_RN" ] || die "created contentInstance has no rn: $(cat "$TMP/req/cin1.b")"
GET_PATH=/cse-in/bench/cnt/$CIN_RN
POST_PATH=/cse-in/bench/cnt
m2m get 200 GET "$GET_PATH"
m2m la 200 GET /cse-in/bench/cnt/la
# Two more creates: the second one's size is the POST size (the first may differ, e.g. in a counter's width).
m2m cin2 201 POST "$POST_PATH" 'application/json;ty=4' "$CIN_BODY"
m2m post 201 POST "$POST_PATH" 'application/json;ty=4' "$CIN_BODY"
GET_SIZE=$(body_bytes get)
POST_SIZE=$(body_bytes post)
say "   AE /cse-in/bench, container /cse-in/bench/cnt ($CNT_DESC), contentInstance $GET_PATH"
say "   Keel GET  $GET_PATH: 200, body $GET_SIZE bytes, headers $(head_bytes get) bytes"
say "   Keel POST $POST_PATH: 201, body $POST_SIZE bytes (previous create: $(body_bytes cin2)), headers $(head_bytes post) bytes"
say "   Keel GET body: $(cat "$TMP/req/get.b")"

# The headers Keel sent that the baseline should send too (not those Jetty or the baseline write per request).
mirror() {
    if [ "$MIRROR_HEADERS" = "1" ]; then
        tr -d '\r' <"$TMP/req/$1.h" | sed '1d;/^$/d' \
            | grep -viE '^(date|content-length|x-m2m-ri|transfer-encoding|connection|server|keep-alive):' || true
    fi
}
mirror get >"$TMP/get.hdr"
mirror post >"$TMP/post.hdr"

# -------------------------------------------------------------------------------------------- start the baseline
say "== starting the baseline"
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS -Djava.io.tmpdir="$TMP/jtmp-base" -cp "$TMP/classes:$TMP/lib/*" BaselineServer \
    "$HOST" "$BASELINE_PORT_WANTED" "$GET_SIZE" "$POST_SIZE" "$TMP/get.hdr" "$TMP/post.hdr" >"$TMP/base.log" 2>&1 &
BASE_PID=$!
BASE_PORT=$(bench_wait_ready "$TMP/base.log" "$BASE_PID" baseline 'Baseline is serving http://' "$START_TIMEOUT")
[ -n "$BASE_PORT" ] || die "could not read the baseline's port"
say "   $(grep -m1 'Baseline is serving' "$TMP/base.log") (pid $BASE_PID)"
m2m bget 200 GET "$GET_PATH" '' '' "$BASE_PORT"
m2m bpost 201 POST "$POST_PATH" 'application/json;ty=4' "$CIN_BODY" "$BASE_PORT"
[ "$(body_bytes bget)" = "$GET_SIZE" ] || die "baseline GET body is $(body_bytes bget) bytes, Keel's $GET_SIZE"
[ "$(body_bytes bpost)" = "$POST_SIZE" ] || die "baseline POST body is $(body_bytes bpost) bytes, Keel's $POST_SIZE"
say "   whole responses (headers+body), Keel vs baseline: GET $(($(head_bytes get) + GET_SIZE)) vs $(($(head_bytes bget) + GET_SIZE)) bytes, POST $(($(head_bytes post) + POST_SIZE)) vs $(($(head_bytes bpost) + POST_SIZE)) bytes"
MEM_IDLE=$(keel_memory "$KEEL_PID")
say "   Keel's memory at idle, after the set-up: $MEM_IDLE"
say ""

# ----------------------------------------------------------------------------------------------------- the runs
# parse_wrk FILE -> "rps p50_us p99_us non2xx requests socket_errors" (socket_errors: total count)
parse_wrk() {
    awk '
        function us(v,   n, u) {
            n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
            if (u == "us") return n
            if (u == "ms") return n * 1000
            if (u == "s") return n * 1000000
            if (u == "m") return n * 60000000
            if (u == "h") return n * 3600000000
            return -1
        }
        $1 == "50%" { p50 = us($2) }
        $1 == "99%" { p99 = us($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        / requests in / { total = $1 }
        /Socket errors:/ { line = $0; gsub(/[^0-9 ]/, " ", line); n = split(line, f, " "); for (i = 1; i <= n; i++) sock += f[i] }
        END {
            if (rps == "" || p50 == "" || p99 == "") { print "unparsable"; exit }
            printf "%s %s %s %d %d %d\n", rps, p50, p99, bad + 0, total + 0, sock + 0
        }' "$1"
}
fmt_lat() { awk -v u="$1" 'BEGIN { if (u < 1000) printf "%.0f us", u; else if (u < 1000000) printf "%.2f ms", u / 1000; else printf "%.2f s", u / 1000000 }'; }
fmt_rps() { awk -v r="$1" 'BEGIN { printf "%.0f", r }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else { r = a / b; if (r >= 10) printf "%.1f", r; else if (r >= 0.1) printf "%.2f", r; else printf "%.3f", r } }'; }

RUN_N=0
PARSED=
CPU_LINE=
# run_wrk SCENARIO SERVER METHOD URL DURATION KIND SERVER_PID: sets PARSED to parse_wrk's line and CPU_LINE to
# "server_cores server_ms_per_request wrk_cores other_pct"; fails loudly on non-2xx
run_wrk() {
    local scenario=$1 server=$2 method=$3 url=$4 duration=$5 kind=$6 spid=$7
    local t0 s0 c0 m0 t1 s1 c1 m1
    t0=$EPOCHREALTIME
    s0=$(proc_ticks "$spid")
    child_cpu_s
    c0=$CHILD_S
    m0=$(machine_ticks)
    RUN_N=$((RUN_N + 1))
    local out="$TMP/wrk-$scenario-$server-$kind.txt" tag="r$RUN_N-$$-$(date +%s)"
    local port path
    port=$(sed 's|^http://[^:/]*:\([0-9]*\)/.*|\1|' <<<"$url")
    path="/${url#http://*/}"
    # In the background and waited for, so that an interrupt stops the run at once (the trap kills wrk too).
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout "$WRK_TIMEOUT" --latency -s "$LUA" "$url" \
        -- "$method" "$tag" >"$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || { WRK_PID=; cat "$out" >&2; die "wrk failed ($scenario, $server, $kind)"; }
    WRK_PID=
    t1=$EPOCHREALTIME
    s1=$(proc_ticks "$spid")
    child_cpu_s
    c1=$CHILD_S
    m1=$(machine_ticks)
    PARSED=$(parse_wrk "$out")
    CPU_LINE=$(awk -v t0="$t0" -v t1="$t1" -v s0="$s0" -v s1="$s1" -v c0="$c0" -v c1="$c1" -v m0="$m0" -v m1="$m1" \
        -v hz="$CLK_TCK" -v ncpu="$NCPU" -v n="$(awk '{print $5}' <<<"$PARSED")" 'BEGIN {
            wall = t1 - t0; if (wall <= 0) wall = 1
            srv = (s1 - s0) / hz; wrk = c1 - c0
            split(m0, a, " "); split(m1, b, " "); busy = (b[1] - a[1]) / hz
            other = busy - srv - wrk; if (other < 0) other = 0
            printf "%.2f %.3f %.2f %.0f\n", srv / wall, (n > 0 ? 1000 * srv / n : 0), wrk / wall, 100 * other / wall / ncpu }')
    if [ "$PARSED" = "unparsable" ]; then
        cat "$out" >&2
        die "could not parse wrk's output ($scenario, $server, $kind)"
    fi
    local bad
    bad=$(awk '{print $4}' <<<"$PARSED")
    if [ "$bad" != "0" ]; then
        {
            say "---- wrk output ($scenario, $server, $kind) ----"
            cat "$out"
            say "---- one more such request, by curl (fails here if it too is answered with an error) ----"
        } >&2
        if [ "$method" = POST ]; then
            m2m replay 201 POST "$path" 'application/json;ty=4' "$CIN_BODY" "$port"
        else
            m2m replay 200 GET "$path" '' '' "$port"
        fi
        die "$server answered $bad requests with non-2xx/3xx statuses during the $kind run of '$scenario' (wrk: Non-2xx or 3xx responses: $bad)"
    fi
}

declare -A RES
scenario() {
    local key=$1 title=$2 method=$3 path=$4 server url port spid rps p50 p99 bad total sock cores msreq wcores otherpct
    say "== scenario $title"
    say "   $method $path   (wrk -t$THREADS -c$CONNECTIONS -d$DURATION, warm-up $WARMUP, unique X-M2M-RI per request)"
    for server in keel baseline; do
        if [ "$server" = keel ]; then port=$KEEL_PORT spid=$KEEL_PID; else port=$BASE_PORT spid=$BASE_PID; fi
        url="http://$HOST:$port$path"
        if [ "$WARMUP" != "0" ] && [ "$WARMUP" != "0s" ]; then
            run_wrk "$key" "$server" "$method" "$url" "$WARMUP" warm-up "$spid"
        fi
        [ "$server" = keel ] && bench_db_settle
        run_wrk "$key" "$server" "$method" "$url" "$DURATION" measured "$spid"
        read -r rps p50 p99 bad total sock <<<"$PARSED"
        read -r cores msreq wcores otherpct <<<"$CPU_LINE"
        RES[$key.$server.msreq]=$msreq
        RES[$key.$server.rps]=$rps
        RES[$key.$server.p50]=$p50
        RES[$key.$server.p99]=$p99
        [ "$server" = keel ] && RES[$key.keel.mem]=$(keel_memory "$spid")
        local extra=""
        if [ "$sock" != "0" ]; then
            extra="  WARNING $(grep -m1 'Socket errors' "$TMP/wrk-$key-$server-measured.txt" | sed 's/^ *//') (timed-out requests are not in p50/p99)"
            RES[$key.notes]="${RES[$key.notes]:-}$server: $(grep -m1 'Socket errors' "$TMP/wrk-$key-$server-measured.txt" | sed 's/^ *//') (wrk --timeout $WRK_TIMEOUT; timed-out requests are not in p50/p99). "
        fi
        if [ "$otherpct" -ge 10 ]; then
            extra="$extra  WARNING other processes used ${otherpct}% of the CPU during this run"
            RES[$key.notes]="${RES[$key.notes]:-}$server: other processes used ${otherpct}% of the CPU during the run. "
        fi
        printf '   %-9s %9s req/s   p50 %10s   p99 %10s   (%s requests, %s non-2xx; server CPU %s cores = %s ms/request, wrk %s cores, others %s%%)%s\n' \
            "$server" "$(fmt_rps "$rps")" "$(fmt_lat "$p50")" "$(fmt_lat "$p99")" "$total" "$bad" "$cores" "$msreq" "$wcores" "$otherpct" "$extra"
    done
    say "   Keel's memory at the end of the load: ${RES[$key.keel.mem]}"
    printf '   %-9s %9s x       p50 %9s x   p99 %9s x   (server CPU per request %s x)\n' "Keel/base" \
        "$(ratio "${RES[$key.keel.rps]}" "${RES[$key.baseline.rps]}")" \
        "$(ratio "${RES[$key.keel.p50]}" "${RES[$key.baseline.p50]}")" "$(ratio "${RES[$key.keel.p99]}" "${RES[$key.baseline.p99]}")" \
        "$(ratio "${RES[$key.keel.msreq]}" "${RES[$key.baseline.msreq]}")"
    say "   raw wrk output (measured runs):"
    for server in keel baseline; do
        sed -n "s/^/     $server | /p" "$TMP/wrk-$key-$server-measured.txt" | grep -v -e 'Thread Stats' -e 'Running ' -e '^ *$'
    done
    say ""
}

for sc in $SCENARIOS; do
    case "$sc" in
        get) scenario get "1: retrieve a contentInstance (GET)" GET "$GET_PATH" ;;
        post) scenario post "2: create contentInstances (POST, ty=4)" POST "$POST_PATH" ;;
    esac
done

# Keel must still be alive and well after the runs.
kill -0 "$KEEL_PID" 2>/dev/null || die "Keel is no longer running"
m2m after 200 GET /cse-in/bench/cnt/la
say "== after the runs: Keel still answers GET /cse-in/bench/cnt/la with 200"
bench_stop_pid "$KEEL_PID"; KEEL_PID=
bench_stop_pid "$BASE_PID"; BASE_PID=
BUSY_AFTER=$(cpu_busy_pct 2>/dev/null || echo "?")
say "   CPU busy after the runs, both servers stopped: ${BUSY_AFTER}% (before: ${BUSY_BEFORE}%)"
if [ "$BUSY_AFTER" != "?" ] && [ "$BUSY_AFTER" -ge 15 ]; then
    say "   WARNING: other processes were using the CPU after the runs too: figures are skewed"
fi
say ""

# -------------------------------------------------------------------------------------------- markdown summary
say "== markdown (for README)"
say ""
say "| scenario | Keel req/s | Keel p50 | Keel p99 | baseline req/s | baseline p50 | baseline p99 | Keel/baseline req/s |"
say "|---|---:|---:|---:|---:|---:|---:|---:|"
row() {
    local key=$1 label=$2
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
        "$(fmt_rps "${RES[$key.keel.rps]}")" "$(fmt_lat "${RES[$key.keel.p50]}")" "$(fmt_lat "${RES[$key.keel.p99]}")" \
        "$(fmt_rps "${RES[$key.baseline.rps]}")" "$(fmt_lat "${RES[$key.baseline.p50]}")" "$(fmt_lat "${RES[$key.baseline.p99]}")" \
        "$(ratio "${RES[$key.keel.rps]}" "${RES[$key.baseline.rps]}")"
}
for sc in $SCENARIOS; do
    case "$sc" in
        get) row get "retrieve contentInstance (GET, $GET_SIZE B body)" ;;
        post) row post "create contentInstance (POST, $POST_SIZE B body, container $CNT_DESC)" ;;
    esac
done
say ""
say "_wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), loopback, $(nproc) cores shared by wrk and the server; Keel $GIT_REV on $BENCH_DB; baseline: bare Jetty 12 servlet, same response size; $(date -u '+%Y-%m-%d'). Reproduce: \`bench/run.sh\`._"
say ""
say "Keel's memory: at idle after the set-up $MEM_IDLE$(for sc in $SCENARIOS; do printf '; at the end of the %s load %s' "$sc" "${RES[$sc.keel.mem]}"; done)."
for key in $SCENARIOS; do
    if [ -n "${RES[$key.notes]:-}" ]; then
        say ""
        say "Note ($key): ${RES[$key.notes]}"
    fi
done
