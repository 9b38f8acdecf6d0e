"""/campaigns/import: many campaigns from one CSV, with a progress bar; all or none."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import NO_INDEX, site_page
from konduct.components.plan_ui import locked_callout
from konduct.domain.bulk_import import COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_COLUMNS
from konduct.state.bulk_import import UPLOAD_ID, BulkImportState, ImportedRow, ProblemRow


def problem_row(p: ProblemRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.cond(p.row > 0, p.row, "—")),
        rx.table.cell(rx.code(p.column)),
        rx.table.cell(rx.text(p.reason, size="2")),
    )


def imported_row(c: ImportedRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(c.row),
        rx.table.cell(rx.link(c.name, href="/campaigns/" + c.campaign_id)),
        rx.table.cell(rx.code(c.campaign_id, size="1")),
    )


def dropzone() -> rx.Component:
    s = BulkImportState
    return rx.upload.root(
        rx.vstack(
            rx.icon("file-spreadsheet", size=32, color=tokens.PRIMARY),
            rx.text("Drop a CSV here, or click to choose one", weight="medium"),
            rx.text(
                f"UTF-8, up to {MAX_IMPORT_ROWS} campaigns and {MAX_IMPORT_BYTES // 1024} KB",
                size="1",
                color=tokens.MUTED_TEXT,
            ),
            align="center",
            spacing="2",
            padding="2rem",
        ),
        id=UPLOAD_ID,
        accept={"text/csv": [".csv"], "application/vnd.ms-excel": [".csv"]},
        max_files=1,
        max_size=MAX_IMPORT_BYTES,
        multiple=False,
        disabled=s.running | ~s.allowed,
        on_drop=s.receive(rx.upload_files(upload_id=UPLOAD_ID)),
        border="2px dashed var(--gray-a7)",
        border_radius=tokens.RADIUS,
        width="100%",
        cursor="pointer",
        _hover={"border_color": "var(--accent-9)"},
    )


@rx.page(
    route="/campaigns/import",
    title="Import campaigns | Konduct",
    meta=NO_INDEX,
    on_load=BulkImportState.open_import,
)
def import_page() -> rx.Component:
    s = BulkImportState
    return site_page(
        rx.vstack(
            rx.link("← Campaigns", href="/campaigns", size="2"),
            rx.heading("Import campaigns", as_="h1", size="7", font_family=tokens.HEADING_FONT),
            rx.text(
                "Each row becomes a campaign with its own ID and a default tracking link. "
                "Every row is checked first: if any has a problem, nothing is imported.",
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            rx.cond(
                s.allowed,
                rx.fragment(),
                locked_callout("Bulk import is part of Professional.", id="import-locked"),
            ),
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.text("Columns", weight="bold", size="2"),
                        rx.spacer(),
                        rx.button(
                            rx.icon("download", size=14),
                            "Download the CSV template",
                            size="2",
                            variant="soft",
                            on_click=s.download_template,
                            id="import-template",
                        ),
                        width="100%",
                        align="center",
                        wrap="wrap",
                    ),
                    rx.text(
                        "Required: ",
                        rx.code(", ".join(REQUIRED_COLUMNS)),
                        ". Optional: ",
                        rx.code(", ".join(c for c in COLUMNS if c not in REQUIRED_COLUMNS)),
                        ". Lists (countries, languages, interests, devices…) are separated by ';'.",
                        size="2",
                    ),
                    spacing="2",
                ),
                width="100%",
            ),
            dropzone(),
            rx.hstack(
                rx.switch(
                    checked=s.allow_duplicates,
                    on_change=s.set_allow_duplicates,
                    id="import-allow-duplicates",
                ),
                rx.el.label(
                    rx.text("Import rows that duplicate existing campaigns", size="2"),
                    html_for="import-allow-duplicates",
                ),
                align="center",
            ),
            rx.cond(
                s.running | (s.total > 0),
                rx.vstack(
                    rx.text(
                        rx.cond(s.running, "Importing ", "Imported "),
                        s.file_name,
                        ": ",
                        s.done,
                        " of ",
                        rx.cond(s.total > 0, s.total.to_string(), "…"),
                        size="2",
                        id="import-status",
                    ),
                    rx.progress(value=s.percent, max=100, width="100%", id="import-progress"),
                    width="100%",
                ),
                rx.fragment(),
            ),
            rx.cond(
                s.failure != "",
                rx.callout(
                    s.failure, icon="triangle_alert", color_scheme="red", id="import-failure"
                ),
                rx.fragment(),
            ),
            rx.cond(
                s.problems.length() > 0,
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Row"),
                                rx.table.column_header_cell("Column"),
                                rx.table.column_header_cell("Problem"),
                            )
                        ),
                        rx.table.body(rx.foreach(s.problems, problem_row)),
                        variant="surface",
                        width="100%",
                        id="import-problems",
                    ),
                    overflow_x="auto",
                    width="100%",
                ),
                rx.fragment(),
            ),
            rx.cond(
                s.imported.length() > 0,
                rx.vstack(
                    rx.heading("Imported", as_="h2", size="4"),
                    rx.box(
                        rx.table.root(
                            rx.table.header(
                                rx.table.row(
                                    rx.table.column_header_cell("Row"),
                                    rx.table.column_header_cell("Campaign"),
                                    rx.table.column_header_cell("ID"),
                                )
                            ),
                            rx.table.body(rx.foreach(s.imported, imported_row)),
                            variant="surface",
                            width="100%",
                            id="import-results",
                        ),
                        overflow_x="auto",
                        width="100%",
                    ),
                    rx.link("See them in the campaign list →", href="/campaigns", size="2"),
                    width="100%",
                ),
                rx.fragment(),
            ),
            spacing="4",
            width="100%",
            max_width="56rem",
        )
    )
