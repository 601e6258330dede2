#!/usr/bin/env bash
# Missing-data detection under load (TS-0001 10.2.4.29, TS-0004 7.4.38): TS_COUNT periodic timeSeries with pei and
# mdd on, most of them fed on time, TS_SILENT left silent after their first instance (each with a net 8 subscription
# to a local receiver); measures how late after its due time (expected dataGenerationTime + mdt) the CSE records a
# missing point (the series' lt) and notifies it, checks that no point is notified twice and no fed series has one,
# and reads Keel's CPU (all of it, and its missing-data thread's) from /proc. Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/timeseries.sh                   # H2
#   TS_DB=postgres bench/timeseries.sh                                      # PostgreSQL (PGHOST, PGPORT, PGUSER)
#
# Settings (environment): TS_COUNT=10000 TS_SILENT=500 TS_PEI_MS=120000 TS_PEID_MS=500 TS_MDT_MS=30000
# TS_WINDOW_S=240 (measured after the set-up) TS_CLIENTS=8 TS_DB=h2|postgres. The fed series cost one create each per
# period, so TS_COUNT/TS_PEI is what the machine must be able to create per second; see bench/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DB=${TS_DB:-h2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# shellcheck source=bench/lib.sh
. bench/lib.sh
HOST=127.0.0.1
[ -f target/keel.war ] || { echo "target/keel.war is missing: mvn -B -q -DskipTests package" >&2; exit 1; }

TMP=$(mktemp -d)
PID=
PG_DB="keel_ts_$$"
cleanup() {
    [ -n "$PID" ] && { kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
    [ "$DB" = postgres ] && { psql -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB" 2>/dev/null || true; }
    rm -rf "$TMP"
}
trap cleanup EXIT
cp target/keel.war "$TMP/keel.war"
db=()
if [ "$DB" = postgres ]; then
    psql -d postgres -qc "CREATE DATABASE $PG_DB"
    db=(KEEL_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?user=$PGUSER")
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Only the settings named here: a KEEL_* of the calling shell would change what is measured.
env $(env | grep -o '^KEEL_[A-Z0-9_]*' | sed 's/^/-u /') KEEL_DATA_DIR="$TMP/data" KEEL_HTTP_PORT="$PORT" "${db[@]}" \
    "$JAVA" -jar "$TMP/keel.war" > "$TMP/keel.log" 2>&1 &
PID=$!
bench_wait_http "http://$HOST:$PORT/cse-in" "$TMP/keel.log" "$PID"

echo "# reproduce: mvn -B -q -DskipTests package && TS_DB=$DB TS_COUNT=${TS_COUNT:-10000} TS_SILENT=${TS_SILENT:-500}" \
    "TS_PEI_MS=${TS_PEI_MS:-120000} TS_MDT_MS=${TS_MDT_MS:-30000} TS_WINDOW_S=${TS_WINDOW_S:-240} bench/timeseries.sh"
echo "# loopback, $DB, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -n1)"
TS_DB=$DB python3 bench/timeseries/driver.py "http://$HOST:$PORT" "$PID"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
