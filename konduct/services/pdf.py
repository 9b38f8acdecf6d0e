"""Konduct's one PDF writer: the resource checklist and the invoices both go through it.

No PDF package is installed, and our documents need only text and lines, so this writes
PDF 1.4 directly. The low level (``escape``, ``text``, ``document``): the standard
Helvetica fonts (every reader has them, nothing to embed) as ``/F1`` and ``/F2`` (bold),
WinAnsi text, A4 pages, a correct cross-reference table. On top of it a one-column
layout (``Block``, ``render``): word wrap from Helvetica's glyph widths, pages added as
needed. The same input gives the same bytes (no dates inside), so a download can be
checked byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN = 56.0
# Helvetica advance widths (1/1000 em) for ASCII 32..126, from Adobe's AFM.
_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
BOLD_FACTOR = 1.06  # Helvetica-Bold runs about this much wider


@dataclass(frozen=True)
class Block:
    kind: Literal["title", "heading", "text", "check", "small"]
    text: str


_STYLE = {  # font, size, leading, space before
    "title": ("F2", 20.0, 26.0, 0.0),
    "heading": ("F2", 13.0, 18.0, 14.0),
    "text": ("F1", 10.5, 14.5, 4.0),
    "check": ("F1", 10.5, 14.5, 5.0),
    "small": ("F1", 8.5, 12.0, 10.0),
}
CHECK_INDENT = 20.0


def text_width(text: str, size: float, bold: bool = False) -> float:
    units = sum(_WIDTHS[ord(ch) - 32] if 32 <= ord(ch) <= 126 else 556 for ch in text)
    return units * size / 1000 * (BOLD_FACTOR if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines or [""]


def escape(text: str) -> bytes:
    """The inside of a PDF string literal: WinAnsi where possible, the rest as '?'."""
    raw = text.replace("\u2212", "-").encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text(
    x: float, y: float, value: str, *, size: float, bold: bool = False, grey: float = 0
) -> bytes:
    """One line of text with its baseline at (x, y), in points from the bottom left."""
    font = "F2" if bold else "F1"
    start = f"{grey:g} g BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td (".encode()
    return start + escape(value) + b") Tj ET"


def document(pages: list[bytes], *, title: str | None = None) -> bytes:
    """A PDF file of A4 pages, one content stream (drawing operators) each."""
    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    page_ids = [5 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for name in ("Helvetica", "Helvetica-Bold"):
        objects.append(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} "
            "/Encoding /WinAnsiEncoding >>".encode()
        )
    for stream in pages:
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            f"/Contents {len(objects) + 2} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    info = ""
    if title is not None:
        objects.append(b"<< /Title (" + escape(title) + b") /Producer (Konduct) >>")
        info = f" /Info {len(objects)} 0 R"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _pages(blocks: list[Block]) -> list[bytes]:
    """Content streams, one per page."""
    pages: list[list[bytes]] = [[]]
    y = PAGE_H - MARGIN
    for block in blocks:
        font, size, leading, before = _STYLE[block.kind]
        indent = CHECK_INDENT if block.kind == "check" else 0.0
        width = PAGE_W - 2 * MARGIN - indent
        bold = font == "F2"
        lines = wrap(block.text, width, size, bold=bold)
        needed = before + leading * len(lines)
        if y - needed < MARGIN and pages[-1]:
            pages.append([])
            y = PAGE_H - MARGIN
        else:
            y -= before
        if block.kind == "check":  # an empty box to tick, aligned with the first line
            box = size * 0.85
            pages[-1].append(
                f"0.5 w {MARGIN:.2f} {y - size * 0.95:.2f} {box:.2f} {box:.2f} re S".encode()
            )
        for line in lines:
            y -= leading
            grey = 0.35 if block.kind == "small" else 0.0
            pages[-1].append(
                text(MARGIN + indent, y + leading - size, line, size=size, bold=bold, grey=grey)
            )
    return [b"\n".join(ops) for ops in pages]


def render(blocks: list[Block], *, title: str) -> bytes:
    """The PDF document's bytes."""
    return document(_pages(blocks), title=title)
