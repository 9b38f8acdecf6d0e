"""Reading campaign CSVs: header checks, caps, rows as wizard answers, columns of problems."""

from __future__ import annotations

import pytest

from konduct.domain.bulk_import import (
    COLUMNS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    CsvRejected,
    column_of,
    default_medium,
    payload,
    read_rows,
    template_csv,
)

HEADER = "name,manager_name,website_url,platform,objective,start_date,budget"
ROW = "Spring,Ada,https://e.com,Facebook,Traffic,2027-03-01,100"


def rejected(content: bytes) -> CsvRejected:
    with pytest.raises(CsvRejected) as caught:
        read_rows(content)
    return caught.value


def test_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    rows = read_rows(f"{HEADER}\n{ROW}\n\n{ROW}\n".encode())
    assert [r.row for r in rows] == [2, 4]  # the blank line is skipped, not renumbered
    assert rows[0].values["platform"] == "Facebook"


def test_a_byte_order_mark_and_header_case_are_fine() -> None:
    rows = read_rows(("\ufeff" + HEADER.upper() + "\n" + ROW).encode())
    assert rows[0].values["name"] == "Spring"


@pytest.mark.parametrize(
    ("content", "column", "words"),
    [
        (b"", "file", "empty"),
        (HEADER.encode(), "file", "no campaigns"),
        (f"{HEADER},colour\n{ROW},red".encode(), "header", "unknown column 'colour'"),
        (b"name,platform\nx,Facebook", "header", "missing column"),
        (f"{HEADER},name\n{ROW},x".encode(), "header", "appears twice"),
        (f"{HEADER}\n{ROW},extra".encode(), "row", "has 8 cells"),
        (f'{HEADER}\n"Spring,Ada'.encode(), "file", "not valid CSV"),
        (b"\xff\xfe" + HEADER.encode("utf-16-le"), "file", "not UTF-8"),
    ],
)
def test_unreadable_files_say_why(content: bytes, column: str, words: str) -> None:
    failure = rejected(content)
    assert failure.rows[0].column == column
    assert words in failure.rows[0].reason
    assert not failure.too_large


def test_size_and_row_caps() -> None:
    big = rejected(b"x" * (MAX_IMPORT_BYTES + 1))
    assert big.too_large and "KB" in big.rows[0].reason
    many = "\n".join([HEADER] + [ROW] * (MAX_IMPORT_ROWS + 1)).encode()
    assert f"more than {MAX_IMPORT_ROWS}" in rejected(many).rows[0].reason


def test_a_row_becomes_the_wizard_payload() -> None:
    body = payload(
        {
            "name": "Spring", "manager_name": "Ada", "website_url": "https://e.com",
            "platform": "Facebook", "objective": "Traffic", "start_date": "2027-03-01",
            "budget": "100", "status": "active", "age_min": "21", "gender": "female",
            "countries": "FR; BE", "devices": "mobile;tablet", "utm_medium": "paid_social",
            "end_date": "",
        }
    )  # fmt: skip
    assert body["status"] == "ACTIVE" and "end_date" not in body
    demographics = body["targeting"]["demographics"]
    assert demographics["age_range"] == [21, 65]
    assert demographics["gender"] == ["FEMALE"]
    assert demographics["locations"]["countries"] == ["FR", "BE"]
    assert body["targeting"]["devices"] == ["MOBILE", "TABLET"]
    assert body["utm_parameters"] == {"medium": "paid_social"}


def test_problems_are_shown_in_the_column_they_came_from() -> None:
    assert column_of("targeting.demographics.age_range") == "age_min"
    assert column_of("targeting.devices[0]") == "devices"
    assert column_of("targeting.demographics.locations.countries") == "countries"
    assert column_of("utm_parameters.medium") == "utm_medium"
    assert column_of("budget") == "budget"
    assert column_of("allow_duplicate") == "row"


def test_the_downloadable_template_has_every_column_and_reads_back() -> None:
    text = template_csv()
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    assert read_rows(text.encode())[0].values["platform"] == "Facebook"


def test_default_mediums_follow_the_platform() -> None:
    assert default_medium("GAD") == "cpc"
    assert default_medium("FBK") == "paid_social"
