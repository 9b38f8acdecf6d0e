#!/usr/bin/env bash
# restore.sh DUMP --yes: put a backup.sh dump back into the database, replacing what is there.
#
#   DATABASE_URL=postgresql://konduct:...@db:5432/konduct scripts/restore.sh backups/konduct-....dump --yes
#   (or the libpq variables PGHOST, PGUSER, PGPASSWORD, PGDATABASE)
#
# Stop the app first (docker compose stop app1 app2): a restore under live traffic mixes
# old and new rows. The database is created when it does not exist. Everything happens in
# one transaction: a failed restore leaves the database as it was.
set -euo pipefail

dump=${1:?usage: restore.sh DUMP --yes}
[[ ${2:-} == --yes ]] || { echo "restore.sh replaces the database's contents: add --yes" >&2; exit 2; }
[[ -f $dump ]] || { echo "no such dump: $dump" >&2; exit 2; }
if [[ -f $dump.sha256 ]]; then
  (cd "$(dirname "$dump")" && sha256sum --check --quiet "$(basename "$dump").sha256")
fi
pg_restore --list "$dump" >/dev/null

if [[ -n ${DATABASE_URL:-} ]]; then
  url=${DATABASE_URL/postgresql+psycopg:/postgresql:}
  name=$(sed -E 's#^[^/]*//[^/]*/([^?]*).*#\1#' <<<"$url")
  maintenance=$(sed -E 's#^([^/]*//[^/]*/)[^?]*#\1postgres#' <<<"$url")
  target=(--dbname "$url")
else
  name=${PGDATABASE:?set DATABASE_URL or the PG* variables}
  maintenance=postgres
  target=(--dbname "$name")
fi

exists=$(psql --dbname "$maintenance" -Atc "SELECT 1 FROM pg_database WHERE datname = '${name//\'/\'\'}'")
if [[ $exists != 1 ]]; then
  psql --dbname "$maintenance" -qc "CREATE DATABASE \"${name//\"/\"\"}\""
  echo "created database $name" >&2
fi
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  "${target[@]}" "$dump"
echo "restored $dump into $name"
