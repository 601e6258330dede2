# Sourced by bench/run.sh and bench/profile.sh: the database Keel runs on.
#   BENCH_DB=h2 (default)  embedded H2 in Keel's fresh KEEL_DATA_DIR
#   BENCH_DB=postgres      a fresh database on the server of BENCH_PG_URL (whose user may create databases), created
#                          before Keel starts and dropped at the end; Keel gets it through KEEL_DB_URL
#   BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres   (its database is only where psql connects)
#   BENCH_PG_VACUUM=1      after each warm-up, VACUUM ANALYZE the fresh database (0: measure it as the load left it)
BENCH_DB=${BENCH_DB:-h2}
BENCH_PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
BENCH_PG_VACUUM=${BENCH_PG_VACUUM:-1}
BENCH_PG_DB=
BENCH_PG_KEEL_URL=
BENCH_DB_ENV=()   # what Keel's `env` gets: KEEL_DB_URL=... on PostgreSQL, nothing on H2

case "$BENCH_DB" in
    h2 | postgres) ;;
    *) printf 'BENCH_DB must be h2 or postgres, not %s\n' "$BENCH_DB" >&2; exit 1 ;;
esac

# bench_pg_part NAME: host, port, db, user, password or query of BENCH_PG_URL
bench_pg_part() {
    local rest=${BENCH_PG_URL#jdbc:postgresql://} hostport query=
    case "$rest" in *\?*) query=${rest#*\?} ;; esac
    rest=${rest%%\?*}
    hostport=${rest%%/*}
    case "$1" in
        host) hostport=${hostport%%:*}; printf '%s' "${hostport:-127.0.0.1}" ;;
        port) case "$hostport" in *:*) printf '%s' "${hostport#*:}" ;; *) printf 5432 ;; esac ;;
        db) printf '%s' "${rest#*/}" ;;
        query) printf '%s' "$query" ;;
        user | password) tr '&' '\n' <<<"$query" | sed -n "s/^$1=//p" | head -n1 ;;
    esac
}

bench_psql() {
    local pw
    pw=$(bench_pg_part password)
    PGPASSWORD=${pw:-${PGPASSWORD:-}} psql -X -q -v ON_ERROR_STOP=1 -h "$(bench_pg_part host)" -p "$(bench_pg_part port)" \
        -U "$(bench_pg_part user)" -d "$(bench_pg_part db)" "$@"
}

bench_db_create() {
    [ "$BENCH_DB" = postgres ] || return 0
    command -v psql >/dev/null 2>&1 || { printf 'BENCH_DB=postgres needs psql\n' >&2; exit 1; }
    case "$BENCH_PG_URL" in jdbc:postgresql://*) ;; *) printf 'BENCH_PG_URL must be a jdbc:postgresql:// URL\n' >&2; exit 1 ;; esac
    local name="keel_bench_$$_$(date +%s)" query
    bench_psql -c "CREATE DATABASE $name" || { printf 'could not create database %s at %s\n' "$name" "$BENCH_PG_URL" >&2; exit 1; }
    BENCH_PG_DB=$name
    query=$(bench_pg_part query)
    BENCH_PG_KEEL_URL="jdbc:postgresql://$(bench_pg_part host):$(bench_pg_part port)/$name${query:+?$query}"
    BENCH_DB_ENV=("KEEL_DB_URL=$BENCH_PG_KEEL_URL")
}

bench_db_drop() {
    [ -n "$BENCH_PG_DB" ] || return 0
    bench_psql -c "DROP DATABASE IF EXISTS $BENCH_PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
    BENCH_PG_DB=
}

# After a warm-up: the database as autovacuum keeps a running one (it wakes every minute by default), not as the
# warm-up left a fresh one — without statistics, PostgreSQL plans Keel's prepared statements for the empty tables it
# first saw (sequential scans) and keeps those plans until an ANALYZE, and every deleted row stays. A server run with
# autovacuum = off (this machine's, for the tests) would keep both for the whole run.
bench_db_settle() {
    [ -n "$BENCH_PG_DB" ] && [ "$BENCH_PG_VACUUM" = 1 ] || return 0
    bench_psql -c "VACUUM ANALYZE" -d "$BENCH_PG_DB" || { printf 'VACUUM ANALYZE of %s failed\n' "$BENCH_PG_DB" >&2; exit 1; }
}

bench_db_describe() {
    if [ "$BENCH_DB" = postgres ]; then
        local settle='VACUUM ANALYZE after each warm-up'
        [ "$BENCH_PG_VACUUM" = 1 ] || settle='no VACUUM ANALYZE'
        printf 'PostgreSQL %s (fresh database %s, autovacuum %s, %s)' \
            "$(bench_psql -tAc 'SHOW server_version' 2>/dev/null || echo '?')" "${BENCH_PG_DB:-keel_bench_*}" \
            "$(bench_psql -tAc 'SHOW autovacuum' 2>/dev/null || echo '?')" "$settle"
    else
        printf 'H2 (fresh KEEL_DATA_DIR)'
    fi
}
