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

[ -f target/keel.war ] || { echo "target/keel.war is missing: mvn -B -q -DskipTests package" >&2; exit 1; }

TMP=$(mktemp -d)
declare -A PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT
cp target/keel.war "$TMP/keel.war"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A PORTS=([in]=$(free_port) [mn]=$(free_port))
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
# Each CSE admits the client (every C… originator) and the other CSE by a bearer token.
printf 'bearer sha256:%s C*\nbearer sha256:%s /id-mn*\n' "$(sha client-token)" "$(sha mn-token)" > "$TMP/in.credentials"
printf 'bearer sha256:%s C*\nbearer sha256:%s /id-in*\n' "$(sha client-token)" "$(sha in-token)" > "$TMP/mn.credentials"

start_keel() { # cse (in|mn) settings...
    local cse=$1; shift
    env -u KEEL_DB_URL KEEL_DATA_DIR="$TMP/$cse" KEEL_HTTP_PORT="${PORTS[$cse]}" KEEL_AUTH_CREDENTIALS="$TMP/$cse.credentials" \
        "$@" "$JAVA" -jar "$TMP/keel.war" >> "$TMP/$cse.log" 2>&1 &
    PIDS[$cse]=$!
    for _ in $(seq 1 180); do
        grep -q "Keel is serving" "$TMP/$cse.log" && return 0
        sleep 0.5
    done
    echo "Keel ($cse) did not start; log:" >&2; cat "$TMP/$cse.log" >&2; exit 1
}
onem2m() { # port method path [ty body] → status
    local args=(-s -o "$TMP/body" -w '%{http_code}' -X "$2" "http://$HOST:$1$3" -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: setup'
        -H 'X-M2M-RVI: 3' -H 'Authorization: Bearer client-token')
    [ $# -gt 3 ] && args+=(-H "Content-Type: application/json;ty=$4" -d "$5")
    curl "${args[@]}"
}

start_keel in KEEL_CSE_ID=id-in KEEL_CSE_NAME=cse-in KEEL_CSE_TYPE=IN KEEL_FORWARDING_AUTHORIZATION="Bearer in-token"
start_keel mn KEEL_CSE_ID=id-mn KEEL_CSE_NAME=cse-mn KEEL_CSE_TYPE=MN KEEL_REGISTRAR_POA="http://$HOST:${PORTS[in]}" \
    KEEL_REGISTRAR_CSE_ID=id-in KEEL_REGISTRAR_CSE_NAME=cse-in KEEL_REGISTRAR_AUTHORIZATION="Bearer mn-token"
for _ in $(seq 1 120); do
    [ "$(onem2m "${PORTS[in]}" GET /cse-in/id-mn)" = 200 ] && break
    sleep 0.5
done
[ "$(onem2m "${PORTS[in]}" GET /cse-in/id-mn)" = 200 ] || { echo "the MN did not register: $(cat "$TMP/body")" >&2; cat "$TMP/mn.log" >&2; exit 1; }
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
