"""Static checks of the deployment files: do they say what docs/deployment.md promises?

Needs only the standard library and PyYAML (pinned in requirements.txt):
    .venv/bin/python scripts/check_deploy_files.py
Prints one line per failed check and exits 1, or prints a summary and exits 0.
tests/unit/test_deploy_files.py runs it; scripts/check-deploy.sh runs it before the tools
(nginx -t, promtool, docker-compose config) that check the same files their own way.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("app1", "app2")
LONG_RUNNING = ("postgres", "redis", "nginx", "prometheus", "grafana")
# Mounted folders the operator fills on the server (git-ignored): need not exist in a clone.
OPERATOR_MADE = {"./backups", "./deploy/certs", "./deploy/acme"}
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|_KEY$")
# Metric names the app writes (konduct/services/metrics.py) and Prometheus adds itself.
KNOWN_METRICS = {
    "konduct_http_requests_total",
    "konduct_http_request_duration_seconds_bucket",
    "konduct_http_request_duration_seconds_sum",
    "konduct_http_request_duration_seconds_count",
    "konduct_dependency_up",
    "konduct_dependency_latency_seconds",
    "up",
}
PROMQL_WORDS = {
    "sum", "max", "min", "rate", "by", "without", "topk", "histogram_quantile", "clamp_min",
    "instance", "replica", "status", "le", "method", "route", "dependency", "job",
}  # fmt: skip

failures: list[str] = []


def check(condition: object, message: str) -> None:
    if not condition:
        failures.append(message)


def load_yaml(relative: str) -> dict:
    return yaml.safe_load((ROOT / relative).read_text())


def check_compose() -> dict:
    compose = load_yaml("docker-compose.yml")
    services = compose.get("services", {})
    expected = {"migrate", *APP_SERVICES, *LONG_RUNNING, "backup"}
    check(expected <= services.keys(), f"compose services missing: {expected - services.keys()}")

    for name in LONG_RUNNING:
        check(services.get(name, {}).get("healthcheck", {}).get("test"), f"{name}: no healthcheck")
    # The app's healthcheck is the image's HEALTHCHECK; nginx waits for it.
    nginx_deps = services.get("nginx", {}).get("depends_on", {})
    for name in APP_SERVICES:
        check(
            nginx_deps.get(name, {}).get("condition") == "service_healthy",
            f"nginx must wait for {name} to be healthy",
        )

    volumes = compose.get("volumes", {})
    check("pgdata" in volumes, "no named volume for PostgreSQL")
    check(
        "pgdata:/var/lib/postgresql/data" in services.get("postgres", {}).get("volumes", []),
        "postgres does not keep its data in the pgdata volume",
    )
    check(services.get("postgres", {}).get("image", "").startswith("postgres:15"), "postgres:15")

    for name in ("migrate", *APP_SERVICES):
        service = services.get(name, {})
        env = service.get("environment", {})
        check(env.get("KONDUCT_ENV") == "production", f"{name}: KONDUCT_ENV must be production")
        check(str(env.get("TRUSTED_PROXY_HOPS")) == "1", f"{name}: TRUSTED_PROXY_HOPS must be 1")
        check(str(env.get("REDIS_URL", "")).startswith("redis://"), f"{name}: REDIS_URL unset")
        check(env.get("HOST") == "0.0.0.0", f"{name}: HOST must be 0.0.0.0")
        check(service.get("env_file"), f"{name}: secrets must come from an env file")
        args = service.get("build", {}).get("args", {})
        for baked in ("APP_URL", "GA_MEASUREMENT_ID"):
            check(
                args.get(baked) == env.get(baked),
                f"{name}: {baked} differs between build args and environment",
            )
        deps = service.get("depends_on", {})
        check(deps.get("postgres", {}).get("condition") == "service_healthy", f"{name}: waits db")
        if name != "migrate":
            check(
                deps.get("migrate", {}).get("condition") == "service_completed_successfully",
                f"{name}: must start after the one-shot migration",
            )

    # No secret literally in the file: every secret-looking value is a ${...} reference.
    for name, service in services.items():
        env = service.get("environment", {})
        items = env.items() if isinstance(env, dict) else (e.split("=", 1) for e in env)
        for key, value in items:
            if SECRET_NAME.search(key):
                check(
                    str(value).startswith("${"),
                    f"{name}: {key} has a literal value; take it from the env file",
                )
        for url_key in ("DATABASE_URL",):
            value = str(env.get(url_key, "")) if isinstance(env, dict) else ""
            check(
                not re.search(r"://[^:/]+:[^$@][^@]*@", value),
                f"{name}: {url_key} has a literal password",
            )

    nginx = services.get("nginx", {})
    mounts = " ".join(nginx.get("volumes", []))
    check("deploy/nginx/konduct.conf:" in mounts, "nginx does not mount deploy/nginx/konduct.conf")
    check("deploy/certs:/etc/nginx/certs" in mounts, "nginx does not mount the certificates")
    check({"80:80", "443:443"} <= set(nginx.get("ports", [])), "nginx must publish 80 and 443")
    for name in ("prometheus", "grafana"):
        ports = services.get(name, {}).get("ports", [])
        check(all(p.startswith("127.0.0.1:") for p in ports), f"{name}: publish on loopback only")

    for name, service in services.items():
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if source.startswith("./") and source not in OPERATOR_MADE:
                check((ROOT / source).exists(), f"{name}: mounted {source} does not exist")
    return compose


def check_dockerfile() -> None:
    text = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    check("python:3.11-slim" in text, "Dockerfile: base image must be python:3.11-slim")
    check(text.count("\nFROM ") + text.startswith("FROM ") >= 2, "Dockerfile: multi-stage")
    for package in ("NODE_PACKAGE", "BUN_PACKAGE"):
        pinned = re.search(rf"^{package} := (\S+)", makefile, re.M)
        check(pinned and pinned.group(1) in text, f"Dockerfile: {package} differs from Makefile")
    check("requirements.txt" in text, "Dockerfile: install the pinned requirements.txt")
    check("python -m konduct build" in text, "Dockerfile: build the frontend at image build time")
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    check(users and users[-1] not in {"root", "0"}, "Dockerfile: the final USER must not be root")
    check(re.search(r"^HEALTHCHECK .*", text, re.M) and "/api/health" in text, "HEALTHCHECK")
    check('CMD ["python", "-m", "konduct", "serve"]' in text, "Dockerfile: CMD konduct serve")
    check("HOST=0.0.0.0" in text, "Dockerfile: HOST=0.0.0.0")
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", "data", ".venv", ".web", ".git", "deploy/*.env", "deploy/certs"):
        check(entry in ignored, f".dockerignore must exclude {entry}")


def check_nginx() -> None:
    text = (ROOT / "deploy/nginx/konduct.conf").read_text()
    servers = re.findall(r"^\s*server\s+([\w.-]+):3000", text, re.M)
    check(sorted(servers) == sorted(APP_SERVICES), f"nginx upstream lists {servers}")
    for needle, what in [
        ("return 301 https://", "HTTP to HTTPS redirect"),
        ("location /_event", "websocket location for Reflex"),
        ("proxy_set_header Upgrade $http_upgrade", "websocket upgrade header"),
        ("gzip on", "gzip"),
        ("Strict-Transport-Security", "HSTS"),
        ("X-Content-Type-Options", "nosniff"),
        ("immutable", "long cache for built assets"),
        ("/etc/nginx/certs/fullchain.pem", "certificate path"),
        ("location = /metrics", "/metrics closed at the edge"),
        ("proxy_set_header X-Forwarded-For", "X-Forwarded-For for TRUSTED_PROXY_HOPS=1"),
    ]:
        check(needle in text, f"nginx: no {what} ({needle!r})")


def check_prometheus() -> None:
    config = load_yaml("deploy/prometheus/prometheus.yml")
    jobs = {job["job_name"]: job for job in config.get("scrape_configs", [])}
    konduct = jobs.get("konduct", {})
    check(konduct.get("metrics_path") == "/metrics", "prometheus: konduct job scrapes /metrics")
    targets = [t for group in konduct.get("static_configs", []) for t in group["targets"]]
    check(
        sorted(targets) == sorted(f"{s}:3000" for s in APP_SERVICES),
        f"prometheus targets {targets}",
    )
    rules = load_yaml("deploy/prometheus/rules/konduct.yml")
    alerts = [rule["alert"] for group in rules["groups"] for rule in group["rules"]]
    check(len(alerts) >= 3, "prometheus: alert rules missing")


def check_grafana() -> None:
    datasources = load_yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
    uids = {ds["uid"] for ds in datasources["datasources"]}
    check(
        any(ds["url"] == "http://prometheus:9090" for ds in datasources["datasources"]),
        "grafana datasource must point at the prometheus service",
    )
    provider = load_yaml("deploy/grafana/provisioning/dashboards/konduct.yml")
    check(
        provider["providers"][0]["options"]["path"] == "/var/lib/grafana/dashboards",
        "grafana dashboard provider path differs from the compose mount",
    )
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/konduct.json").read_text())
    panels = dashboard.get("panels", [])
    check(dashboard.get("uid") and dashboard.get("title"), "dashboard needs a uid and title")
    check(len(panels) >= 6, "dashboard has too few panels")
    ids = [p["id"] for p in panels]
    check(len(ids) == len(set(ids)), "dashboard panel ids repeat")
    for panel in panels:
        check(panel["datasource"]["uid"] in uids, f"panel {panel['title']!r}: unknown datasource")
        check(panel.get("targets"), f"panel {panel['title']!r}: no query")
        for target in panel.get("targets", []):
            expr = re.sub(r'"[^"]*"|\[[^\]]*\]|\{[^}]*\}', " ", target["expr"])
            names = set(re.findall(r"(?<![\w.])[a-z_][a-z0-9_]*", expr)) - PROMQL_WORDS
            check(
                names <= KNOWN_METRICS,
                f"panel {panel['title']!r} queries unknown metrics {names - KNOWN_METRICS}",
            )
    # The metric names the dashboard relies on are the ones the app writes.
    source = (ROOT / "konduct/services/metrics.py").read_text()
    for family in ("konduct_http_requests_total", "konduct_http_request_duration_seconds"):
        check(f'"{family}"' in source, f"the app no longer writes {family}")
    for family in ("konduct_dependency_up", "konduct_dependency_latency_seconds"):
        check(f'"{family}"' in source, f"the app no longer writes {family}")


def main() -> int:
    check_compose()
    check_dockerfile()
    check_nginx()
    check_prometheus()
    check_grafana()
    for failure in failures:
        print(f"FAIL {failure}")
    if failures:
        return 1
    print("deployment files: compose, Dockerfile, nginx, prometheus and grafana checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
