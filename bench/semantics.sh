#!/usr/bin/env bash
# Semantic discovery (smf, TS-0004 7.3.3.18) over many semanticDescriptors, next to the same discovery without it.
# Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/semantics.sh
#
# Keel gets SMB_COUNT containers (AEs of 1000), each with a <semanticDescriptor> child (Turtle, 6 triples) describing
# one device: of type TemperatureSensor, HumiditySensor or Light, located in one of 100 buildings, uniformly
# (bench/semantics/populate.py creates them through the HTTP API, SMB_CLIENTS clients at once, so the semantic index
# holds exactly what Keel writes). Then, one request at a time (pure latency), each measured SMB_ROUNDS times, the
# median reported:
#   plain      fu=1&ty=3&lim=100                       the same discovery without a semantic condition
#   selective  … & smf: Lights in building42            1/300 of the containers (0.33 %) match, all returned
#   broad      … & smf: every Light                      1/3 of the containers match; the first 100 are returned
#
# Settings (environment): SMB_COUNT=10000, SMB_CLIENTS=8, SMB_DURATION=10s per measured run, SMB_TIMEOUT=30s
# (wrk --timeout: a slower request would count as a socket error, not in the latencies), SMB_ROUNDS=3,
# SMB_DB=h2 or postgres (then PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres name a server where that user may create
# a database; the run creates one and drops it at the end), SMB_KEEP=1 keeps the temp dir (Keel's log and data) and,
# on postgres, the database. SMB_FROM=<what a run with SMB_KEEP=1 kept: its data directory (h2) or database name
# (postgres)> measures a copy of those devices instead of creating them again: two builds compared on the same data.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
COUNT=${SMB_COUNT:-10000}
CLIENTS=${SMB_CLIENTS:-8}
DURATION=${SMB_DURATION:-10s}
LATENCY_TIMEOUT=${SMB_TIMEOUT:-30s}
ROUNDS=${SMB_ROUNDS:-3}
DB=${SMB_DB:-h2}
KEEP=${SMB_KEEP:-0}
FROM=${SMB_FROM:-}
NAME=smb
# shellcheck source=bench/latency.sh
. bench/latency.sh

latency_init
EX='http://example.org/keel-bench#'
PLAIN="/cse-in?fu=1&ty=3&lim=100"
declare -A PATHS=(
    [plain]=$PLAIN
    [selective]="$PLAIN&smf=$(latency_enc "PREFIX ex: <$EX> SELECT ?d WHERE { ?d a ex:Light ; ex:locatedIn ex:building42 }")"
    [broad]="$PLAIN&smf=$(latency_enc "PREFIX ex: <$EX> SELECT ?d WHERE { ?d a ex:Light }")"
)
REQUESTS=(plain selective broad)

echo "# reproduce: mvn -B -q -DskipTests package && SMB_COUNT=$COUNT SMB_ROUNDS=$ROUNDS SMB_DB=$DB bench/semantics.sh"
echo "# database: $DB; load: wrk -t1 -c1 -d$DURATION --timeout $LATENCY_TIMEOUT --latency (3 s warm-up), loopback; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

latency_start_keel
if [ -n "$FROM" ]; then
    echo "# the devices of $FROM (a copy)"
else
    python3 bench/semantics/populate.py "$BASE" "$COUNT" "$CLIENTS"
fi
[ "$DB" = postgres ] && psql -d "$PG_DB" -qc 'VACUUM ANALYZE'
latency_rounds "discovery over $COUNT containers with a semanticDescriptor ($DB)"
