"""Lighthouse on the landing page as `make run` serves it: mobile profile, simulated
throttling (Lighthouse's defaults), the median of a few runs.

    make bench                      # everything, Lighthouse last
    BENCH_ONLY=lighthouse make bench
    LIGHTHOUSE_URL=http://127.0.0.1:3943/ BENCH_ONLY=lighthouse make bench   # a running server

Without LIGHTHOUSE_URL it starts `python -m konduct serve` (what `make run` runs) on
LIGHTHOUSE_PORT (default 3000) and stops it afterwards. Lighthouse scales its simulated
4x CPU slowdown by nothing: on a busy machine the CPU-bound figures get worse, so the
run prints Lighthouse's own CPU benchmark index next to the scores.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def run_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--chrome-path=/usr/bin/chromium",
                f"--chrome-flags={CHROME_FLAGS}",
                "--form-factor=mobile",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ],
            check=True,
            cwd=tmp,
        )
        report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "metrics": {name: audits[key]["numericValue"] for key, name in METRICS},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "benchmark": report["environment"]["benchmarkIndex"],
        "failing": sorted(
            key
            for key, audit in audits.items()
            if audit.get("score") is not None
            and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        ),
    }


AXE = ROOT / ".tools" / "lighthouse" / "node_modules" / "axe-core" / "axe.min.js"
AXE_PAGES = ("/", "/generate", "/decode", "/terms", "/privacy")


def axe_violations(base: str) -> dict[str, list[str]]:
    """WCAG 2 A/AA rules (axe-core, which Lighthouse ships) in light and dark, desktop
    and phone; Lighthouse itself only looks at the light theme."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for scheme in ("light", "dark"):
            for width, height in ((1280, 900), (390, 844)):
                context = browser.new_context(
                    color_scheme=scheme, viewport={"width": width, "height": height}
                )
                page = context.new_page()
                for path in AXE_PAGES:
                    page.goto(base.rstrip("/") + path)
                    page.wait_for_function("() => window.konduct !== undefined")
                    # Sections skipped by content-visibility are checked too.
                    page.add_style_tag(content="* { content-visibility: visible !important; }")
                    page.add_script_tag(content=AXE.read_text())
                    ids = page.evaluate(
                        "async () => (await axe.run(document, "
                        "{runOnly: ['wcag2a', 'wcag2aa']})).violations.map(v => v.id)"
                    )
                    if ids:
                        found[f"{scheme} {width}px {path}"] = ids
                context.close()
        browser.close()
    return found


def serve(port: int) -> subprocess.Popen:
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "konduct", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 600  # a first frontend build included
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(1)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError("the app did not start")


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed (make bench installs it into .tools/lighthouse).")
        return 1
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    url = os.environ.get("LIGHTHOUSE_URL")
    process = None
    if not url:
        port = int(os.environ.get("LIGHTHOUSE_PORT", "3000"))
        process = serve(port)
        url = f"http://127.0.0.1:{port}/"
    try:
        httpx.get(url, timeout=10)  # warm the server's file cache
        results = [run_once(url) for _ in range(runs)]
        violations = axe_violations(url) if AXE.exists() else None
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)

    print(f"\nLighthouse {url}: mobile, simulated throttling, median of {runs} runs")
    for category in CATEGORIES:
        values = [r["scores"][category] for r in results]
        median = statistics.median(values)
        verdict = "ok" if median >= TARGETS[category] else f"below the goal of {TARGETS[category]}"
        print(f"  {category:<15} {median:>5.0f}   runs {values}   {verdict}")
    for _, name in METRICS:
        value = statistics.median(r["metrics"][name] for r in results)
        shown = f"{value:.3f}" if name == "CLS" else f"{value / 1000:.2f} s"
        if name == "TBT":
            shown = f"{value:.0f} ms"
        print(f"  {name:<15} {shown:>8}")
    print(f"  transferred     {statistics.median(r['bytes'] for r in results) / 1024:>6.0f} KiB")
    benchmarks = [round(r["benchmark"]) for r in results]
    print(f"  CPU benchmark   {benchmarks} (Lighthouse's index; an idle machine here: ~3000)")
    failing = sorted({key for r in results for key in r["failing"]})
    if failing:
        print(f"  audits below 0.9 in some run: {', '.join(failing)}")
    if violations is not None:
        pages = len(AXE_PAGES) * 4
        print(
            f"  axe WCAG 2 AA, light and dark, desktop and phone: {pages - len(violations)}"
            f"/{pages} page views without violations"
        )
        for where, ids in violations.items():
            print(f"    {where}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
