#!/usr/bin/env bash
# Start-up benchmark: how long `java -jar keel.war` takes until it serves (its "Keel is serving" line, then the first
# 200 of GET /cse-in), on a fresh data directory and on one that already holds the CSE, with the JVM's defaults and
# with a class-data-sharing archive of Keel's classes; and the heap and resident memory of the idle CSE. Not a test.
#
#   mvn -B -q -DskipTests package && bench/startup.sh
#
# Settings (environment):
#   BENCH_ROUNDS=5         starts per case (the medians are printed)
#   BENCH_JAVA_OPTS=       JVM options for every start
#   BENCH_WAR=target/keel.war
#   BENCH_IDLE_WAIT=120    seconds to wait for other processes to leave the CPU (>=15% busy) before starting
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$BENCH_DIR/.."
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
ROUNDS=${BENCH_ROUNDS:-5}
JVM_OPTS=${BENCH_JAVA_OPTS:-}
WAR_SRC=${BENCH_WAR:-target/keel.war}
IDLE_WAIT=${BENCH_IDLE_WAIT:-120}
[ -f "$WAR_SRC" ] || die "$WAR_SRC is missing: build it with  mvn -B -q -DskipTests package"
bench_unset_keel_env quiet

TMP=$(mktemp -d /tmp/keel-startup.XXXXXX)
PID=
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
cp "$WAR_SRC" "$TMP/keel.war"

bench_wait_idle "$IDLE_WAIT"
load_before=$(load_average)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
now_ms() { date +%s%3N; }

# start DATA_DIR EXTRA_OPTS: prints "ms_to_serving ms_to_200 cpu_ms" and leaves the server running as $PID
start() {
    local data=$1 opts=$2 t0 serving=- ok=- log="$TMP/keel.log"
    : >"$log"
    t0=$(now_ms)
    # shellcheck disable=SC2086
    KEEL_DATA_DIR="$data" KEEL_HTTP_PORT=$PORT "$JAVA" $JVM_OPTS $opts -jar "$TMP/keel.war" >"$log" 2>&1 &
    PID=$!
    for _ in $(seq 1 6000); do
        if [ "$serving" = - ] && grep -q '^Keel is serving' "$log"; then serving=$(( $(now_ms) - t0 )); fi
        if [ "$serving" != - ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-M2M-Origin: CAdmin' \
                -H 'X-M2M-RI: startup' -H 'X-M2M-RVI: 3' "http://127.0.0.1:$PORT/cse-in")" = 200 ]; then
            ok=$(( $(now_ms) - t0 )); break
        fi
        kill -0 "$PID" 2>/dev/null || { cat "$log" >&2; die "Keel exited"; }
        sleep 0.01
    done
    [ "$ok" != - ] || die "Keel did not serve within a minute"
    echo "$serving $ok $(awk -v t="$(getconf CLK_TCK)" '{printf "%d", ($14+$15)*1000/t}' "/proc/$PID/stat")"
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# The archive: one start that exits cleanly with -XX:ArchiveClassesAtExit (after a few requests).
ARCHIVE="$TMP/keel.jsa"
start "$TMP/train" "-XX:ArchiveClassesAtExit=$ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off" >/dev/null
curl -s -o /dev/null -X POST -H 'X-M2M-Origin: Ctrain' -H 'X-M2M-RI: t' -H 'X-M2M-RVI: 3' \
    -H 'Content-Type: application/json;ty=2' -d '{"m2m:ae":{"rn":"t","api":"Nt","rr":false,"srv":["3"]}}' "http://127.0.0.1:$PORT/cse-in"
stop
[ -f "$ARCHIVE" ] || die "the JVM wrote no class-data archive"

printf 'Keel start-up, %s rounds per case, medians (load average before: %s)\n\n' "$ROUNDS" "$load_before"
printf '| data directory | JVM options | to "Keel is serving" (ms) | to first 200 (ms) | CPU (ms) | heap used idle (MB) | RSS idle (MB) |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for archive in no yes; do
    opts=""
    label="defaults"
    if [ "$archive" = yes ]; then opts="-XX:SharedArchiveFile=$ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"; label="+ CDS archive"; fi
    for kind in fresh existing; do
        : >"$TMP/rows"
        heap=- rss=-
        for r in $(seq 1 "$ROUNDS"); do
            data="$TMP/data-$archive-$kind"
            [ "$kind" = fresh ] && rm -rf "$data"
            if [ "$kind" = existing ] && [ ! -d "$data" ]; then start "$data" "$opts" >/dev/null; stop; fi
            start "$data" "$opts" >>"$TMP/rows"
            if [ "$r" = "$ROUNDS" ]; then
                sleep 2
                heap=$(heap_used_mb "$PID")
                rss=$(rss_mb "$PID")
            fi
            stop
        done
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$label" \
            "$(cut -d' ' -f1 "$TMP/rows" | median)" "$(cut -d' ' -f2 "$TMP/rows" | median)" \
            "$(cut -d' ' -f3 "$TMP/rows" | median)" "${heap:--}" "${rss:--}"
    done
done
printf '\nload average after: %s\n' "$(load_average)"
