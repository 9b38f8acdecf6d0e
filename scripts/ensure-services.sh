#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on loopback; start (or install) them if not.
# Tests run against these real servers, never against fakes.
set -euo pipefail

PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

postgres_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
redis_up() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 30); do "$check" && return 0; sleep 1; done
  echo "$what did not come up on 127.0.0.1" >&2
  return 1
}

if ! postgres_up; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version..."
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for PostgreSQL postgres_up
fi

if ! redis_up; then
  command -v redis-server >/dev/null || apt_install redis-server
  echo "Starting Redis..."
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  wait_for Redis redis_up
fi

echo "PostgreSQL and Redis answer on 127.0.0.1."
