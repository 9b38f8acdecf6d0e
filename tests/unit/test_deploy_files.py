"""The deployment files (compose, Dockerfile, nginx, Prometheus, Grafana) say what the docs promise.

Fast and static; `make deploy-check` adds the real tools (nginx -t, promtool, docker-compose
config) and a live nginx in front of the app.
"""

import subprocess
import sys
from pathlib import Path

CHECKER = Path(__file__).resolve().parents[2] / "scripts" / "check_deploy_files.py"


def test_deployment_files_pass_their_static_checks() -> None:
    result = subprocess.run(
        # PyYAML is pinned in requirements.txt, so the project's own Python runs the checker.
        [sys.executable, str(CHECKER)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checks passed" in result.stdout
