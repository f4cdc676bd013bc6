#!/usr/bin/env bash
# The whole deployment on one machine, over loopback, with the programs production uses.
#
#   scripts/cluster.sh start    start what is not running (first time: create everything)
#   scripts/cluster.sh stop     stop all of it
#   scripts/cluster.sh status   one line per part; exit code 3 when a part is down
#   scripts/cluster.sh env      print the app servers' environment (for manage.py, tests)
#
# Parts (ports are CLUSTER_PORT + n, 18700 by default, all on 127.0.0.1):
#   +0  HAProxy, https (self-signed certificate), health checks on /healthz
#   +1  PostgreSQL primary          var/cluster/primary/
#   +2  PostgreSQL streaming replica (pg_basebackup -R)  var/cluster/replica/
#   +3  Redis (cache, page-cache generation, sessions' cache)
#   +11 gunicorn app server "a"     +12 gunicorn app server "b"   (production settings)
# Everything lives in var/cluster/ (git-ignored). `start` is idempotent: it also restarts a
# part that was stopped or killed, which is what the cluster tests do.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR="$ROOT/var/cluster"
BASE="${CLUSTER_PORT:-18700}"
LB_PORT=$BASE
PRIMARY_PORT=$((BASE + 1))
REPLICA_PORT=$((BASE + 2))
REDIS_PORT=$((BASE + 3))
declare -A APP_PORT=([a]=$((BASE + 11)) [b]=$((BASE + 12)))
DB_USER=senat
DB_NAME=senat_groups
PY="$ROOT/.venv/bin/python"

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() {  # $1: data folder
    [ -f "$1/PG_VERSION" ] && as_postgres "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1
}

