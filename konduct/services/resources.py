"""The resource center: Markdown pages from ``content/resources/``, their search, downloads.

Each page is a Markdown file with a small front matter block::

    ---
    title: The UTM guide
    description: One sentence for search engines and the page list.
    order: 2
    ---

Files in ``content/resources/`` are guides (``/resources/<slug>``); files in
``content/resources/videos/`` are tutorials (``/resources/videos/<slug>``) whose
``frames`` list the walkthrough screenshots (``file | caption; ...``) kept in
``assets/resources/videos/<slug>/``. Everything is read once per process; the search
index is built from the same text the pages show.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.errors import ValidationFailed
from konduct.domain.search import Document, SearchIndex
from konduct.domain.utm import suggested_medium
from konduct.services.pdf import Block, render
from konduct.settings import PROJECT_ROOT

CONTENT_DIR = PROJECT_ROOT / "content" / "resources"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_QUERY = 200
CHECKLIST_FILE = "utm-naming-checklist.pdf"
TEMPLATE_FILE = "utm-campaign-template.csv"


@dataclass(frozen=True)
class Frame:
    src: str  # URL path of the screenshot
    caption: str


@dataclass(frozen=True)
class Resource:
    slug: str
    kind: str  # "guide" or "video"
    title: str
    description: str
    order: int
    markdown: str  # the body, without front matter
    text: str  # plain text of the body, for search and snippets
    headings: tuple[str, ...]
    duration: str = ""
    frames: tuple[Frame, ...] = ()

    @property
    def url(self) -> str:
        folder = "/resources/videos/" if self.kind == "video" else "/resources/"
        return folder + self.slug


def parse_front_matter(source: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines between two ``---`` lines at the top; the rest is the body."""
    if not source.startswith("---\n"):
        return {}, source
    end = source.find("\n---\n", 4)
    if end < 0:
        return {}, source
    meta = {}
    for line in source[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip()
    return meta, source[end + 5 :].lstrip("\n")


_md = MarkdownIt("commonmark").enable("table")


def plain_text(markdown: str) -> tuple[str, tuple[str, ...]]:
    """The words a reader sees (code included, markup and link targets not), and the
    headings."""
    text: list[str] = []
    headings: list[str] = []
    in_heading = False
    for token in _md.parse(markdown):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            words = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            (headings if in_heading else text).append(words)
        elif token.type in ("fence", "code_block"):
            text.append(token.content)
    return " ".join(" ".join(text).split()), tuple(headings)


def _frames(slug: str, value: str) -> tuple[Frame, ...]:
    frames = []
    for item in value.split(";"):
        name, _, caption = item.partition("|")
        if name.strip():
            src = f"/resources/videos/{slug}/{name.strip()}"
            frames.append(Frame(src, caption.strip()))
    return tuple(frames)


def load(path: Path, kind: str) -> Resource:
    meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
    slug = path.stem
    if not SLUG.match(slug) or not meta.get("title"):
        raise ValueError(f"{path}: needs a lowercase-hyphen file name and a title")
    text, headings = plain_text(body)
    return Resource(
        slug=slug,
        kind=kind,
        title=meta["title"],
        description=meta.get("description", ""),
        order=int(meta.get("order", "99")),
        markdown=body,
        text=text,
        headings=headings,
        duration=meta.get("duration", ""),
        frames=_frames(slug, meta.get("frames", "")),
    )


@lru_cache
def resources(root: Path = CONTENT_DIR) -> tuple[Resource, ...]:
    """Guides first, then tutorials, each in their ``order``."""
    guides = [load(p, "guide") for p in sorted(root.glob("*.md"))]
    videos = [load(p, "video") for p in sorted((root / "videos").glob("*.md"))]
    key = lambda r: (r.order, r.title)  # noqa: E731
    return tuple(sorted(guides, key=key) + sorted(videos, key=key))


def guides() -> list[Resource]:
    return [r for r in resources() if r.kind == "guide"]


def videos() -> list[Resource]:
    return [r for r in resources() if r.kind == "video"]


@lru_cache
def index(root: Path = CONTENT_DIR) -> SearchIndex:
    return SearchIndex(
        [
            Document(
                key=r.url,
                title=r.title,
                body=r.text,
                headings=" ".join(r.headings),
                summary=r.description,
            )
            for r in resources(root)
        ]
    )


def search(query: str, *, limit: int = 10) -> list[dict]:
    """Ranked pages for ``query``, each with a snippet split into matched and plain parts."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY:
        raise ValidationFailed.single("q", f"must be at most {MAX_QUERY} characters")
    if not 1 <= limit <= 50:
        raise ValidationFailed.single("limit", "must be between 1 and 50")
    by_url = {r.url: r for r in resources()}
    results = []
    for hit in index().search(query, limit=limit):
        resource = by_url[hit.key]
        results.append(
            {
                "url": hit.key,
                "title": hit.title,
                "kind": resource.kind,
                "description": resource.description,
                "score": hit.score,
                "snippet": hit.snippet_text,
                "snippet_parts": [{"text": p.text, "match": p.match} for p in hit.snippet],
            }
        )
    return results


# --- Downloads -----------------------------------------------------------------------------

CHECKLIST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Before you build the link",
        (
            "The campaign has a Konduct campaign ID (PLT-OBJ-TIMESTAMP-HASH).",
            "The landing page answers (use Test URL) and is the page the ad promises.",
            "The landing page address is https and has no tracking tags already.",
        ),
    ),
    (
        "Required parameters",
        (
            "utm_source names who sends the visitor: facebook, google, newsletter.",
            "utm_medium is one GA4 understands: paid_social, cpc, display, email, affiliate.",
            "utm_campaign is the campaign ID, in its uppercase form.",
        ),
    ),
    (
        "Naming",
        (
            "Every value is lowercase (campaign IDs excepted).",
            "Words are joined with underscores, never spaces.",
            "The same thing has the same name everywhere: one spelling per source and medium.",
            "No value is longer than 100 characters.",
            "No personal data in any parameter: no names, emails or phone numbers.",
        ),
    ),
    (
        "Recommended parameters",
        (
            "utm_content names the creative or ad variant: hero_video_a.",
            "utm_id repeats the campaign ID, for GA4 cost-data import.",
            "utm_term carries the keyword of a paid search ad.",
            "utm_source_platform names the buying platform: meta_ads, google_ads.",
        ),
    ),
    (
        "Before launch",
        (
            "Decode the final link: the GA4 channel is the one you expect, not Unassigned.",
            "Internal links on your own site carry no UTM tags.",
            "The short link or QR code opens the tagged page.",
            "The link is saved with its campaign in Konduct, so reports can find it.",
        ),
    ),
)


def checklist_pdf() -> bytes:
    blocks = [
        Block("title", "UTM naming checklist"),
        Block(
            "text",
            "Tick every box before a tagged link goes live. Consistent tags keep Google "
            "Analytics 4 reports clean: one row per campaign, never traffic in Unassigned.",
        ),
    ]
    for heading, items in CHECKLIST:
        blocks.append(Block("heading", heading))
        blocks += [Block("check", item) for item in items]
    blocks.append(
        Block(
            "small",
            "Konduct - campaign IDs and UTM links your whole team can trust. "
            "The full guide: /resources/utm-guide",
        )
    )
    return render(blocks, title="UTM naming checklist")


TEMPLATE_COLUMNS = (
    "campaign_name",
    "platform",
    "objective",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "landing_page_url",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "utm_id",
)


def template_csv() -> bytes:
    """A spreadsheet template: the columns, two example rows, and the codes to use."""
    platform = {p.code: p for p in PLATFORMS}
    rows = [
        ("Spring sale 2027", "FBK", "TRF", "2027-03-01", "2027-03-31", "1500.00", "USD",
         "https://www.example.com/spring-sale", platform["FBK"].utm_source,
         suggested_medium("FBK"), "FBK-TRF-20270301093000-9F86D081", "carousel_2", "",
         "FBK-TRF-20270301093000-9F86D081"),
        ("Brand search Q2", "GAD", "TRF", "2027-04-01", "2027-06-30", "3000.00", "EUR",
         "https://www.example.com/", platform["GAD"].utm_source, suggested_medium("GAD"),
         "GAD-TRF-20270401080000-1A2B3C4D", "text_ad_a", "campaign_tracking",
         "GAD-TRF-20270401080000-1A2B3C4D"),
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerows(rows)
    writer.writerow([])
    writer.writerow(["# platform codes"] + [f"{p.code}={p.name}" for p in PLATFORMS])
    writer.writerow(["# objective codes"] + [f"{o.code}={o.name}" for o in OBJECTIVES])
    return buffer.getvalue().encode("utf-8")


DOWNLOADS = {
    CHECKLIST_FILE: ("application/pdf", checklist_pdf),
    TEMPLATE_FILE: ("text/csv; charset=utf-8", template_csv),
}
