"""After ``reflex export``: let the prerendered pages paint before the app's JavaScript.

Two steps, both on the built files:

Every page Reflex prerenders carries its full content as HTML, then some 300 KB of
module scripts (React, Radix, the state machinery) preloaded at *high* priority. On a
phone's network those scripts take the bandwidth the page's stylesheet and hero image
need, and the first paint waits for them although it does not need them. Marking the
preloads ``fetchpriority="low"`` keeps them loading at once, just behind what the first
paint needs; the page hydrates as soon as they are in.

The landing page goes one step further (``defer_hydration``): it asks for its scripts
only once the page has loaded (stylesheet, hero image, fonts), so they do not compete
with anything the first screen shows. Until they arrive (a fraction of a second on a
fast line) the page is the prerendered HTML: readable, links working, forms not yet.
Only the landing page: app pages want their forms live at once.

Runs on the built files (and rewrites their precompressed ``.gz`` twins) because
Reflex writes these tags itself and offers no setting for them.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

_MODULEPRELOAD = re.compile(r'<link rel="modulepreload"(?![^>]*fetchpriority)')


def lower_script_priority(html: str) -> str:
    return _MODULEPRELOAD.sub('<link rel="modulepreload" fetchpriority="low"', html)


_ENTRY_SCRIPT = re.compile(r'<script type="module" async="">(.*?)</script>', re.S)
_STATIC_IMPORT = re.compile(r'^import "([^"]+)";$', re.M)
_NAMED_IMPORT = re.compile(r'^import \* as (\w+) from "([^"]+)";$', re.M)
# Pages whose scripts wait for the load event (paths relative to the client folder).
DEFERRED_PAGES = ("index.html",)


# On a busy phone the load event can come before the first paint; the scripts must not
# start before it, or they compete with it again. So: loaded, painted, one more frame.
_AFTER_LOAD_AND_FIRST_PAINT = """
const afterPaint = () => requestAnimationFrame(() => setTimeout(hydrate, 0));
const whenPainted = () => {
  if (!("PerformanceObserver" in window) || performance.getEntriesByType("paint").length) {
    return afterPaint();
  }
  const seen = new PerformanceObserver(() => { seen.disconnect(); afterPaint(); });
  seen.observe({ type: "paint", buffered: true });
};
if (document.readyState === "complete") whenPainted();
else addEventListener("load", whenPainted, { once: true });
"""
_PRELOAD = re.compile(r'<link rel="modulepreload"[^>]*?href="([^"]+)"[^>]*/>')


def defer_hydration(html: str) -> str:
    """Start React Router's entry script on ``load``, with the same module preloads.

    The preload tags move into the script (added at load, so the whole module graph
    still downloads in parallel); the entry's static imports become awaited dynamic
    ones. Anything unexpected leaves the page as it was.
    """
    match = _ENTRY_SCRIPT.search(html)
    if match is None:
        return html
    body = _STATIC_IMPORT.sub(r'await import("\1");', match.group(1))
    body = _NAMED_IMPORT.sub(r'const \1 = await import("\2");', body)
    if re.search(r"^\s*import\s", body, re.M):  # a form of import we do not know: leave it
        return html
    hrefs = _PRELOAD.findall(html)
    entry = re.search(r'^import\("([^"]+)"\);\s*$', body, re.M)
    # Every module but the entry (which starts hydration) is evaluated first, one per
    # task: a phone then runs several short tasks instead of one long one.
    early = [href for href in hrefs if entry is None or href != entry.group(1)]
    script = (
        '<script type="module">const hydrate = async () => {\n'
        f"for (const href of {json.dumps(hrefs)}) {{\n"
        '  const link = document.createElement("link");\n'
        '  link.rel = "modulepreload"; link.href = href; document.head.appendChild(link);\n'
        "}\n"
        f"for (const href of {json.dumps(early)}) {{\n"
        "  await import(href);\n"
        "  await new Promise((resolve) => setTimeout(resolve, 0));\n"
        "}\n" + body + "};\n" + _AFTER_LOAD_AND_FIRST_PAINT + "</script>"
    )
    html = html[: match.start()] + script + html[match.end() :]
    return _PRELOAD.sub("", html)


# Before the app's scripts have run, a form is plain HTML: pressing "Sign in" would submit
# it natively, as a GET to the page's own address with every field (the password too) in
# the URL, the browser history and the server's logs. Until then a submit does nothing;
# afterwards React's own handlers run as before (they prevent the default themselves).
FORM_GUARD = (
    '<script>document.addEventListener("submit",function(e){'
    'if(!e.target.hasAttribute("action"))e.preventDefault()},true)</script>'
)


def guard_forms(html: str) -> str:
    # At the end of the body: React's hydration passes over a trailing element it did not
    # render, where one at the top of <head> shifts what it compares (React error 418).
    if FORM_GUARD in html or "</body>" not in html:
        return html
    at = html.rindex("</body>")
    return html[:at] + FORM_GUARD + html[at:]


def tune_page(relative: str, html: str) -> str:
    html = guard_forms(lower_script_priority(html))
    return defer_hydration(html) if relative in DEFERRED_PAGES else html


def tune_build(client_dir: Path) -> int:
    """Rewrite every prerendered page under ``client_dir``; returns how many changed."""
    changed = 0
    for page in client_dir.rglob("*.html"):
        before = page.read_text(encoding="utf-8")
        after = tune_page(page.relative_to(client_dir).as_posix(), before)
        if after == before:
            continue
        page.write_text(after, encoding="utf-8")
        twin = page.with_name(page.name + ".gz")
        if twin.exists():
            twin.write_bytes(gzip.compress(after.encode("utf-8"), compresslevel=9, mtime=0))
        changed += 1
    return changed
