#!/usr/bin/env bash
# Requests per second and latency over every binding of one Keel, in one run: HTTP (TS-0009), WebSocket (TS-0020),
# MQTT (TS-0010, through a private Mosquitto) and CoAP (TS-0008); one AE, the same request primitives with the same
# number in flight: retrieve of one contentInstance, create of contentInstances (mni 1000). A benchmark, not a test:
# mvn verify never runs it. Keel runs as java -jar target/keel.war on a fresh H2 data directory; the client is
# bench/bindings/BindingsBench.java on the WAR's own classes and libraries.
#   mvn -B -q -DskipTests package && bench/bindings.sh       # BENCH_REQUESTS (5000), BENCH_IN_FLIGHT (32)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${BENCH_REQUESTS:-5000}"
inflight="${BENCH_IN_FLIGHT:-32}"
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || apt-get install -y -qq mosquitto >/dev/null
export PATH="$PATH:/usr/sbin"
[ -f target/keel.war ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
free_udp_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mqtt_port="$(free_port)"
http_port="$(free_port)"
coap_port="$(free_udp_port)"
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

# The client's classpath: the WAR's classes and libraries, as the CSE itself runs them.
mkdir -p "$tmp/war" && (cd "$tmp/war" && jar xf "$OLDPWD/target/keel.war" WEB-INF)
cp="$tmp/war/WEB-INF/classes:$tmp/war/WEB-INF/lib/*"

mosquitto -p "$mqtt_port" >"$tmp/mosquitto.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q ' running' "$tmp/mosquitto.log" && break; sleep 0.1; done

# Keel on its defaults but for the ports, the data directory and the bindings switched on.
env $(env | grep -o '^KEEL_[A-Z_]*' | sed 's/^/-u /') KEEL_HTTP_PORT="$http_port" KEEL_DATA_DIR="$tmp/data" \
    KEEL_MQTT_URL="tcp://127.0.0.1:$mqtt_port" KEEL_COAP_PORT="$coap_port" KEEL_CSE_ID=id-bench \
    java -jar target/keel.war >"$tmp/keel.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q "MQTT: connected" "$tmp/keel.log" 2>/dev/null && break; sleep 0.2; done
grep -q 'MQTT: connected' "$tmp/keel.log" || { cat "$tmp/keel.log"; exit 1; }

printf '.level=WARNING\nhandlers=java.util.logging.ConsoleHandler\n' >"$tmp/logging.properties"
java -Djava.util.logging.config.file="$tmp/logging.properties" -cp "$cp" bench/bindings/BindingsBench.java "http://127.0.0.1:$http_port" "ws://127.0.0.1:$http_port/" \
    "tcp://127.0.0.1:$mqtt_port" "$coap_port" id-bench cse-in "$requests" "$inflight"
