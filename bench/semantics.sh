#!/usr/bin/env bash
# Semantic discovery (smf, TS-0004 7.3.3.18) over many semanticDescriptors, next to the same discovery without it.
# Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/semantics.sh
#
# Keel gets SMB_COUNT containers (AEs of 1000), each with a <semanticDescriptor> child (Turtle, 6 triples) describing
# one device: of type TemperatureSensor, HumiditySensor or Light, located in one of 100 buildings, uniformly
# (bench/semantics/populate.py creates them through the HTTP API, SMB_CLIENTS clients at once, so the semantic index
# holds exactly what Keel writes). Then, one request at a time (pure latency), each measured SMB_ROUNDS times, the
# median reported:
#   plain      fu=1&ty=3&lim=100                       the same discovery without a semantic condition
#   selective  … & smf: Lights in building42            1/300 of the containers (0.33 %) match, all returned
#   broad      … & smf: every Light                      1/3 of the containers match; the first 100 are returned
#
# Settings (environment): SMB_COUNT=10000, SMB_CLIENTS=8, SMB_DURATION=10s per measured run, SMB_TIMEOUT=30s
# (wrk --timeout: a slower request would count as a socket error, not in the latencies), SMB_ROUNDS=3,
# SMB_DB=h2 or postgres (then PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres name a server where that user may create
# a database; the run creates one and drops it at the end), SMB_KEEP=1 keeps the temp dir (Keel's log and data) and,
# on postgres, the database. SMB_FROM=<what a run with SMB_KEEP=1 kept: its data directory (h2) or database name
# (postgres)> measures a copy of those devices instead of creating them again: two builds compared on the same data.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
COUNT=${SMB_COUNT:-10000}
CLIENTS=${SMB_CLIENTS:-8}
DURATION=${SMB_DURATION:-10s}
TIMEOUT=${SMB_TIMEOUT:-30s}
ROUNDS=${SMB_ROUNDS:-3}
DB=${SMB_DB:-h2}
KEEP=${SMB_KEEP:-0}
FROM=${SMB_FROM:-}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
HOST=127.0.0.1

command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f target/keel.war ] || { echo "target/keel.war is missing: mvn -B -q -DskipTests package" >&2; exit 1; }

TMP=$(mktemp -d)
PID=
PG_DB="keel_smb_$$"
cleanup() {
    [ -n "$PID" ] && { kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
    if [ "$KEEP" = 1 ]; then
        echo "# kept $TMP (data: $TMP/data)" >&2
        if [ "$DB" = postgres ]; then echo "# kept database $PG_DB" >&2; fi
    else
        [ "$DB" = postgres ] && { psql -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB" 2>/dev/null || true; }
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
cp target/keel.war "$TMP/keel.war"
if [ "$DB" = postgres ]; then
    psql -d postgres -qc "CREATE DATABASE $PG_DB${FROM:+ TEMPLATE $FROM}"
elif [ -n "$FROM" ]; then
    cp -r "$FROM" "$TMP/data"
fi
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?user=$PGUSER"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://$HOST:$PORT"

start_keel() {
    local db=()
    [ "$DB" = postgres ] && db=(KEEL_DB_URL="$JDBC")
    env -u KEEL_DB_URL KEEL_DATA_DIR="$TMP/data" KEEL_HTTP_PORT="$PORT" "${db[@]}" "$JAVA" -jar "$TMP/keel.war" >> "$TMP/keel.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 180); do
        if curl -s -o /dev/null -w '%{http_code}' "$BASE/cse-in" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: up' -H 'X-M2M-RVI: 3' | grep -q 200; then
            return 0
        fi
        sleep 0.5
    done
    echo "Keel did not start; log:" >&2; cat "$TMP/keel.log" >&2; exit 1
}

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
EX='http://example.org/keel-bench#'
PLAIN="/cse-in?fu=1&ty=3&lim=100"
declare -A PATHS=(
    [plain]=$PLAIN
    [selective]="$PLAIN&smf=$(enc "PREFIX ex: <$EX> SELECT ?d WHERE { ?d a ex:Light ; ex:locatedIn ex:building42 }")"
    [broad]="$PLAIN&smf=$(enc "PREFIX ex: <$EX> SELECT ?d WHERE { ?d a ex:Light }")"
)
REQUESTS=(plain selective broad)

measure() { # path → "p50 p99 req/s" (ms)
    local url="$BASE$1" out="$TMP/wrk.txt" status
    status=$(curl -s -o "$TMP/body" -w '%{http_code}' "$url" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: check' -H 'X-M2M-RVI: 4')
    [ "$status" = 200 ] || { echo "$1 answered $status: $(cat "$TMP/body")" >&2; exit 1; }
    wrk -t1 -c1 -d3s --timeout "$TIMEOUT" -s bench/semantics/get.lua "$url" > /dev/null
    wrk -t1 -c1 -d"$DURATION" --timeout "$TIMEOUT" --latency -s bench/semantics/get.lua "$url" > "$out"
    if grep -q "Non-2xx\|Socket errors" "$out"; then cat "$out" >&2; exit 1; fi
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
        END { printf "%.2f %.2f %.0f\n", p50, p99, rps }' "$out"
}
addresses() { # path → how many addresses the discovery answers
    curl -s "$BASE$1" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: count' -H 'X-M2M-RVI: 4' -H 'Accept: application/json' \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("m2m:uril", [])))'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "# reproduce: mvn -B -q -DskipTests package && SMB_COUNT=$COUNT SMB_ROUNDS=$ROUNDS SMB_DB=$DB bench/semantics.sh"
echo "# database: $DB; load: wrk -t1 -c1 -d$DURATION --timeout $TIMEOUT --latency (3 s warm-up), loopback; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

start_keel
if [ -n "$FROM" ]; then
    echo "# the devices of $FROM (a copy)"
else
    python3 bench/semantics/populate.py "$BASE" "$COUNT" "$CLIENTS"
fi
[ "$DB" = postgres ] && psql -d "$PG_DB" -qc 'VACUUM ANALYZE'
for request in "${REQUESTS[@]}"; do
    echo "# $request: GET ${PATHS[$request]}  → $(addresses "${PATHS[$request]}") address(es)"
done

declare -A P50 P99
for round in $(seq 1 "$ROUNDS"); do
    for request in "${REQUESTS[@]}"; do
        read -r p50 p99 rps < <(measure "${PATHS[$request]}")
        echo "round $round  $request: p50 $p50 ms  p99 $p99 ms  $rps req/s  (load $(cut -d' ' -f1 /proc/loadavg))"
        P50[$request]+="$p50 "; P99[$request]+="$p99 "
    done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "| discovery over $COUNT containers with a semanticDescriptor ($DB) | p50 / p99 (ms) | ratio to plain p50 / p99 |"
echo "|---|---|---|"
# shellcheck disable=SC2086
b50=$(median ${P50[plain]}); b99=$(median ${P99[plain]})
for request in "${REQUESTS[@]}"; do
    # shellcheck disable=SC2086
    m50=$(median ${P50[$request]}); m99=$(median ${P99[$request]})
    echo "| $request | $m50 / $m99 | $(ratio "$m50" "$b50") / $(ratio "$m99" "$b99") |"
done
