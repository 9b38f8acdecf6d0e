"""`python -m bench`: how fast the campaign ID core and its REST door are.

Prints figures only. The HTTP part serves each app with Granian (what the
production server runs) on one worker and drives it with wrk from a second
process over loopback, so the two apps are measured the same way in one run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

import httpx

DURATION_S = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
BODY = {"platform": "Facebook", "objective": "Traffic", "name": "Spring sale", "budget": "1500.00"}
PATH = "/api/campaigns/generate-id"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def core_ids_per_second(seconds: float = 3.0) -> tuple[float, int]:
    from konduct.domain.campaign_id import generate_campaign_id

    data = dict(BODY)
    start = datetime(2027, 3, 1, tzinfo=UTC)
    made = 0
    began = time.perf_counter()
    while (elapsed := time.perf_counter() - began) < seconds:
        for i in range(1000):
            generate_campaign_id("Facebook", "Traffic", data, start + timedelta(seconds=i))
        made += 1000
    return made / elapsed, made


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(target: str, port: int, redis_url: str | None) -> subprocess.Popen:
    env = {
        **os.environ,
        "API_RATE_LIMIT": "100000000/minute",
        "KONDUCT_ENV": "development",
        "REDIS_URL": redis_url or "",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--factory",
            "--workers",
            "1",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            target,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if (
                httpx.post(f"http://127.0.0.1:{port}{PATH}", json=BODY, timeout=1).status_code
                == 200
            ):
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError(f"{target} did not start")


def wrk(port: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = {json.dumps(json.dumps(BODY))}\n"
        )
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{DURATION_S}s",
            "--latency",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}{PATH}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)

    def latency_ms(percent: str) -> float:
        value, unit = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency_ms("50"),
        "p99": latency_ms("99"),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def http_benchmark(target: str, redis_url: str | None = None) -> dict[str, float]:
    port = free_port()
    process = serve(target, port, redis_url)
    try:
        wrk(port) if DURATION_S >= 5 else None  # warm-up run, discarded
        return wrk(port)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def main() -> int:
    if os.environ.get("BENCH_ONLY") == "lighthouse":
        from bench import lighthouse

        return lighthouse.main()
    if os.environ.get("BENCH_ONLY") != "http":
        from bench import search

        search.main()
        print()
    rate, made = core_ids_per_second()
    print(f"Campaign ID core, in process: {rate:,.0f} IDs/s ({made:,} IDs)")

    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): HTTP figures skipped.")
    else:
        http_figures()
    if os.environ.get("BENCH_ONLY") != "http":
        from bench import lighthouse

        lighthouse.main()
    return 0


def http_figures() -> None:
    print(
        f"\nPOST {PATH}, one Granian worker, wrk -c{CONNECTIONS} for {DURATION_S} s over loopback:"
    )
    results = {
        "Konduct API": http_benchmark("bench.apps:konduct_api"),
        "bare Starlette": http_benchmark("bench.apps:bare_starlette"),
        "bare FastAPI": http_benchmark("bench.apps:bare_fastapi"),
        "Konduct API, Redis limiter": http_benchmark("bench.apps:konduct_api", REDIS_URL),
    }
    for name, r in results.items():
        print(
            f"  {name:<27} {r['rps']:>8,.0f} req/s"
            f"   p50 {r['p50']:6.2f} ms   p99 {r['p99']:6.2f} ms"
            + (f"   non-2xx {r['errors']:.0f}" if r["errors"] else "")
        )
    konduct = results["Konduct API"]["rps"]
    print(
        f"  ratio Konduct / bare Starlette: {konduct / results['bare Starlette']['rps']:.2f}"
        " (goal: at least 0.60)"
    )
    print(
        f"  ratio Konduct / bare FastAPI:   {konduct / results['bare FastAPI']['rps']:.2f}"
        " (what validation, the guard and the ID itself cost over FastAPI's floor)"
    )


if __name__ == "__main__":
    sys.exit(main())
