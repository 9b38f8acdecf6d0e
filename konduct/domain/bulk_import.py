"""Reading a CSV of campaigns: columns, caps, and each row as the wizard's answers.

Pure: text in, dictionaries and field problems out. The values are checked by the
same schema and service as one campaign made in the wizard; this module only
says which column a value came from, so a problem can name row and column.
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from konduct.domain.errors import FieldProblem, ValidationFailed

MAX_IMPORT_BYTES = 512 * 1024
MAX_IMPORT_ROWS = 500
LIST_SEPARATOR = ";"

REQUIRED_COLUMNS = (
    "name", "manager_name", "website_url", "platform", "objective", "start_date", "budget",
)  # fmt: skip
OPTIONAL_COLUMNS = (
    "end_date", "currency", "status", "age_min", "age_max", "gender", "languages", "countries",
    "regions", "cities", "interests", "behaviors", "devices", "custom_audience",
    "custom_criteria", "special_requirements", "utm_source", "utm_medium", "utm_creative",
)  # fmt: skip
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
EXAMPLE_ROW = {
    "name": "Spring sale 2027", "manager_name": "Ada Lovelace",
    "website_url": "https://www.example.com/spring", "platform": "Facebook",
    "objective": "Traffic", "start_date": "2027-03-01", "budget": "1500.00",
    "end_date": "2027-03-31", "currency": "EUR", "status": "DRAFT", "age_min": "25",
    "age_max": "45", "gender": "ALL", "languages": "en;fr", "countries": "FR;BE",
    "cities": "Lyon", "interests": "Technology", "devices": "MOBILE", "utm_medium": "paid_social",
}  # fmt: skip

# Where a schema field's problem is shown: the longest matching prefix wins.
FIELD_COLUMNS = (
    ("targeting.demographics.age_range", "age_min"),
    ("targeting.demographics.gender", "gender"),
    ("targeting.demographics.languages", "languages"),
    ("targeting.demographics.locations.countries", "countries"),
    ("targeting.demographics.locations.regions", "regions"),
    ("targeting.demographics.locations.cities", "cities"),
    ("targeting.interests", "interests"),
    ("targeting.behaviors", "behaviors"),
    ("targeting.devices", "devices"),
    ("targeting.custom_audience", "custom_audience"),
    ("targeting.custom_criteria", "custom_criteria"),
    ("targeting.special_requirements", "special_requirements"),
    ("utm_parameters.source", "utm_source"),
    ("utm_parameters.medium", "utm_medium"),
    ("utm_parameters.creative", "utm_creative"),
)

# The medium of the default tracking link when the row names none.
DEFAULT_MEDIUMS = {"GAD": "cpc", "YTB": "paid_video", "OTH": "referral"}
DEFAULT_MEDIUM = "paid_social"


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str


class CsvRejected(ValidationFailed):
    """The file cannot be read as a campaign CSV, or some rows break rules: nothing is kept.

    ``rows`` says row and column; as a ValidationFailed each becomes the field
    ``rows[N].column``.
    """

    def __init__(self, rows: list[RowProblem], *, too_large: bool = False):
        self.rows = rows
        self.too_large = too_large
        super().__init__([FieldProblem(f"rows[{p.row}].{p.column}", p.reason) for p in rows])


@dataclass(frozen=True)
class CsvRow:
    row: int
    values: dict[str, str]


def template_csv() -> str:
    """The expected columns, and one example row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue()


def _file_problem(reason: str, *, column: str = "file", row: int = 0) -> CsvRejected:
    return CsvRejected([RowProblem(row, column, reason)])


def read_rows(content: bytes) -> list[CsvRow]:
    """The non-empty rows under a known header, or CsvRejected saying what is wrong."""
    if len(content) > MAX_IMPORT_BYTES:
        raise CsvRejected(
            [RowProblem(0, "file", f"is larger than {MAX_IMPORT_BYTES // 1024} KB: split it")],
            too_large=True,
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise _file_problem(f"is not UTF-8 text (byte {bad.start})") from bad
    if "\x00" in text:
        raise _file_problem("is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise _file_problem("is empty: the first row must name the columns")
        names = [cell.strip().lower() for cell in header]
        unknown = [name for name in names if name not in COLUMNS]
        if unknown:
            raise _file_problem(
                f"unknown column {', '.join(repr(u) for u in unknown[:5])}; "
                "download the template for the expected ones",
                column="header",
                row=1,
            )
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise _file_problem(f"column {repeated[0]!r} appears twice", column="header", row=1)
        missing = [name for name in REQUIRED_COLUMNS if name not in names]
        if missing:
            raise _file_problem(
                f"missing column {', '.join(repr(m) for m in missing)}", column="header", row=1
            )
        rows: list[CsvRow] = []
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(names):
                raise _file_problem(
                    f"has {len(cells)} cells, the header has {len(names)}", column="row", row=line
                )
            if len(rows) >= MAX_IMPORT_ROWS:
                raise _file_problem(
                    f"has more than {MAX_IMPORT_ROWS} campaigns: split it into several files"
                )
            rows.append(
                CsvRow(line, dict(zip(names, (cell.strip() for cell in cells), strict=True)))
            )
    except csv.Error as broken:
        raise _file_problem(f"is not valid CSV: {broken}", row=reader.line_num) from broken
    if not rows:
        raise _file_problem("has a header but no campaigns")
    return rows


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _age(values: dict[str, str], column: str, default: int) -> Any:
    text = values.get(column, "")
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        return text  # the schema names it: not a whole number


def payload(values: dict[str, str]) -> dict[str, Any]:
    """One row as the body ``POST /api/campaigns`` takes (empty cells: the defaults)."""

    def given(column: str) -> str | None:
        return values.get(column) or None

    body: dict[str, Any] = {
        key: given(key) for key in REQUIRED_COLUMNS + ("end_date",) if given(key) is not None
    }
    for key in ("currency", "status"):
        if given(key):
            body[key] = values[key].upper() if key == "status" else values[key]
    demographics: dict[str, Any] = {
        "age_range": [_age(values, "age_min", 18), _age(values, "age_max", 65)],
        "gender": [values["gender"].upper()] if given("gender") else ["ALL"],
        "languages": _items(values.get("languages", "")),
        "locations": {
            kind: _items(values.get(kind, "")) for kind in ("countries", "regions", "cities")
        },
    }
    targeting: dict[str, Any] = {
        "demographics": demographics,
        "interests": _items(values.get("interests", "")),
        "behaviors": _items(values.get("behaviors", "")),
        "devices": [d.upper() for d in _items(values.get("devices", ""))] or ["ALL"],
    }
    for key in ("custom_audience", "custom_criteria", "special_requirements"):
        if given(key):
            targeting[key] = values[key]
    body["targeting"] = targeting
    utm = {
        key: values[f"utm_{key}"] for key in ("source", "medium", "creative") if given(f"utm_{key}")
    }
    if utm:
        body["utm_parameters"] = utm
    return body


def column_of(field: str) -> str:
    """The CSV column a schema field path (``targeting.devices[0]``) came from."""
    for prefix, column in FIELD_COLUMNS:
        if field.startswith(prefix):
            return column
    head = field.split(".")[0].split("[")[0]
    return head if head in COLUMNS else "row"


def default_medium(platform_code: str) -> str:
    return DEFAULT_MEDIUMS.get(platform_code, DEFAULT_MEDIUM)
