# Sourced by the bench scripts (run.sh, profile.sh, startup.sh, notifications.sh, large-tree.sh, latency.sh, timeseries.sh): what they share. Defines functions
# and a few variables only; the caller sets BENCH_FAILED ("BENCH FAILED", "PROFILE FAILED", ...) for die's message.
#   JAVA, JCMD, JSTAT     the JDK's tools ($JAVA_HOME/bin when set)
#   CLK_TCK, NCPU         clock ticks per second of /proc's CPU times, cores

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
JSTAT=${JAVA_HOME:+$JAVA_HOME/bin/}jstat
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
NCPU=$(nproc)

say() { printf '%s\n' "$*"; }
die() {
    printf '\n%s: %s\n' "${BENCH_FAILED:-BENCH FAILED}" "$*" >&2
    exit 1
}

# Keel must see only the settings a script gives it (a KEEL_DB_URL left in the shell would bypass the fresh H2).
# bench_unset_keel_env [quiet]
bench_unset_keel_env() {
    local v
    for v in $(env | sed -n 's/^\(KEEL_[A-Za-z0-9_]*\)=.*/\1/p'); do
        [ "${1:-}" = quiet ] || say "note: ignoring $v from the environment" >&2
        unset "$v"
    done
}

# The wrk load settings bench/run.sh and bench/profile.sh share (README "Speed"), from the environment.
bench_load_settings() {
    DURATION=${BENCH_DURATION:-10s}
    WARMUP=${BENCH_WARMUP:-40s}
    CONNECTIONS=${BENCH_CONNECTIONS:-16}
    THREADS=${BENCH_THREADS:-2}
    MNI=${BENCH_MNI-1000}
    JVM_OPTS=${BENCH_JAVA_OPTS:-}
    WAR_SRC=${BENCH_WAR:-target/keel.war}
}

# bench_trap_cleanup: when the script ends, also by Ctrl-C or TERM (exit 130/143), stop the processes it named in
# WRK_PID, KEEL_PID and BASE_PID, drop its database (bench/db.sh) and remove TMP, or keep TMP with BENCH_KEEP=1
# (BENCH_KEPT says what is in it); the script's exit code stays.
bench_trap_cleanup() {
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

bench_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    bench_stop_pid "${WRK_PID:-}"
    bench_stop_pid "${KEEL_PID:-}"
    bench_stop_pid "${BASE_PID:-}"
    bench_db_drop
    if [ -n "${TMP:-}" ] && [ -d "$TMP" ]; then
        if [ "${BENCH_KEEP:-0}" = "1" ]; then
            printf 'kept %s%s\n' "$TMP" "${BENCH_KEPT:+ ($BENCH_KEPT)}" >&2
        else
            rm -rf "$TMP"
        fi
    fi
    exit "$rc"
}

# bench_stop_pid PID: TERM, up to 10 s for it to end, then KILL; a process this shell started only.
bench_stop_pid() {
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# "busy idle" clock ticks of all CPUs together (busy: user nice system irq softirq steal; idle: idle iowait)
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat; }
# user+system clock ticks of one process
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# the three load averages of /proc/loadavg
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# heap_used_mb PID [gc]: the JVM's heap in use (MB); with "gc", after a full collection (what the data holds, not
# what garbage waits). rss_mb PID: its resident memory (MB).
heap_used_mb() {
    [ "${2:-}" = gc ] && { "$JCMD" "$1" GC.run >/dev/null 2>&1; sleep 1; }
    "$JCMD" "$1" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print int(v/1024); exit}}'
}
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }

# Share of the CPU (percent) busy over 1 s, from /proc/stat: other load skews every figure.
cpu_busy_pct() {
    local a b
    a=$(machine_ticks)
    sleep 1
    b=$(machine_ticks)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2];
        if (busy + idle == 0) print 0; else printf "%.0f", 100 * busy / (busy + idle) }'
}

# bench_wait_idle SECONDS: waits up to SECONDS for other work (a build, a test run) to leave the CPU (< 15 % busy)
# rather than measure it; sets BUSY_BEFORE to the last share seen ("?" when /proc cannot tell).
BUSY_BEFORE=?
bench_wait_idle() {
    local deadline=$((SECONDS + $1))
    BUSY_BEFORE=$(cpu_busy_pct 2>/dev/null || echo "?")
    while [ "$BUSY_BEFORE" != "?" ] && [ "$BUSY_BEFORE" -ge 15 ] && [ "$SECONDS" -lt "$deadline" ]; do
        say "note: the CPU is ${BUSY_BEFORE}% busy with other processes; waiting up to ${1}s for it to calm down" >&2
        sleep 4
        BUSY_BEFORE=$(cpu_busy_pct 2>/dev/null || echo "?")
    done
}

# bench_git_rev [SUFFIX]: the short revision measured, with SUFFIX (default "+uncommitted changes") when the sources
# differ from it
bench_git_rev() {
    local rev
    rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git status --porcelain --untracked-files=no -- src persistence webapp pom.xml 2>/dev/null)" ]; then
        rev="$rev${1-+uncommitted changes}"
    fi
    printf '%s' "$rev"
}

# bench_wait_ready LOG PID WHAT PATTERN TIMEOUT: waits for PATTERN in LOG (up to TIMEOUT seconds), prints the port of
# the first http:// URL on that line; fails with the log's end when the process exits first or the time is up.
bench_wait_ready() {
    local log=$1 pid=$2 what=$3 pattern=$4 deadline=$((SECONDS + $5))
    while ! grep -q "$pattern" "$log" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            say "---- $what log ----" >&2
            tail -n 60 "$log" >&2
            die "$what exited before it was ready"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            say "---- $what log ----" >&2
            tail -n 60 "$log" >&2
            die "$what was not ready after ${5}s"
        fi
        sleep 0.2
    done
    grep -m1 "$pattern" "$log" | sed -n 's|.*http://[^:/]*:\([0-9][0-9]*\)/.*|\1|p'
}

