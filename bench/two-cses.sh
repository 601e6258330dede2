# Sourced by bench/forwarding.sh and bench/announcement.sh: an IN-CSE (id-in) and an MN-CSE (id-mn) registered to it,
# each `java -jar keel.war` on loopback with its own H2 in a temp dir and HTTP authentication (bearer tokens: the
# client's, and one per CSE). Leaves PORTS[in], PORTS[mn], TMP, and onem2m(); stops both on exit.
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
