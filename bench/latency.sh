# shellcheck shell=bash
# Sourced by bench/geo.sh and bench/semantics.sh: one Keel on a fresh or kept database, and discoveries measured one
# request at a time (pure latency) next to a plain one. Not a test: `mvn verify` never runs it.
#
# The caller sets DB (h2 or postgres), KEEP (1: keep the temp dir and the database), FROM (a kept data directory or
# database to measure a copy of), NAME (a short word for the database name), DURATION, ROUNDS, and after
# latency_init the associative array PATHS and the array REQUESTS (the first is the plain discovery).
# shellcheck source=bench/lib.sh
. bench/lib.sh
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
HOST=127.0.0.1
LATENCY_TIMEOUT=${LATENCY_TIMEOUT:-30s}

# latency_init: TMP (Keel's log, data and war), PG_DB, JDBC, BASE; the database (a copy of FROM when given), and the
# EXIT trap that stops Keel and drops both unless KEEP=1.
latency_init() {
    command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
    [ -f target/keel.war ] || { echo "target/keel.war is missing: mvn -B -q -DskipTests package" >&2; exit 1; }
    TMP=$(mktemp -d)
    PID=
    PG_DB="keel_${NAME}_$$"
    trap latency_cleanup EXIT
    cp target/keel.war "$TMP/keel.war"
    if [ "$DB" = postgres ]; then
        psql -d postgres -qc "CREATE DATABASE $PG_DB${FROM:+ TEMPLATE $FROM}"
        JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?user=$PGUSER"
    else
        [ -z "$FROM" ] || cp -r "$FROM" "$TMP/data"
        JDBC="jdbc:h2:file:$TMP/data/keel"
    fi
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    BASE="http://$HOST:$port"
}

latency_cleanup() {
    [ -n "$PID" ] && { kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
    if [ "$KEEP" = 1 ]; then
        echo "# kept $TMP (data: $TMP/data)" >&2
        if [ "$DB" = postgres ]; then echo "# kept database $PG_DB" >&2; fi
    else
        [ "$DB" = postgres ] && { psql -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB" 2>/dev/null || true; }
        rm -rf "$TMP"
    fi
}

latency_start_keel() {
    local db=()
    [ "$DB" = postgres ] && db=(KEEL_DB_URL="$JDBC")
    env -u KEEL_DB_URL KEEL_DATA_DIR="$TMP/data" KEEL_HTTP_PORT="${BASE##*:}" "${db[@]}" "$JAVA" -jar "$TMP/keel.war" >> "$TMP/keel.log" 2>&1 &
    PID=$!
    bench_wait_http "$BASE/cse-in" "$TMP/keel.log" "$PID"
}

latency_stop_keel() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

latency_enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# latency_measure PATH → "p50 p99 req/s" (ms), after a check that it answers 200 and a 3 s warm-up
latency_measure() {
    local url="$BASE$1" out="$TMP/wrk.txt" status
    status=$(curl -s -o "$TMP/body" -w '%{http_code}' "$url" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: check' -H 'X-M2M-RVI: 4')
    [ "$status" = 200 ] || { echo "$1 answered $status: $(cat "$TMP/body")" >&2; exit 1; }
    wrk -t1 -c1 -d3s --timeout "$LATENCY_TIMEOUT" -s bench/retrieve.lua "$url" -- 4 lat > /dev/null
    wrk -t1 -c1 -d"$DURATION" --timeout "$LATENCY_TIMEOUT" --latency -s bench/retrieve.lua "$url" -- 4 lat > "$out"
    if grep -q "Non-2xx\|Socket errors" "$out"; then cat "$out" >&2; exit 1; fi
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
        END { printf "%.2f %.2f %.0f\n", p50, p99, rps }' "$out"
}

# latency_addresses PATH → how many addresses the discovery answers
latency_addresses() {
    curl -s "$BASE$1" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: count' -H 'X-M2M-RVI: 4' -H 'Accept: application/json' \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("m2m:uril", [])))'
}

latency_median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
latency_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# latency_rounds TITLE: every request of REQUESTS measured ROUNDS times, each round printed with the load, then the
# medians and their ratios to the first request's as a markdown table titled TITLE
latency_rounds() {
    local request round p50 p99 rps b50 b99 m50 m99
    for request in "${REQUESTS[@]}"; do
        echo "# $request: GET ${PATHS[$request]}  → $(latency_addresses "${PATHS[$request]}") address(es)"
    done
    declare -A P50 P99
    for round in $(seq 1 "$ROUNDS"); do
        for request in "${REQUESTS[@]}"; do
            read -r p50 p99 rps < <(latency_measure "${PATHS[$request]}")
            echo "round $round  $request: p50 $p50 ms  p99 $p99 ms  $rps req/s  (load $(cut -d' ' -f1 /proc/loadavg))"
            P50[$request]+="$p50 "; P99[$request]+="$p99 "
        done
    done
    echo "# machine load average (1/5/15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| $1 | p50 / p99 (ms) | ratio to ${REQUESTS[0]} p50 / p99 |"
    echo "|---|---|---|"
    # shellcheck disable=SC2086
    b50=$(latency_median ${P50[${REQUESTS[0]}]}); b99=$(latency_median ${P99[${REQUESTS[0]}]})
    for request in "${REQUESTS[@]}"; do
        # shellcheck disable=SC2086
        m50=$(latency_median ${P50[$request]}); m99=$(latency_median ${P99[$request]})
        echo "| $request | $m50 / $m99 | $(latency_ratio "$m50" "$b50") / $(latency_ratio "$m99" "$b99") |"
    done
}
