#!/usr/bin/env bash
# Restore a dump written by scripts/backup.sh into a new, empty database.
#
#   scripts/restore.sh backups/senat_groups-20260101-031500.dump [NEW_DB_NAME]
#
# NEW_DB_NAME defaults to senat_groups_restored_<UTC timestamp>. The database must not
# exist yet: a restore never overwrites data. The new database lives on the same server
# as DATABASE_URL (or the project-local cluster); the script prints its URL. To switch
# the portal over, point DATABASE_URL at it, then run `manage.py migrate --check`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pg_env.sh
. "$ROOT/scripts/pg_env.sh"

FILE="${1:?usage: $0 DUMP_FILE [NEW_DB_NAME]}"
TARGET="${2:-senat_groups_restored_$(date -u +%Y%m%d_%H%M%S)}"
[ -f "$FILE" ] || { echo "No such dump: $FILE" >&2; exit 1; }
if ! [[ "$TARGET" =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
    echo "Database names here are lower-case letters, digits and _: $TARGET" >&2
    exit 2
fi

ADMIN_URL=$(with_db "$DB_URL" postgres)
TARGET_URL=$(with_db "$DB_URL" "$TARGET")
if [ -n "$("$PGBIN/psql" "$ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$TARGET'")" ]; then
    echo "Database $TARGET already exists; choose a new name." >&2
    exit 1
fi
# template0: an empty database, whatever was added to template1 on this server.
"$PGBIN/psql" "$ADMIN_URL" -q -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE \"$TARGET\" TEMPLATE template0 ENCODING 'UTF8'"
if ! "$PGBIN/pg_restore" --dbname="$TARGET_URL" --no-owner --no-privileges --exit-on-error \
    --single-transaction "$FILE"; then
    "$PGBIN/psql" "$ADMIN_URL" -q -c "DROP DATABASE IF EXISTS \"$TARGET\""
    echo "Restore failed; $TARGET was dropped." >&2
    exit 1
fi
echo "$TARGET_URL"
