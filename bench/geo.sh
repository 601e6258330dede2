#!/usr/bin/env bash
# Discovery with a geo-query (Release 4 gmty/geom/gsf) over many located containers, next to the same discovery
# without it. Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/geo.sh
#
# The database gets GEO_COUNT containers (AEs of 1000), each with a point location spread uniformly over
# longitude 0..10, latitude 40..50, written through JDBC by bench/geo/GeoGenerator.java (with its resource_geo entries,
# as Keel writes them). Then, one request at a time (pure latency), each measured GEO_ROUNDS times, the median reported:
#   plain      fu=1&ty=3&lim=100                         the same discovery without a geo-query
#   within     … & a 1°×1° square, gsf=1 (Within)         about 1 % of the containers match; the first 100 are returned
#   small      … & a 0.1°×0.1° square, gsf=1              about 0.01 % match (10 per 10^5), all returned
#   intersects … & a triangle of about 0.5 °², gsf=3      about 0.5 % match; the first 100 are returned
#
# Settings (environment): GEO_COUNT=100000, GEO_DURATION=10s per measured run, GEO_ROUNDS=3,
# GEO_DB=h2 or postgres (then PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres name a server where that user may create
# a database; the run creates one and drops it at the end), GEO_KEEP=1 keeps the temp dir (Keel's log and data) and,
# on postgres, the database. GEO_FROM=<what a run with GEO_KEEP=1 kept: its data directory (h2) or database name
# (postgres)> measures a copy of those containers instead of generating them again (GEO_COUNT must say how many):
# two builds compared on the same data.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
COUNT=${GEO_COUNT:-100000}
DURATION=${GEO_DURATION:-10s}
ROUNDS=${GEO_ROUNDS:-3}
DB=${GEO_DB:-h2}
KEEP=${GEO_KEEP:-0}
FROM=${GEO_FROM:-}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
HOST=127.0.0.1

command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f target/keel.war ] || { echo "target/keel.war is missing: mvn -B -q -DskipTests package" >&2; exit 1; }

TMP=$(mktemp -d)
PID=
PG_DB="keel_geo_$$"
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
mkdir -p "$TMP/lib" "$TMP/gen"
(cd "$TMP/lib" && unzip -q -j "$TMP/keel.war" 'WEB-INF/lib/h2-*.jar' 'WEB-INF/lib/postgresql-*.jar')
if [ "$DB" = postgres ]; then
    psql -d postgres -qc "CREATE DATABASE $PG_DB${FROM:+ TEMPLATE $FROM}"
elif [ -n "$FROM" ]; then
    cp -r "$FROM" "$TMP/data"
fi
if [ "$DB" = postgres ]; then JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?user=$PGUSER"; else JDBC="jdbc:h2:file:$TMP/data/keel"; fi
"$JAVAC" -d "$TMP/gen" bench/geo/GeoGenerator.java
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
stop_keel() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
PLAIN="/cse-in?fu=1&ty=3&lim=100"
declare -A PATHS=(
    [plain]=$PLAIN
    [within]="$PLAIN&gmty=3&gsf=1&geom=$(enc '[[[4, 44], [5, 44], [5, 45], [4, 45], [4, 44]]]')"
    [small]="$PLAIN&gmty=3&gsf=1&geom=$(enc '[[[4.5, 44.5], [4.6, 44.5], [4.6, 44.6], [4.5, 44.6], [4.5, 44.5]]]')"
    [intersects]="$PLAIN&gmty=3&gsf=3&geom=$(enc '[[[2, 42], [3, 42], [2, 43], [2, 42]]]')"
)
REQUESTS=(plain within small intersects)

measure() { # path → "p50 p99 req/s" (ms)
    local url="$BASE$1" out="$TMP/wrk.txt" status
    status=$(curl -s -o "$TMP/body" -w '%{http_code}' "$url" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: check' -H 'X-M2M-RVI: 4')
    [ "$status" = 200 ] || { echo "$1 answered $status: $(cat "$TMP/body")" >&2; exit 1; }
    wrk -t1 -c1 -d3s -s bench/geo/get.lua "$url" > /dev/null
    wrk -t1 -c1 -d"$DURATION" --latency -s bench/geo/get.lua "$url" > "$out"
    if grep -q 'Non-2xx' "$out"; then cat "$out" >&2; exit 1; fi
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

echo "# reproduce: mvn -B -q -DskipTests package && GEO_COUNT=$COUNT GEO_ROUNDS=$ROUNDS GEO_DB=$DB bench/geo.sh"
echo "# machine load average (1/5/15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# database: $DB; load: wrk -t1 -c1 -d$DURATION --latency (3 s warm-up), loopback; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"

if [ -n "$FROM" ]; then
    echo "# the containers of $FROM (a copy)"
else
    # Keel creates the schema and the CSEBase, the generator adds the containers.
    start_keel
    stop_keel
    GEN_START=$(date +%s)
    "$JAVA" -cp "$TMP/gen:$TMP/lib/*" GeoGenerator "$JDBC" "$COUNT"
    [ "$DB" = postgres ] && psql -d "$PG_DB" -qc 'VACUUM ANALYZE'
    echo "# generated in $(( $(date +%s) - GEN_START )) s"
fi
start_keel
for request in "${REQUESTS[@]}"; do
    echo "# $request: GET ${PATHS[$request]}  → $(addresses "${PATHS[$request]}") address(es)"
done

declare -A P50 P99
for round in $(seq 1 "$ROUNDS"); do
    for request in "${REQUESTS[@]}"; do
        read -r p50 p99 rps < <(measure "${PATHS[$request]}")
        echo "round $round  $request: p50 $p50 ms  p99 $p99 ms  $rps req/s"
        P50[$request]+="$p50 "; P99[$request]+="$p99 "
    done
done

echo "# machine load average (1/5/15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| discovery over $COUNT located containers ($DB) | p50 / p99 (ms) | ratio to plain p50 / p99 |"
echo "|---|---|---|"
# shellcheck disable=SC2086
b50=$(median ${P50[plain]}); b99=$(median ${P99[plain]})
for request in "${REQUESTS[@]}"; do
    # shellcheck disable=SC2086
    m50=$(median ${P50[$request]}); m99=$(median ${P99[$request]})
    echo "| $request | $m50 / $m99 | $(ratio "$m50" "$b50") / $(ratio "$m99" "$b99") |"
done
