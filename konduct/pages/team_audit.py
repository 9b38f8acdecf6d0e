"""The audit log download section of /settings/team (Enterprise admins)."""

from __future__ import annotations

import reflex as rx

from konduct.pages.settings import section
from konduct.state.audit_export import AuditExportState
from konduct.state.session import SessionState


def audit_export_section() -> rx.Component:
    s = AuditExportState
    return rx.cond(
        (SessionState.team_role == "ADMIN") & (SessionState.plan == "ENTERPRISE"),
        section(
            "Audit log",
            rx.flex(
                rx.el.label(
                    rx.text("From", size="1"),
                    rx.input(
                        type="date", value=s.audit_from, on_change=s.set_audit_from,
                        id="audit-from", aria_label="From day",
                    ),
                ),
                rx.el.label(
                    rx.text("To", size="1"),
                    rx.input(
                        type="date", value=s.audit_to, on_change=s.set_audit_to,
                        id="audit-to", aria_label="To day",
                    ),
                ),
                rx.select(
                    ["csv", "json"], value=s.audit_format, on_change=s.set_audit_format,
                    aria_label="File format", id="audit-format",
                ),
                rx.button(
                    rx.icon("download", size=16), "Download audit log",
                    on_click=s.download_audit_log, loading=s.audit_busy, id="audit-download",
                ),
                spacing="3", align="end", wrap="wrap",
            ),
            description="Who did what in this team, newest first, from where and with which "
            "browser. Leave the days empty for the whole trail (up to 10,000 rows).",
            id="audit-log",
        ),
        rx.fragment(),
    )  # fmt: skip
