#!/usr/bin/env bash
# backup.sh: one timestamped pg_dump of Konduct's database (custom format), then retention.
#
#   DATABASE_URL=postgresql://konduct:...@db:5432/konduct scripts/backup.sh
#   PGHOST=... PGUSER=... PGPASSWORD=... PGDATABASE=konduct scripts/backup.sh   (libpq vars)
#
# BACKUP_DIR        where dumps go (default ./backups)
# BACKUP_KEEP_DAYS  delete dumps older than this many days (default 14) ...
# BACKUP_KEEP_MIN   ... but always keep this many newest ones (default 3)
# Prints the path of the new dump. Restore with scripts/restore.sh. docs/deployment.md has
# the schedule (cron) and where to copy the files so that they outlive the server.
set -euo pipefail
umask 077  # dumps hold every account's data

BACKUP_DIR=${BACKUP_DIR:-./backups}
KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
KEEP_MIN=${BACKUP_KEEP_MIN:-3}
[[ $KEEP_DAYS =~ ^[0-9]+$ && $KEEP_MIN =~ ^[0-9]+$ ]] || { echo "BACKUP_KEEP_DAYS/MIN: whole numbers" >&2; exit 2; }

connection=()
if [[ -n ${DATABASE_URL:-} ]]; then
  # SQLAlchemy's driver suffix means nothing to libpq.
  connection=(--dbname "${DATABASE_URL/postgresql+psycopg:/postgresql:}")
  name=$(sed -E 's#^[^/]*//[^/]*/([^?]*).*#\1#' <<<"$DATABASE_URL")
else
  name=${PGDATABASE:?set DATABASE_URL or the PG* variables}
fi

mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$BACKUP_DIR/konduct-$name-$stamp.dump"
# Written under a temporary name: a dump cut short never looks like a good one.
pg_dump --format=custom --compress=6 --no-owner --no-privileges "${connection[@]}" --file "$file.partial"
pg_restore --list "$file.partial" >/dev/null  # readable from end to end
mv "$file.partial" "$file"
(cd "$BACKUP_DIR" && sha256sum "$(basename "$file")" > "$(basename "$file").sha256")

# Retention: older than KEEP_DAYS goes, except the KEEP_MIN newest.
mapfile -t dumps < <(ls -1t "$BACKUP_DIR"/konduct-"$name"-*.dump 2>/dev/null)
for old in "${dumps[@]:$KEEP_MIN}"; do
  if [[ -n $(find "$old" -maxdepth 0 -mmin +"$((KEEP_DAYS * 1440))" 2>/dev/null) ]]; then
    rm -f -- "$old" "$old.sha256"
    echo "removed $old (older than $KEEP_DAYS days)" >&2
  fi
done
echo "$file"
