# Sourced by backup.sh and restore.sh: which database, and which PostgreSQL tools.
#
# DB_URL is DATABASE_URL, or the project-local cluster's database. PGBIN holds the
# client tools of the server's major version (pg_dump refuses a newer server, and a
# dump from a newer pg_dump may not restore on this server).

DB_URL="${DATABASE_URL:-postgres://senat@127.0.0.1:${SENAT_PG_PORT:-54329}/senat_groups}"

# The URL with another database name (the path), query string kept.
with_db() {
    local url="$1" name="$2" query=""
    case "$url" in *\?*) query="?${url#*\?}"; url="${url%%\?*}" ;; esac
    echo "${url%/*}/$name$query"
}

db_name() {
    local url="${1%%\?*}"
    echo "${url##*/}"
}

_server_major=$(psql "$DB_URL" -tAc "SHOW server_version_num" 2>/dev/null | cut -c1-2 || true)
if [ -n "$_server_major" ] && [ -x "/usr/lib/postgresql/$_server_major/bin/pg_dump" ]; then
    PGBIN="/usr/lib/postgresql/$_server_major/bin"
else
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    PGBIN="${PGBIN:-$(dirname "$(command -v pg_dump)")}"
fi