# bench_wait_http URL LOG PID [TIMEOUT]: waits until a oneM2M GET of URL as CAdmin answers 200, up to TIMEOUT seconds
# (90); fails with the end of LOG when process PID exits first or the time is up.
bench_wait_http() {
    local url=$1 log=$2 pid=$3 deadline=$((SECONDS + ${4:-90}))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: up' \
        -H 'X-M2M-RVI: 3')" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
            say "---- $log ----" >&2
            tail -n 60 "$log" >&2
            die "Keel did not answer 200 to GET $url"
        fi
        sleep 0.5
    done
}

# bench_start_keel DIR [JVM OPTIONS...]: starts DIR/keel.war on a free loopback port with DIR/keel-data and the
# database of bench/db.sh (BENCH_DB_ENV); sets KEEL_PID and KEEL_PORT, logs to DIR/keel.log.
KEEL_PID=
KEEL_PORT=
bench_start_keel() {
    local dir=$1
    shift
    mkdir -p "$dir/keel-data" "$dir/jtmp-keel"
    env "${BENCH_DB_ENV[@]}" KEEL_HTTP_HOST=127.0.0.1 KEEL_HTTP_PORT="${BENCH_KEEL_PORT:-0}" KEEL_DATA_DIR="$dir/keel-data" \
        "$JAVA" "$@" -Djava.io.tmpdir="$dir/jtmp-keel" -jar "$dir/keel.war" >"$dir/keel.log" 2>&1 &
    KEEL_PID=$!
    KEEL_PORT=$(bench_wait_ready "$dir/keel.log" "$KEEL_PID" Keel 'Keel is serving http://' "${BENCH_START_TIMEOUT:-180}")
    [ -n "$KEEL_PORT" ] || die "could not read Keel's port from: $(grep -m1 'Keel is serving' "$dir/keel.log")"
}

# ---------------------------------------------------------------------------------------------- async-profiler
# bench_profiler_init DIR [VERSION]: the async-profiler library (tools.profiler:async-profiler from Maven Central,
# fetched into ~/.m2 with `mvn dependency:get` when missing) unpacked into DIR; sets AP_LIB and AP_VERSION.
bench_profiler_init() {
    local arch jar
    AP_VERSION=${2:-4.2}
    case "$(uname -m)" in
        x86_64 | amd64) arch=linux-x64 ;;
        aarch64 | arm64) arch=linux-arm64 ;;
        *) die "async-profiler's jar has no native library for $(uname -m)" ;;
    esac
    for tool in unzip "$JCMD" mvn; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
    done
    jar="${M2_REPO:-$HOME/.m2/repository}/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
    if [ ! -f "$jar" ]; then
        say "== fetching tools.profiler:async-profiler:$AP_VERSION from Maven Central" >&2
        mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION" >&2 \
            || die "mvn dependency:get tools.profiler:async-profiler:$AP_VERSION failed"
    fi
    AP_LIB="$1/libasyncProfiler.so"
    unzip -q -p "$jar" "$arch/libasyncProfiler.so" >"$AP_LIB" || die "no $arch library in $jar"
}

# profiler PID ARGS: one async-profiler command (start, dump, stop, ...) in the running JVM. Quoted for jcmd, which
# would otherwise read "start,event=cpu" as an option named "start,event".
profiler() {
    local out
    out=$("$JCMD" "$1" JVMTI.agent_load "$AP_LIB" "\"$2\"" 2>&1) || die "jcmd JVMTI.agent_load ($2) failed: $out"
    case "$out" in *"return code: 0"*) ;; *) die "async-profiler '$2' failed: $out" ;; esac
}

# top_frames COLLAPSED N: markdown tables of the N frames with the most self samples and the most total samples
# (a frame counts once per stack it is on, however often it recurses), and the latter for Keel's own frames only
# (the generic total table starts with the thread pool, Jetty and the filter chain that every request passes)
top_frames() {
    awk -v top="$2" '
        {
            n = $NF; stack = substr($0, 1, length($0) - length($NF) - 1); all += n
            k = split(stack, f, ";"); self[f[k]] += n
            delete seen
            for (i = 1; i <= k; i++) if (!(f[i] in seen)) {
                seen[f[i]] = 1; total[f[i]] += n
                if (f[i] ~ /^io\/keel\//) keel[f[i]] += n
            }
        }
        function table(title, a,   i, j, best, bestn, used) {
            printf "\n### %s\n\n| # | %% of samples | samples | frame |\n|---:|---:|---:|---|\n", title
            delete used
            for (i = 1; i <= top; i++) {
                best = ""; bestn = -1
                for (j in a) if (!(j in used) && a[j] > bestn) { best = j; bestn = a[j] }
                if (best == "") break
                used[best] = 1
                gsub(/\|/, "\\|", best)
                printf "| %d | %.1f | %d | `%s` |\n", i, (all ? 100 * bestn / all : 0), bestn, best
            }
        }
        END {
            printf "%d samples\n", all
            table("self time (the frame itself is running)", self)
            table("total time (the frame is on the stack)", total)
            table("total time, Keel'"'"'s own frames (io/keel/...)", keel)
        }' "$1"
}
