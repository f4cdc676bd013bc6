#!/usr/bin/env bash
# The embedded development database: a project-local PostgreSQL cluster.
#
#   scripts/db.sh start   initialise (first time) and start it, create the database
#   scripts/db.sh stop    stop it
#   scripts/db.sh status  say whether it runs
#
# Data lives in .pgdata/ (git-ignored); the server listens on 127.0.0.1 only, on
# SENAT_PG_PORT (54329 by default). When DATABASE_URL is set this script does nothing:
# that database is used as it is. Authentication is "trust" for the cluster's own
# loopback address: it is a developer's database, never a production one.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$ROOT/.pgdata"
PORT="${SENAT_PG_PORT:-54329}"
DB_USER=senat
DB_NAME=senat_groups

if [ -n "${DATABASE_URL:-}" ]; then
    echo "DATABASE_URL is set: using it, no local cluster needed."
    exit 0
fi

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

PGBIN=$(find_bin)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's PostgreSQL server..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        PGBIN=$(find_bin)
    else
        echo "PostgreSQL server binaries not found: install Debian's 'postgresql' package," >&2
        echo "or set DATABASE_URL to an existing database." >&2
        exit 1
    fi
fi

# PostgreSQL refuses to run as root: run the server as the 'postgres' user then.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

running() {
    [ -f "$DATA/PG_VERSION" ] && as_owner "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
    if [ ! -f "$DATA/PG_VERSION" ]; then
        mkdir -p "$DATA"
        [ "$(id -u)" = 0 ] && chown postgres: "$DATA"
        chmod 700 "$DATA"
        echo "Creating the local PostgreSQL cluster in $DATA..."
        as_owner "$PGBIN/initdb" -D "$DATA" -U "$DB_USER" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=trust >/dev/null
    fi
    if ! running; then
        if ! as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
            -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null; then
            echo "PostgreSQL did not start; the end of $DATA/server.log says:" >&2
            tail -n 5 "$DATA/server.log" >&2
            echo "(Another server on port $PORT? Choose another with SENAT_PG_PORT=...)" >&2
            exit 1
        fi
        echo "PostgreSQL listens on 127.0.0.1:$PORT (data in .pgdata/, stop with: make stop)"
    fi
    if ! "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
        "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME"
    fi
}

stop() {
    if running; then
        as_owner "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        echo "PostgreSQL stopped."
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if running; then echo "running on 127.0.0.1:$PORT"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