pid_alive() {  # $1: pid file
    [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

write_env() {
    [ -f "$DIR/secret_key" ] || { umask 077; "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" >"$DIR/secret_key"; }
    cat >"$DIR/env" <<EOF
DJANGO_DEBUG=0
SECRET_KEY_FILE=$DIR/secret_key
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=https://127.0.0.1:$LB_PORT
SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO
FORWARDED_ALLOW_IPS=127.0.0.1
TRUSTED_PROXY_COUNT=1
DATABASE_URL=postgres://$DB_USER@127.0.0.1:$PRIMARY_PORT/$DB_NAME
DATABASE_REPLICA_URL=postgres://$DB_USER@127.0.0.1:$REPLICA_PORT/$DB_NAME
DATABASE_REPLICA_MAX_LAG=${DATABASE_REPLICA_MAX_LAG:-30}
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
SENAT_PAGE_CACHE=1
SENAT_PAGE_CACHE_STAMP_FILE=$DIR/page-cache-generation
WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
CLUSTER_URL=https://127.0.0.1:$LB_PORT
CLUSTER_APP_A=http://127.0.0.1:${APP_PORT[a]}
CLUSTER_APP_B=http://127.0.0.1:${APP_PORT[b]}
CLUSTER_PRIMARY_DATA=$DIR/primary
CLUSTER_REPLICA_DATA=$DIR/replica
CLUSTER_TLS_CERT=$DIR/tls.pem
EOF
}

manage() {
    (set -a; . "$DIR/env"; set +a; cd "$ROOT" && "$PY" manage.py "$@")
}

start_primary() {
    local data="$DIR/primary"
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"; chmod 700 "$data"
        [ "$(id -u)" = 0 ] && chown postgres: "$data"
        # trust on loopback only: the cluster is a test bed, never reachable from outside.
        as_postgres "$PGBIN/initdb" -D "$data" -U "$DB_USER" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=trust >/dev/null
    fi
    if ! pg_running "$data"; then
        as_postgres "$PGBIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o \
            "-p $PRIMARY_PORT -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c max_connections=100 -c wal_level=replica" \
            start >/dev/null
    fi
    if ! "$PGBIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
        "$PGBIN/createdb" -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" "$DB_NAME"
    fi
    # Migrations and demo data run once per deployment, on the primary, before traffic.
    manage migrate --no-input -v 0
    manage load_demo --if-empty >/dev/null
}

start_replica() {
    local data="$DIR/replica"
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"; chmod 700 "$data"
        [ "$(id -u)" = 0 ] && chown postgres: "$data"
        # -R writes standby.signal and primary_conninfo: a streaming replica.
        as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" \
            -D "$data" -R -X stream -c fast
    fi
    if ! pg_running "$data"; then
        as_postgres "$PGBIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o \
            "-p $REPLICA_PORT -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c max_connections=100" \
            start >/dev/null
    fi
}

start_redis() {
    pid_alive "$DIR/redis.pid" && return
    mkdir -p "$DIR/redis"
    # A cache only: no snapshots, no append-only file.
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$DIR/redis" \
        --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --save "" --appendonly no
    for _ in $(seq 50); do pid_alive "$DIR/redis.pid" && return; sleep 0.1; done
    echo "redis-server did not start; see $DIR/redis.log" >&2; exit 1
}

start_app() {  # $1: a or b
    local name=$1 port=${APP_PORT[$1]}
    pid_alive "$DIR/app-$name.pid" && return
    # setsid: its own process group, so that stop (and the tests) can end the master and
    # its workers by that group's id.
    (
        set -a; . "$DIR/env"; set +a
        cd "$ROOT"
        setsid "$ROOT/.venv/bin/gunicorn" -c senat_groups/gunicorn.conf.py --no-control-socket \
            --bind "127.0.0.1:$port" --workers "$WEB_CONCURRENCY" \
            >>"$DIR/app-$name.log" 2>&1 </dev/null &
        echo $! >"$DIR/app-$name.pid"
    )
    for _ in $(seq 150); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return
        pid_alive "$DIR/app-$name.pid" || break
        sleep 0.2
    done
    echo "app server $name did not answer on /healthz; see $DIR/app-$name.log" >&2; exit 1
}

start_haproxy() {
    pid_alive "$DIR/haproxy.pid" && return
    if [ ! -f "$DIR/tls.pem" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" \
            -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
            -keyout "$DIR/tls.key" -out "$DIR/tls.crt" 2>/dev/null
        cat "$DIR/tls.crt" "$DIR/tls.key" >"$DIR/tls.pem"
    fi
    sed -e "s|@LB_PORT@|$LB_PORT|g" -e "s|@APP_A@|${APP_PORT[a]}|g" -e "s|@APP_B@|${APP_PORT[b]}|g" \
        -e "s|@TLS@|$DIR/tls.pem|g" "$ROOT/deploy/haproxy.cfg" >"$DIR/haproxy.cfg"
    haproxy -c -q -f "$DIR/haproxy.cfg"
    haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
}

start() {
    for program in haproxy redis-server openssl curl; do
        command -v $program >/dev/null || { echo "$program is missing: run make cluster as root, or apt-get install haproxy redis-server openssl curl" >&2; exit 1; }
    done
    [ -x "$PGBIN/pg_basebackup" ] || { echo "PostgreSQL server binaries missing (apt-get install postgresql)" >&2; exit 1; }
    mkdir -p "$DIR"
    # As root, PostgreSQL runs as 'postgres', which must be able to walk down to its data.
    # var/ may already exist as 700: Django's file cache (the login throttle) creates its
    # folder's parents under umask 077 (seen in CI: initdb "Permission denied").
    if [ "$(id -u)" = 0 ]; then chmod 755 "$ROOT/var" "$DIR"; fi
    write_env
    start_primary
    start_replica
    start_redis
    start_app a
    start_app b
    start_haproxy
    status
}

stop_pid() {  # $1: pid file; $2: "group" to end the whole process group
    local file=$1 pid
    pid_alive "$file" || { rm -f "$file"; return 0; }
    pid=$(cat "$file")
    if [ "${2:-}" = group ]; then kill -TERM -- "-$pid" 2>/dev/null || true; else kill -TERM "$pid"; fi
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" || true; fi
    rm -f "$file"
}

stop() {
    stop_pid "$DIR/haproxy.pid"
    stop_pid "$DIR/app-a.pid" group
    stop_pid "$DIR/app-b.pid" group
    stop_pid "$DIR/redis.pid"
    for data in "$DIR/replica" "$DIR/primary"; do
        pg_running "$data" && as_postgres "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    done
    echo "cluster stopped"
}

part() {  # $1: name, $2: port, then the command that succeeds when the part is up
    local name=$1 port=$2; shift 2
    if "$@" >/dev/null 2>&1; then
        printf '%-18s 127.0.0.1:%-6s up\n' "$name" "$port"
    else
        printf '%-18s 127.0.0.1:%-6s DOWN\n' "$name" "$port"; DOWN=1
    fi
}

status() {
    DOWN=0
    part "postgres primary" "$PRIMARY_PORT" pg_running "$DIR/primary"
    part "postgres replica" "$REPLICA_PORT" pg_running "$DIR/replica"
    if pg_running "$DIR/replica"; then
        echo "                   replica in recovery: $("$PGBIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U "$DB_USER" -d postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null || echo '?')," \
            "streaming senders on the primary: $("$PGBIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" -d postgres -tAc "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null || echo '?')"
    fi
    part "redis" "$REDIS_PORT" pid_alive "$DIR/redis.pid"
    part "app server a" "${APP_PORT[a]}" curl -sf "http://127.0.0.1:${APP_PORT[a]}/healthz"
    part "app server b" "${APP_PORT[b]}" curl -sf "http://127.0.0.1:${APP_PORT[b]}/healthz"
    part "haproxy (https)" "$LB_PORT" curl -skf "https://127.0.0.1:$LB_PORT/healthz"
    [ "$DOWN" = 0 ] || return 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) [ -d "$DIR" ] || { echo "no cluster in $DIR (make cluster)"; exit 3; }; status ;;
    env) cat "$DIR/env" ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
