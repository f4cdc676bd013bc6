#!/usr/bin/env bash
# Write a compressed, timestamped dump of the database.
#
#   scripts/backup.sh             -> backups/senat_groups-20260101-031500.dump
#   BACKUP_DIR=/srv/backups scripts/backup.sh
#
# The database is DATABASE_URL, or the project-local cluster (scripts/db.sh). The dump
# is pg_dump's custom format (compressed; restore it with scripts/restore.sh), made
# without owners or privileges so it restores into any account's fresh database.
# It prints the path of the file it wrote.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pg_env.sh
. "$ROOT/scripts/pg_env.sh"

BACKUP_DIR="${BACKUP_DIR:-$ROOT/backups}"
mkdir -p "$BACKUP_DIR"
NAME=$(db_name "$DB_URL")
FILE="$BACKUP_DIR/$NAME-$(date -u +%Y%m%d-%H%M%S).dump"

# Write to a temporary name first: a half-written dump is never taken for a good one.
"$PGBIN/pg_dump" --dbname="$DB_URL" --format=custom --compress=6 --no-owner --no-privileges \
    --file="$FILE.partial"
mv "$FILE.partial" "$FILE"
echo "$FILE"
