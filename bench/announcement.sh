#!/usr/bin/env bash
# How many announced resources per second a registree pushes (TS-0004 7.3.3.10): an MN-CSE registered to an IN-CSE
# gets ANN_COUNT containers with at = [/id-in], created by ANN_CLIENTS clients at once, and the IN is asked until it
# holds every containerAnnc. Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/announcement.sh
#
# Settings (environment): ANN_COUNT=500, ANN_CLIENTS=4.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
COUNT=${ANN_COUNT:-500}
CLIENTS=${ANN_CLIENTS:-4}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
HOST=127.0.0.1

source "$ROOT/bench/two-cses.sh"
now() { date +%s.%N; }
announced() { # how many containerAnnc the IN holds
    curl -s "http://$HOST:${PORTS[in]}/cse-in?fu=1&ty=10003&lim=100000" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: count' \
        -H 'X-M2M-RVI: 3' -H 'Authorization: Bearer client-token' -H 'Accept: application/json' \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("m2m:uril", [])))'
}
create() { # n: one announced container on the MN
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://$HOST:$MN_PORT/cse-mn" -H 'X-M2M-Origin: CAdmin' \
        -H "X-M2M-RI: ann-$1" -H 'X-M2M-RVI: 3' -H 'Authorization: Bearer client-token' -H 'Content-Type: application/json;ty=3' \
        -d '{"m2m:cnt":{"rn":"box'"$1"'","at":["/id-in"]}}'
}
export -f create; export HOST; export MN_PORT=${PORTS[mn]}
echo "# reproduce: mvn -B -q -DskipTests package && ANN_COUNT=$COUNT ANN_CLIENTS=$CLIENTS bench/announcement.sh"
echo "# loopback, H2, HTTP authentication on both CSEs; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"
START=$(now)
seq 1 "$COUNT" | xargs -P "$CLIENTS" -I{} bash -c 'create {}' > "$TMP/created"
CREATED=$(now)
bad=$(grep -vc '^201$' "$TMP/created" || true)
[ "$bad" = 0 ] || { echo "$bad creates were not answered 201" >&2; sort "$TMP/created" | uniq -c >&2; exit 1; }
for _ in $(seq 1 1200); do
    [ "$(announced)" -ge "$COUNT" ] && break
    sleep 0.25
done
DONE=$(now)
[ "$(announced)" -ge "$COUNT" ] || { echo "the IN holds $(announced) of $COUNT announced containers after 5 minutes" >&2; exit 1; }
awk -v n="$COUNT" -v s="$START" -v c="$CREATED" -v d="$DONE" 'BEGIN {
    printf "| %d containers announced MN → IN | created in %.1f s (%.0f/s) | all announced after %.1f s | %.0f announcements/s |\n", n, c - s, n / (c - s), d - s, n / (d - s) }'
