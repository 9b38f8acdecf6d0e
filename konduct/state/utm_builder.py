"""Tag a landing page with the generated ID: fields -> UTM service -> preview and problems."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from konduct.domain.catalog import resolve_platform
from konduct.domain.utm import suggested_medium
from konduct.schemas.errors import validation_problems
from konduct.schemas.utm import UtmRequest
from konduct.services import utm_links
from konduct.services.qr import qr_png, qr_svg
from konduct.state.id_generator import IdGeneratorState


class UtmBuilderState(IdGeneratorState):
    landing_url: str = ""
    source: str = ""
    medium: str = ""
    creative: str = ""
    creative_param: str = "utm_content"

    tagged_url: str = ""
    qr: str = ""  # SVG of the tagged link's QR code
    channel: str = ""
    utm_pairs: list[list[str]] = []
    errors: dict[str, str] = {}
    warnings: list[str] = []

    @rx.var
    def default_source(self) -> str:
        return resolve_platform(self.platform).utm_source or ""

    @rx.var
    def default_medium(self) -> str:
        return suggested_medium(resolve_platform(self.platform).code)

    @rx.event
    def set_landing_url(self, value: str):
        self.landing_url = value
        self._refresh()

    @rx.event
    def set_source(self, value: str):
        self.source = value
        self._refresh()

    @rx.event
    def set_medium(self, value: str):
        self.medium = value
        self._refresh()

    @rx.event
    def set_creative(self, value: str):
        self.creative = value
        self._refresh()

    @rx.event
    def set_creative_param(self, value: str | list[str]):
        self.creative_param = value if isinstance(value, str) else value[0]
        self._refresh()

    @rx.event
    def refresh_preview(self):
        """After a new ID is generated the link must carry it."""
        self._refresh()

    @rx.event
    def copy_tagged_url(self):
        if not self.tagged_url:
            return rx.toast.warning("Fix the highlighted fields first.")
        return [
            rx.set_clipboard(self.tagged_url),
            rx.toast.success("Tracking link copied", duration=2500),
        ]

    @rx.event
    def download_qr(self):
        if not self.tagged_url:
            return rx.toast.warning("Fix the highlighted fields first.")
        name = self.campaign_id or "tracking-link"
        return rx.download(
            data=qr_png(self.tagged_url), filename=f"{name}.png", mime_type="image/png"
        )

    def _refresh(self) -> None:
        """Rebuild the preview; until a landing page is typed there is nothing to check."""
        self.tagged_url, self.utm_pairs, self.errors, self.warnings = "", [], {}, []
        self.channel, self.qr = "", ""
        if not self.landing_url.strip():
            return
        try:
            request = UtmRequest(
                url=self.landing_url,
                source=self.source or self.default_source,
                medium=self.medium or self.default_medium,
                campaign=self.campaign_id,
                creative=self.creative or None,
                creative_param=self.creative_param,
            )
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            return
        answer = utm_links.validate(request)
        self.errors = {e.field: e.reason for e in answer.errors}
        self.warnings = [w.reason for w in answer.warnings]
        if answer.valid and answer.url:
            self.tagged_url = answer.url
            self.qr = qr_svg(answer.url)
            self.channel = answer.channel or ""
            self.utm_pairs = [[key, value] for key, value in answer.params.items()]
