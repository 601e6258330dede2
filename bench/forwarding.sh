#!/usr/bin/env bash
# The latency a forwarding hop adds (TS-0004 7.3.2.6): the same retrieve of a contentInstance on an IN-CSE, asked of
# the IN itself and of an MN-CSE registered to it, which forwards it. Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/forwarding.sh
#
# Settings (environment): FWD_DURATION=10s per measured run, FWD_ROUNDS=3, FWD_CONNECTIONS=1 (1 = pure latency).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DURATION=${FWD_DURATION:-10s}
ROUNDS=${FWD_ROUNDS:-3}
CONNECTIONS=${FWD_CONNECTIONS:-1}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
HOST=127.0.0.1

command -v wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
source "$ROOT/bench/two-cses.sh"
# The MN passes the client's CAdmin on as /id-mn/CAdmin, which is the IN's admin no more: a policy lets anyone retrieve.
[ "$(onem2m "${PORTS[in]}" POST /cse-in 1 '{"m2m:acp":{"rn":"readAll","pv":{"acr":[{"acor":["all"],"acop":2}]},"pvs":{"acr":[{"acor":["CAdmin"],"acop":63}]}}}')" = 201 ] ||
    { echo "setting up the IN failed: $(cat "$TMP/body")" >&2; exit 1; }
ACP=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["m2m:acp"]["ri"])' "$TMP/body")
[ "$(onem2m "${PORTS[in]}" POST /cse-in 3 '{"m2m:cnt":{"rn":"box","acpi":["'"$ACP"'"]}}')" = 201 ] &&
[ "$(onem2m "${PORTS[in]}" POST /cse-in/box 4 '{"m2m:cin":{"rn":"reading","cnf":"text/plain:0","con":"21.5"}}')" = 201 ] ||
    { echo "setting up the IN failed: $(cat "$TMP/body")" >&2; exit 1; }

TARGET=/~/id-in/cse-in/box/reading
measure() { # cse → "p50 p99 req/s" (ms) of the retrieve of TARGET asked of that CSE
    local url="http://$HOST:${PORTS[$1]}$TARGET" out="$TMP/wrk.txt" status
    status=$(curl -s -o "$TMP/body" -w '%{http_code}' "$url" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: check' -H 'X-M2M-RVI: 3' \
        -H 'Authorization: Bearer client-token')
    [ "$status" = 200 ] || { echo "$1: $TARGET answered $status: $(cat "$TMP/body")" >&2; exit 1; }
    wrk -t1 -c"$CONNECTIONS" -d3s -s bench/retrieve.lua "$url" -- 3 fwd client-token > /dev/null
    wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/retrieve.lua "$url" -- 3 fwd client-token > "$out"
    if grep -q 'Non-2xx' "$out"; then cat "$out" >&2; exit 1; fi
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
        END { printf "%.2f %.2f %.0f\n", p50, p99, rps }' "$out"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "# reproduce: mvn -B -q -DskipTests package && FWD_ROUNDS=$ROUNDS FWD_CONNECTIONS=$CONNECTIONS bench/forwarding.sh"
echo "# load: wrk -t1 -c$CONNECTIONS -d$DURATION --latency (3 s warm-up), loopback, H2, HTTP authentication on both CSEs;"
echo "# $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"
declare -A P50 P99 RPS
for round in $(seq 1 "$ROUNDS"); do
    for cse in in mn; do
        read -r p50 p99 rps < <(measure "$cse")
        echo "round $round  asked of the $cse: p50 $p50 ms  p99 $p99 ms  $rps req/s"
        P50[$cse]+="$p50 "; P99[$cse]+="$p99 "; RPS[$cse]+="$rps "
    done
done
# shellcheck disable=SC2086
in50=$(median ${P50[in]}); in99=$(median ${P99[in]}); inr=$(median ${RPS[in]})
# shellcheck disable=SC2086
mn50=$(median ${P50[mn]}); mn99=$(median ${P99[mn]}); mnr=$(median ${RPS[mn]})
echo
echo "| retrieve of \`$TARGET\` | p50 (ms) | p99 (ms) | req/s |"
echo "|---|---|---|---|"
echo "| asked of the IN (hosting CSE) | $in50 | $in99 | $inr |"
echo "| asked of the MN (one forwarding hop) | $mn50 | $mn99 | $mnr |"
echo "| added by the hop | $(awk -v a="$mn50" -v b="$in50" 'BEGIN { printf "%.2f", a - b }') | $(awk -v a="$mn99" -v b="$in99" 'BEGIN { printf "%.2f", a - b }') | |"
