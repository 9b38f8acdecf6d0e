"""After ``reflex export``: let the prerendered pages paint before the app's JavaScript.

Every page Reflex prerenders carries its full content as HTML, then some 300 KB of
module scripts (React, Radix, the state machinery) preloaded at *high* priority. On a
phone's network those scripts take the bandwidth the page's stylesheet and hero image
need, and the first paint waits for them although it does not need them. Marking the
preloads ``fetchpriority="low"`` keeps them loading at once, just behind what the first
paint needs; the page hydrates as soon as they are in.

Runs on the built files (and rewrites their precompressed ``.gz`` twins) because
Reflex writes these tags itself and offers no setting for them.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

_MODULEPRELOAD = re.compile(r'<link rel="modulepreload"(?![^>]*fetchpriority)')


def lower_script_priority(html: str) -> str:
    return _MODULEPRELOAD.sub('<link rel="modulepreload" fetchpriority="low"', html)


def tune_build(client_dir: Path) -> int:
    """Rewrite every prerendered page under ``client_dir``; returns how many changed."""
    changed = 0
    for page in client_dir.rglob("*.html"):
        before = page.read_text(encoding="utf-8")
        after = lower_script_priority(before)
        if after == before:
            continue
        page.write_text(after, encoding="utf-8")
        twin = page.with_name(page.name + ".gz")
        if twin.exists():
            twin.write_bytes(gzip.compress(after.encode("utf-8"), compresslevel=9, mtime=0))
        changed += 1
    return changed
