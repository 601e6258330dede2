#!/usr/bin/env bash
# Discovery (ty&lbl&lim=100) and latest-instance retrieval (la) on a tree of 10^6 contentInstances, next to the
# same requests on an almost empty tree, and the memory of both CSEs after the load (heap after a full GC, RSS).
# Not a test: `mvn verify` never runs it. See bench/README.md.
#
#   mvn -B -q -DskipTests package && bench/large-tree.sh
#
# Settings (environment): TREE_AES=100 TREE_CONTAINERS=10 TREE_INSTANCES=1000 (10^6 instances),
# TREE_DURATION=10s per measured run, TREE_ROUNDS=3, TREE_CONNECTIONS=1 (1 = pure latency, one request at a time),
# TREE_DB=h2 or postgres (then PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres name a server where that user may create
# databases; the run creates two and drops them at the end).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
. bench/lib.sh
AES=${TREE_AES:-100}
CONTAINERS=${TREE_CONTAINERS:-10}
INSTANCES=${TREE_INSTANCES:-1000}
DURATION=${TREE_DURATION:-10s}
ROUNDS=${TREE_ROUNDS:-3}
CONNECTIONS=${TREE_CONNECTIONS:-1}
DB=${TREE_DB:-h2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
HOST=127.0.0.1

command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f target/keel.war ] || { echo "target/keel.war is missing: mvn -B -q -DskipTests package" >&2; exit 1; }

TMP=$(mktemp -d)
declare -A PIDS=()
PG_PREFIX="keel_tree_$$_"
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    if [ "$DB" = postgres ]; then
        for tree in empty large; do psql -d postgres -qc "DROP DATABASE IF EXISTS $PG_PREFIX$tree" 2>/dev/null || true; done
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
cp target/keel.war "$TMP/keel.war"
mkdir -p "$TMP/lib" "$TMP/gen"
(cd "$TMP/lib" && unzip -q -j "$TMP/keel.war" 'WEB-INF/lib/h2-*.jar' 'WEB-INF/lib/postgresql-*.jar')
if [ "$DB" = postgres ]; then
    for tree in empty large; do psql -d postgres -qc "CREATE DATABASE $PG_PREFIX$tree"; done
fi
jdbc_url() { # tree → the JDBC URL of its database
    if [ "$DB" = postgres ]; then echo "jdbc:postgresql://$PGHOST:$PGPORT/$PG_PREFIX$1?user=$PGUSER"; else echo "jdbc:h2:file:$TMP/$1/keel"; fi
}
"$JAVAC" -d "$TMP/gen" bench/tree/TreeGenerator.java

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A PORTS=([empty]=$(free_port) [large]=$(free_port))

start_keel() { # tree (empty|large): its data dir is $TMP/<tree>, its port PORTS[<tree>]
    local base="http://$HOST:${PORTS[$1]}"
    local db=()
    [ "$DB" = postgres ] && db=(KEEL_DB_URL="$(jdbc_url "$1")")
    env -u KEEL_DB_URL KEEL_DATA_DIR="$TMP/$1" KEEL_HTTP_PORT="${PORTS[$1]}" "${db[@]}" "$JAVA" -jar "$TMP/keel.war" >> "$TMP/$1.log" 2>&1 &
    PIDS[$1]=$!
    bench_wait_http "$base/cse-in" "$TMP/$1.log" "${PIDS[$1]}"
}
stop_keel() { kill "${PIDS[$1]}"; wait "${PIDS[$1]}" 2>/dev/null || true; unset "PIDS[$1]"; }

