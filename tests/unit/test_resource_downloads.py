"""The checklist PDF and the CSV template: well-formed, readable, the same every time."""

import csv
import io
import re

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.utm import UtmParams, build_tracking_url
from konduct.services import resources
from konduct.services.pdf import Block, render, text_width, wrap


def test_checklist_pdf_is_well_formed_and_reproducible() -> None:
    pdf = resources.checklist_pdf()
    assert pdf == resources.checklist_pdf()
    assert pdf.startswith(b"%PDF-1.4") and pdf.endswith(b"%%EOF\n")
    # Every xref offset points at the object it names.
    xref_at = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[xref_at:].startswith(b"xref\n")
    entries = re.findall(rb"(\d{10}) 00000 n ", pdf[xref_at:])
    for number, offset in enumerate(entries, start=1):
        assert pdf[int(offset) :].startswith(f"{number} 0 obj".encode())
    # Each stream's /Length is its real length.
    for length, body in re.findall(rb"/Length (\d+) >>\nstream\n(.*?)\nendstream", pdf, re.S):
        assert int(length) == len(body)
    text = pdf.decode("latin-1")
    assert "(UTM naming checklist) Tj" in text
    assert text.count(" re S") == sum(len(items) for _, items in resources.CHECKLIST)


def test_long_documents_flow_onto_more_pages_and_text_is_escaped() -> None:
    blocks = [Block("text", f"Line (number {n}) with a backslash \\ " * 4) for n in range(120)]
    pdf = render(blocks, title="Long (test)")
    pages = int(re.search(rb"/Count (\d+)", pdf).group(1))
    assert pages > 2
    assert b"\\(number 1\\)" in pdf and b"\\\\" in pdf
    assert b"/Title (Long \\(test\\))" in pdf


def test_wrapping_keeps_lines_inside_the_width() -> None:
    lines = wrap("the quick brown fox jumps over the lazy dog " * 10, 200, 10.5)
    assert len(lines) > 3
    assert all(text_width(line, 10.5) <= 200 for line in lines)


def test_template_csv_has_the_columns_examples_and_codes() -> None:
    rows = list(csv.reader(io.StringIO(resources.template_csv().decode("utf-8"))))
    header, first = rows[0], rows[1]
    assert tuple(header) == resources.TEMPLATE_COLUMNS
    example = dict(zip(header, first, strict=True))
    assert example["utm_campaign"] == example["utm_id"]
    # The example row makes a valid tagged link with Konduct's own rules.
    url = build_tracking_url(
        example["landing_page_url"],
        UtmParams(
            source=example["utm_source"],
            medium=example["utm_medium"],
            campaign=example["utm_campaign"],
            creative=example["utm_content"],
        ),
    )
    assert "utm_medium=paid_social" in url.url
    codes = {row[0]: row[1:] for row in rows if row and row[0].startswith("#")}
    assert len(codes["# platform codes"]) == len(PLATFORMS)
    assert len(codes["# objective codes"]) == len(OBJECTIVES)
