#!/usr/bin/env bash
# make deploy-check: check the production deployment files with the real tools.
#   1. static checks (scripts/check_deploy_files.py)     4. docker-compose config (schema)
#   2. yamllint on every YAML file                       5. nginx -t on deploy/nginx/konduct.conf
#   3. promtool check config / rules                     6. with KONDUCT_UPSTREAM=host:port (a
#                                                           running `make run`): serve nginx on
#                                                           loopback in front of it, and check a
#                                                           page, the API, /metrics and /_event.
# No Docker engine is needed, and none is used: images are not built here.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d /tmp/konduct-deploy-check.XXXXXX)
NGINX_PID=""
MADE_CERTS_DIR=""
cleanup() {
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null || true
  [[ -n $MADE_CERTS_DIR ]] && rmdir /etc/nginx/certs 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

run() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
need() {  # need COMMAND DEBIAN-PACKAGE: install it (no recommends: no services pulled in)
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "Installing Debian's $2..."
  run apt-get update -qq
  DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}
need nginx nginx-light
need promtool prometheus
need yamllint yamllint
need docker-compose docker-compose
PY=.venv/bin/python  # has PyYAML (pinned in requirements.txt)
step() { printf '\n== %s\n' "$*"; }

step "static checks of compose, Dockerfile, nginx, prometheus, grafana"
"$PY" scripts/check_deploy_files.py

step "yamllint"
yamllint -d '{extends: default, rules: {line-length: {max: 110}, document-start: disable, truthy: {check-keys: false}, comments: {min-spaces-from-content: 1}}}' \
  docker-compose.yml deploy/prometheus deploy/grafana/provisioning .github/workflows
echo "yamllint: no complaints"
"$PY" -m json.tool deploy/grafana/dashboards/konduct.json >/dev/null && echo "dashboard JSON parses"

step "promtool"
promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/rules/*.yml

step "docker-compose config (the compose file's schema and interpolation; no engine needed)"
cat > "$WORK/check.env" <<ENV
APP_URL=https://konduct.example.com
POSTGRES_PASSWORD=check-only-not-a-secret
GRAFANA_ADMIN_PASSWORD=check-only-not-a-secret
ENV
: > "$WORK/konduct.env"
# env_file must exist for `config`: point it at an empty one without touching the real one.
sed "s#env_file: deploy/konduct.env#env_file: $WORK/konduct.env#" docker-compose.yml > "$WORK/docker-compose.yml"
docker-compose --project-directory "$ROOT" -f "$WORK/docker-compose.yml" --env-file "$WORK/check.env" config -q
docker-compose --project-directory "$ROOT" -f "$WORK/docker-compose.yml" --env-file "$WORK/check.env" config --services | sort | tr '\n' ' '
echo
# Without the required variables, compose must refuse rather than start with blanks.
if docker-compose --project-directory "$ROOT" -f "$WORK/docker-compose.yml" --env-file "$WORK/konduct.env" config -q 2>/dev/null; then
  echo "FAIL compose accepted a missing POSTGRES_PASSWORD/APP_URL"; exit 1
fi
echo "compose refuses to run without APP_URL and POSTGRES_PASSWORD"

# A self-signed certificate made on the fly, where the compose file mounts the real one.
mkdir -p "$WORK/certs" "$WORK/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$WORK/certs/privkey.pem" -out "$WORK/certs/fullchain.pem" 2>/dev/null
# The main nginx.conf of the nginx image, in short: our file is its only server config.
main_conf() {  # main_conf SERVER-CONF
  cat <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $WORK/tmp_body;
  proxy_temp_path $WORK/tmp_proxy;
  fastcgi_temp_path $WORK/tmp_fastcgi;
  uwsgi_temp_path $WORK/tmp_uwsgi;
  scgi_temp_path $WORK/tmp_scgi;
  include $1;
}
CONF
}

step "nginx -t on deploy/nginx/konduct.conf, unchanged"
main_conf "$ROOT/deploy/nginx/konduct.conf" > "$WORK/nginx.conf"
# In a mount namespace of its own: app1/app2 resolve to 127.0.0.1 and /etc/nginx/certs is
# the test certificate, as inside the compose network; the machine itself is untouched.
printf '127.0.0.1 localhost app1 app2\n' > "$WORK/hosts"
if [[ $(id -u) -eq 0 ]] && unshare -m true 2>/dev/null; then
  # An empty mount point for the test certificate (removed again on exit).
  [[ -d /etc/nginx/certs ]] || { mkdir -p /etc/nginx/certs; MADE_CERTS_DIR=1; }
  unshare -m bash -c "
    mount --bind '$WORK/hosts' /etc/hosts
    mount --bind '$WORK/certs' /etc/nginx/certs
    nginx -t -c '$WORK/nginx.conf' -e '$WORK/logs/error.log'"
else
  echo "(no mount namespaces here: testing a copy with the hosts and paths replaced)"
  sed -e "s#app1:3000#127.0.0.1:3000#; s#app2:3000#127.0.0.2:3000#" \
      -e "s#/etc/nginx/certs#$WORK/certs#; s#/var/log/nginx/access.log#$WORK/logs/access.log#" \
      deploy/nginx/konduct.conf > "$WORK/konduct.conf"
  main_conf "$WORK/konduct.conf" > "$WORK/nginx.conf"
  nginx -t -c "$WORK/nginx.conf" -e "$WORK/logs/error.log"
fi

if [[ -z ${KONDUCT_UPSTREAM:-} ]]; then
  printf '\nAll static deployment checks passed. (Set KONDUCT_UPSTREAM=127.0.0.1:PORT of a running\n`make run` to also serve nginx in front of it.) No image was built: no Docker engine here.\n'
  exit 0
fi

step "nginx on loopback in front of $KONDUCT_UPSTREAM"
HTTP_PORT=${CHECK_HTTP_PORT:-39480} HTTPS_PORT=${CHECK_HTTPS_PORT:-39443}
# The same file; only what a loopback run must change: ports, upstream, certificate, logs.
sed -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#; s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS_PORT ssl http2;#" \
    -e "/listen \[::\]/d" \
    -e "s#server app1:3000#server $KONDUCT_UPSTREAM#; /server app2:3000/d" \
    -e "s#/etc/nginx/certs#$WORK/certs#; s#/var/log/nginx/access.log#$WORK/logs/access.log#" \
    deploy/nginx/konduct.conf > "$WORK/live.conf"
main_conf "$WORK/live.conf" | sed 's/^worker_processes 1;/worker_processes 1;\ndaemon off;/' > "$WORK/live-nginx.conf"
nginx -c "$WORK/live-nginx.conf" -e "$WORK/logs/error.log" &
NGINX_PID=$!
for _ in $(seq 50); do curl -skf -o /dev/null "https://127.0.0.1:$HTTPS_PORT/api/health" && break; sleep 0.2; done
HTTPS_PORT=$HTTPS_PORT HTTP_PORT=$HTTP_PORT WS_ORIGIN=${WS_ORIGIN:-} .venv/bin/python scripts/check_live_proxy.py
echo
echo "nginx access log (JSON lines), last 3:"
tail -3 "$WORK/logs/access.log"
