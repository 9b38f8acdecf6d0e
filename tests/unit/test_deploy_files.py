"""The deployment files (compose, Dockerfile, nginx, Prometheus, Grafana) say what the docs promise.

Fast and static; `make deploy-check` adds the real tools (nginx -t, promtool, docker-compose
config) and a live nginx in front of the app.
"""

import shutil
import subprocess
import sys
from pathlib import Path

CHECKER = Path(__file__).resolve().parents[2] / "scripts" / "check_deploy_files.py"


def python_with_yaml() -> str:
    """The checker needs PyYAML: the venv has none, Debian's python3-yaml is on the machine."""
    for candidate in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if candidate and subprocess.run([candidate, "-c", "import yaml"]).returncode == 0:
            return candidate
    raise AssertionError("no Python with PyYAML: apt-get install python3-yaml")


def test_deployment_files_pass_their_static_checks() -> None:
    result = subprocess.run(
        [python_with_yaml(), str(CHECKER)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checks passed" in result.stdout
