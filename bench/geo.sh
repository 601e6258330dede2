#!/usr/bin/env bash
# Discovery with a geo-query (Release 4 gmty/geom/gsf) over many located containers, next to the same discovery
# without it. Not a test: `mvn verify` never runs it.
#
#   mvn -B -q -DskipTests package && bench/geo.sh
#
# The database gets GEO_COUNT containers (AEs of 1000), each with a point location spread uniformly over
# longitude 0..10, latitude 40..50, written through JDBC by bench/geo/GeoGenerator.java (with its resource_geo entries,
# as Keel writes them). Then, one request at a time (pure latency), each measured GEO_ROUNDS times, the median reported:
#   plain      fu=1&ty=3&lim=100                         the same discovery without a geo-query
#   within     … & a 1°×1° square, gsf=1 (Within)         about 1 % of the containers match; the first 100 are returned
#   small      … & a 0.1°×0.1° square, gsf=1              about 0.01 % match (10 per 10^5), all returned
#   intersects … & a triangle of about 0.5 °², gsf=3      about 0.5 % match; the first 100 are returned
#
# Settings (environment): GEO_COUNT=100000, GEO_DURATION=10s per measured run, GEO_ROUNDS=3,
# GEO_DB=h2 or postgres (then PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres name a server where that user may create
# a database; the run creates one and drops it at the end), GEO_KEEP=1 keeps the temp dir (Keel's log and data) and,
# on postgres, the database. GEO_FROM=<what a run with GEO_KEEP=1 kept: its data directory (h2) or database name
# (postgres)> measures a copy of those containers instead of generating them again (GEO_COUNT must say how many):
# two builds compared on the same data.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
COUNT=${GEO_COUNT:-100000}
DURATION=${GEO_DURATION:-10s}
ROUNDS=${GEO_ROUNDS:-3}
DB=${GEO_DB:-h2}
KEEP=${GEO_KEEP:-0}
FROM=${GEO_FROM:-}
NAME=geo
# shellcheck source=bench/latency.sh
. bench/latency.sh
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac

latency_init
mkdir -p "$TMP/lib" "$TMP/gen"
(cd "$TMP/lib" && unzip -q -j "$TMP/keel.war" 'WEB-INF/lib/h2-*.jar' 'WEB-INF/lib/postgresql-*.jar')
"$JAVAC" -d "$TMP/gen" bench/geo/GeoGenerator.java

PLAIN="/cse-in?fu=1&ty=3&lim=100"
declare -A PATHS=(
    [plain]=$PLAIN
    [within]="$PLAIN&gmty=3&gsf=1&geom=$(latency_enc '[[[4, 44], [5, 44], [5, 45], [4, 45], [4, 44]]]')"
    [small]="$PLAIN&gmty=3&gsf=1&geom=$(latency_enc '[[[4.5, 44.5], [4.6, 44.5], [4.6, 44.6], [4.5, 44.6], [4.5, 44.5]]]')"
    [intersects]="$PLAIN&gmty=3&gsf=3&geom=$(latency_enc '[[[2, 42], [3, 42], [2, 43], [2, 42]]]')"
)
REQUESTS=(plain within small intersects)

echo "# reproduce: mvn -B -q -DskipTests package && GEO_COUNT=$COUNT GEO_ROUNDS=$ROUNDS GEO_DB=$DB bench/geo.sh"
echo "# machine load average (1/5/15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# database: $DB; load: wrk -t1 -c1 -d$DURATION --latency (3 s warm-up), loopback; $(nproc) cores; $("$JAVA" -version 2>&1 | head -n1)"

if [ -n "$FROM" ]; then
    echo "# the containers of $FROM (a copy)"
else
    # Keel creates the schema and the CSEBase, the generator adds the containers.
    latency_start_keel
    latency_stop_keel
    GEN_START=$(date +%s)
    "$JAVA" -cp "$TMP/gen:$TMP/lib/*" GeoGenerator "$JDBC" "$COUNT"
    [ "$DB" = postgres ] && psql -d "$PG_DB" -qc 'VACUUM ANALYZE'
    echo "# generated in $(( $(date +%s) - GEN_START )) s"
fi
latency_start_keel
latency_rounds "discovery over $COUNT located containers ($DB)"
