#!/usr/bin/env bash
# Notification fan-out: one container with NOTIF_SUBS subscriptions (net 3, chty 4, nct 1) to a local HTTP receiver, then
# contentInstances created one at a time for NOTIF_DURATION; reports creates/s, notifications delivered/s at the
# receiver, the end-to-end latency (create acknowledged → notification received) p50/p99, Keel's CPU (from /proc) and
# the load average before and after. Every notification must arrive exactly once (else exit code 3). Not a test:
# `mvn verify` never runs it. The driver and receiver are bench/notifications/NotifyBench.java (JDK only).
#
#   mvn -B -q -DskipTests package && bench/notifications.sh
#
# Settings (environment):
#   NOTIF_SUBS=1000        subscriptions on the container
#   NOTIF_DURATION=20      seconds of creating
#   NOTIF_RATE=0           creates per second (0: the next as soon as the last is acknowledged)
#   NOTIF_NU=distinct      distinct: each subscription its own nu (…/n/<i>); shared: all the same nu
#   NOTIF_DRAIN=30         after the creates, how long without a new arrival ends the wait for the rest
#   NOTIF_PROFILE=0        1: async-profiler (cpu, 1 ms) attached for the measured part; flame graph and top frames
#                          in target/profile/notifications-<time>-<rev>
#   NOTIF_DB=h2            or postgres: Keel on a fresh database at BENCH_PG_URL (bench/db.sh), dropped at the end
#   BENCH_JAVA_OPTS=       JVM options for Keel;  BENCH_WAR=target/keel.war;  BENCH_IDLE_WAIT=120  as for bench/run.sh
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$BENCH_DIR/.."
BENCH_FAILED="NOTIFICATIONS BENCH FAILED"
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
BENCH_DB=${NOTIF_DB:-h2}
# shellcheck source=bench/db.sh
. "$BENCH_DIR/db.sh"

SUBS=${NOTIF_SUBS:-1000}
DURATION=${NOTIF_DURATION:-20}
RATE=${NOTIF_RATE:-0}
NU=${NOTIF_NU:-distinct}
DRAIN=${NOTIF_DRAIN:-30}
PROFILE=${NOTIF_PROFILE:-0}
JVM_OPTS=${BENCH_JAVA_OPTS:-}
case "$NU" in distinct | shared) ;; *) die "NOTIF_NU must be distinct or shared, not $NU" ;; esac
WAR_SRC=${BENCH_WAR:-target/keel.war}
[ -f "$WAR_SRC" ] || die "$WAR_SRC is missing: mvn -B -q -DskipTests package"
bench_unset_keel_env

TMP=
bench_trap_cleanup

bench_wait_idle "${BENCH_IDLE_WAIT:-120}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/keel-notif.XXXXXX")
cp "$WAR_SRC" "$TMP/keel.war"
REV=$(bench_git_rev)
LOAD_BEFORE=$(load_average)
say "# reproduce: mvn -B -q -DskipTests package && NOTIF_SUBS=$SUBS NOTIF_DURATION=$DURATION NOTIF_RATE=$RATE NOTIF_NU=$NU NOTIF_DB=$BENCH_DB${JVM_OPTS:+ BENCH_JAVA_OPTS='$JVM_OPTS'} bench/notifications.sh"
bench_db_create
say "# keel $REV, $(bench_db_describe); loopback; $NCPU cores, $("$JAVA" -version 2>&1 | head -n1); $(date -u '+%Y-%m-%d %H:%M UTC')"
say "# machine: load average $LOAD_BEFORE before, CPU ${BUSY_BEFORE}% busy (other processes) before"

opts=()
[ "$PROFILE" = 1 ] && opts+=(-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints)
# shellcheck disable=SC2206
opts+=($JVM_OPTS)
bench_start_keel "$TMP" "${opts[@]}"
say "# Keel is serving http://127.0.0.1:$KEEL_PORT/ (pid $KEEL_PID)"

if [ "$PROFILE" = 1 ]; then
    OUT=target/profile/notifications-$(date -u +%Y%m%dT%H%M%S)-${REV%%+*}
    mkdir -p "$OUT"
    OUT=$(cd "$OUT" && pwd)
    bench_profiler_init "$TMP"
fi

# The profiler starts when the driver says the warm-up is over, and stops when it has finished.
"$JAVA" "$BENCH_DIR/notifications/NotifyBench.java" "http://127.0.0.1:$KEEL_PORT" "$KEEL_PID" "$SUBS" "$DURATION" \
    "$RATE" "$NU" "$DRAIN" >"$TMP/driver.out" 2>&1 &
DRIVER=$!
if [ "$PROFILE" = 1 ]; then
    while ! grep -qs '^warm-up:' "$TMP/driver.out" && kill -0 "$DRIVER" 2>/dev/null; do sleep 0.2; done
    profiler "$KEEL_PID" "start,event=cpu,interval=1ms"
fi
rc=0
wait "$DRIVER" || rc=$?
if [ "$PROFILE" = 1 ]; then
    profiler "$KEEL_PID" "dump,file=$OUT/flame.html,title=Keel notification fan-out (cpu)"
    profiler "$KEEL_PID" "stop,file=$OUT/stacks.collapsed,collapsed"
    top_frames "$OUT/stacks.collapsed" 30 >"$OUT/top.md"
fi
cat "$TMP/driver.out"
say "# machine: load average $(load_average) after"
[ "$PROFILE" = 1 ] && say "# profile: $OUT/flame.html, $OUT/top.md"
if [ "$rc" != 0 ]; then
    say "---- last lines of Keel's log ----" >&2
    tail -n 30 "$TMP/keel.log" >&2
    die "the driver failed (exit code $rc)"
fi
