#!/usr/bin/env bash
# Requests per second over MQTT (TS-0010) next to HTTP (TS-0009): one AE, retrieve of one contentInstance and create
# of contentInstances, the same number of requests in flight on both. A benchmark, not a test: mvn verify never runs
# it. Starts a private Mosquitto (mosquitto -p <free port>, loopback only) and Keel (java -jar target/keel.war) with
# a fresh H2 data directory, runs bench/mqtt/MqttBench.java, stops both.
#   mvn -B -q -DskipTests package && bench/mqtt.sh        # BENCH_REQUESTS (5000), BENCH_IN_FLIGHT (32)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${BENCH_REQUESTS:-5000}"
inflight="${BENCH_IN_FLIGHT:-32}"
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || apt-get install -y -qq mosquitto >/dev/null
export PATH="$PATH:/usr/sbin"
paho="$(find ~/.m2/repository/org/eclipse/paho/org.eclipse.paho.client.mqttv3/1.2.5 -name '*.jar' | head -n 1)"
[ -f target/keel.war ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
[ -n "$paho" ] || { echo "the Paho jar is not in ~/.m2 (build Keel first)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mqtt_port="$(free_port)"
http_port="$(free_port)"
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

mosquitto -p "$mqtt_port" >"$tmp/mosquitto.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q ' running' "$tmp/mosquitto.log" && break; sleep 0.1; done

# Keel on its defaults but for the ports, the data directory and the MQTT server.
env $(env | grep -o '^KEEL_[A-Z_]*' | sed 's/^/-u /') KEEL_HTTP_PORT="$http_port" KEEL_DATA_DIR="$tmp/data" \
    KEEL_MQTT_URL="tcp://127.0.0.1:$mqtt_port" KEEL_CSE_ID=id-bench \
    java -jar target/keel.war >"$tmp/keel.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q "MQTT: connected" "$tmp/keel.log" 2>/dev/null && break; sleep 0.2; done
grep -q 'MQTT: connected' "$tmp/keel.log" || { cat "$tmp/keel.log"; exit 1; }

java -cp "$paho" bench/mqtt/MqttBench.java "tcp://127.0.0.1:$mqtt_port" "http://127.0.0.1:$http_port" id-bench cse-in \
    "$requests" "$inflight"
