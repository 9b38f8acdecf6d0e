"""The audit log download on the team page: the same service as the REST export."""

from __future__ import annotations

from datetime import date

import reflex as rx

from konduct.domain.errors import DomainError
from konduct.schemas.errors import problem_text
from konduct.services import audit_export
from konduct.state.session import SessionState


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


class AuditExportState(SessionState):
    audit_format: str = "csv"
    audit_from: str = ""
    audit_to: str = ""
    audit_busy: bool = False

    @rx.event
    def set_audit_format(self, value: str):
        self.audit_format = "json" if value == "json" else "csv"

    @rx.event
    def set_audit_from(self, value: str):
        self.audit_from = value

    @rx.event
    def set_audit_to(self, value: str):
        self.audit_to = value

    @rx.event
    async def download_audit_log(self):
        try:
            date_from, date_to = _day(self.audit_from), _day(self.audit_to)
        except ValueError:
            return rx.toast.error("Dates are days like 2026-01-31.")
        export_format = self.audit_format
        self.audit_busy = True
        try:
            answer = await self.with_user(
                lambda s, ctx: audit_export.render(
                    audit_export.rows(s, ctx=ctx, date_from=date_from, date_to=date_to),
                    export_format,  # type: ignore[arg-type]
                )
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        finally:
            self.audit_busy = False
        if answer is None:
            return rx.redirect("/login")
        body, media = answer
        return rx.download(
            data=body, filename=f"konduct-audit-log.{export_format}", mime_type=media
        )