onem2m() { # method path origin [ty body], on the empty tree
    local args=(-s -o /dev/null -w '%{http_code}' -X "$1" "http://$HOST:${PORTS[empty]}$2" -H "X-M2M-Origin: $3" -H "X-M2M-RI: setup" -H 'X-M2M-RVI: 3')
    [ $# -gt 3 ] && args+=(-H "Content-Type: application/json;ty=$4" -d "$5")
    curl "${args[@]}"
}

DISCOVERY="/cse-in?fu=1&ty=3&lbl=room:r7&lim=100"
AE_NO=$(( AES > 42 ? 42 : 0 ))
CNT_NO=$(( CONTAINERS > 7 ? 7 : 0 ))
LATEST="/cse-in/ae$AE_NO/c$CNT_NO/la"

measure() { # tree path → "p50 p99 req/s" (ms)
    local url="http://$HOST:${PORTS[$1]}$2" out="$TMP/wrk.txt" status
    status=$(curl -s -o "$TMP/body" -w '%{http_code}' "$url" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: check' -H 'X-M2M-RVI: 3')
    [ "$status" = 200 ] || { echo "$1: $2 answered $status: $(cat "$TMP/body")" >&2; exit 1; }
    wrk -t1 -c"$CONNECTIONS" -d3s -s bench/retrieve.lua "$url" -- 3 tree > /dev/null
    wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/retrieve.lua "$url" -- 3 tree > "$out"
    if grep -q 'Non-2xx' "$out"; then cat "$out" >&2; exit 1; fi
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
        END { printf "%.2f %.2f %.0f\n", p50, p99, rps }' "$out"
}
addresses() { # tree path → how many addresses the discovery answers
    curl -s "http://$HOST:${PORTS[$1]}$2" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: count' -H 'X-M2M-RVI: 3' -H 'Accept: application/json' \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["m2m:uril"]))'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "# reproduce: mvn -B -q -DskipTests package && TREE_AES=$AES TREE_CONTAINERS=$CONTAINERS TREE_INSTANCES=$INSTANCES TREE_ROUNDS=$ROUNDS TREE_DB=$DB bench/large-tree.sh"
echo "# database: $DB"
echo "# load: wrk -t1 -c$CONNECTIONS -d$DURATION --latency (3 s warm-up), loopback; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"
echo "# discovery: GET $DISCOVERY    latest: GET $LATEST"

# The empty tree: just what the two requests need.
start_keel empty
[ "$(onem2m POST /cse-in "Cbench$AE_NO" 2 '{"m2m:ae":{"rn":"ae'$AE_NO'","api":"Nbench","rr":false,"srv":["3"]}}')" = 201 ] &&
[ "$(onem2m POST "/cse-in/ae$AE_NO" CAdmin 3 '{"m2m:cnt":{"rn":"c'$CNT_NO'","lbl":["room:r7"]}}')" = 201 ] &&
[ "$(onem2m POST "/cse-in/ae$AE_NO/c$CNT_NO" CAdmin 4 '{"m2m:cin":{"cnf":"text/plain:0","con":"0001"}}')" = 201 ] ||
    { echo "setting up the empty tree failed" >&2; exit 1; }

# The large tree: Keel creates the schema and the CSEBase, the generator adds the rest through JDBC.
start_keel large
stop_keel large
GEN_START=$(date +%s)
"$JAVA" -cp "$TMP/gen:$TMP/lib/*" TreeGenerator "$(jdbc_url large)" "$AES" "$CONTAINERS" "$INSTANCES"
if [ "$DB" = postgres ]; then
    # What autovacuum would have done by now on a server that grew this tree over time: statistics, visibility map.
    psql -d "${PG_PREFIX}large" -qc 'VACUUM ANALYZE'
    echo "# generated in $(( $(date +%s) - GEN_START )) s; database $(psql -d postgres -qAtc "SELECT pg_size_pretty(pg_database_size('${PG_PREFIX}large'))")"
else
    echo "# generated in $(( $(date +%s) - GEN_START )) s; database $(du -sh "$TMP/large" | cut -f1)"
fi
start_keel large
echo "# discovery answers $(addresses empty "$DISCOVERY") address(es) on the empty tree, $(addresses large "$DISCOVERY") on the large one"

# Both servers stay up and are measured in alternation, so that a slow phase of the machine hits both trees alike;
# each figure below is the median over the rounds.
declare -A P50 P99
for round in $(seq 1 "$ROUNDS"); do
    for request in discovery latest; do
        path=$DISCOVERY; [ "$request" = latest ] && path=$LATEST
        for tree in empty large; do
            read -r p50 p99 rps < <(measure "$tree" "$path")
            echo "round $round  $request  $tree tree: p50 $p50 ms  p99 $p99 ms  $rps req/s"
            P50[$request.$tree]+="$p50 "; P99[$request.$tree]+="$p99 "
        done
    done
done

TOTAL=$(( AES + AES * CONTAINERS + AES * CONTAINERS * INSTANCES ))
echo
echo "| request | empty tree p50 / p99 (ms) | $TOTAL resources p50 / p99 (ms) | ratio p50 / p99 |"
echo "|---|---|---|---|"
for request in discovery latest; do
    label="discovery \`ty=3&lbl=room:r7&lim=100\`"; [ "$request" = latest ] && label="retrieve \`…/c$CNT_NO/la\`"
    # shellcheck disable=SC2086
    e50=$(median ${P50[$request.empty]}); e99=$(median ${P99[$request.empty]})
    # shellcheck disable=SC2086
    l50=$(median ${P50[$request.large]}); l99=$(median ${P99[$request.large]})
    echo "| $label | $e50 / $e99 | $l50 / $l99 | $(ratio "$l50" "$e50") / $(ratio "$l99" "$e99") |"
done

echo
echo "| memory after the load | empty tree | $TOTAL resources |"
echo "|---|---|---|"
echo "| heap used after a full GC (MB) | $(heap_used_mb "${PIDS[empty]}" gc) | $(heap_used_mb "${PIDS[large]}" gc) |"
echo "| RSS (MB) | $(rss_mb "${PIDS[empty]}") | $(rss_mb "${PIDS[large]}") |"
