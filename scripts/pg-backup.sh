#!/bin/sh
# A logical backup of the PostgreSQL database: pg_dump in its custom format (-Fc, compressed, restorable
# table by table with pg_restore), checked by listing it with pg_restore, then the oldest dumps beyond
# BACKUP_KEEP_DUMPS removed. Uses the server's DATABASE_URL; writes into BACKUP_DIR.
#
#   DATABASE_URL=postgres://user:pass@host:5432/roaauto BACKUP_DIR=/var/backups/roaauto scripts/pg-backup.sh
#
# PG_SCHEMA limits the dump to one schema (a database shared with other applications).
#
# Restore (into an empty database, with the server stopped):
#   pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" roaauto-<time>.dump
set -eu

: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
: "${BACKUP_DIR:?set BACKUP_DIR to the folder dumps are kept in}"
KEEP="${BACKUP_KEEP_DUMPS:-14}"
case "$KEEP" in ''|*[!0-9]*) echo "BACKUP_KEEP_DUMPS must be a number" >&2; exit 2 ;; esac

mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
final="$BACKUP_DIR/roaauto-$stamp.dump"
partial="$BACKUP_DIR/.partial-roaauto-$stamp.dump"
trap 'rm -f "$partial"' EXIT

# One consistent snapshot of the whole database (pg_dump reads in one repeatable-read transaction).
if [ -n "${PG_SCHEMA:-}" ]; then
  pg_dump --format=custom --compress=6 --no-owner --schema="$PG_SCHEMA" --file="$partial" "$DATABASE_URL"
else
  pg_dump --format=custom --compress=6 --no-owner --file="$partial" "$DATABASE_URL"
fi
# A dump that pg_restore cannot read is no backup: list its table of contents before keeping it.
entries=$(pg_restore --list "$partial" | grep -c ' TABLE DATA ' || true)
if [ "$entries" -eq 0 ]; then
  echo "pg-backup: the dump has no table data; kept nothing" >&2
  exit 1
fi
sha256sum "$partial" | sed "s#$partial#roaauto-$stamp.dump#" > "$final.sha256"
mv "$partial" "$final"
echo "pg-backup: $final ($(wc -c < "$final") bytes, $entries tables with data)"

# Retention: the newest $KEEP dumps stay (names sort by time).
if [ "$KEEP" -gt 0 ]; then
  ls -1 "$BACKUP_DIR" | grep -E '^roaauto-[0-9]{8}T[0-9]{6}Z\.dump$' | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do
    rm -f "$BACKUP_DIR/$old" "$BACKUP_DIR/$old.sha256"
    echo "pg-backup: removed $old"
  done
fi
