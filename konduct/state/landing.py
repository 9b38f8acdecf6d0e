"""Landing page state: the compatibility checker. (The pricing toggle needs none: it is
CSS. The interactive demo reuses the generator's own states, id_generator and utm_builder.)
"""

from __future__ import annotations

import reflex as rx

from konduct.domain import compatibility
from konduct.domain.compatibility import REPORT_FORMATS, CompatibilityReport
from konduct.domain.errors import ValidationFailed
from konduct.domain.plans import PLAN_LIMITS


class CompatibilityState(rx.State):
    platforms: list[str] = ["FBK", "IGM", "GAD"]
    needs: list[str] = ["tracking_links", "ga4_channels"]

    checked: bool = False
    error: str = ""
    plan_name: str = ""
    platform_rows: list[dict[str, str]] = []
    need_rows: list[dict[str, str]] = []
    next_steps: list[dict[str, str]] = []

    @rx.event
    def toggle_platform(self, code: str, on: bool):
        self.platforms = _toggled(self.platforms, code, on)
        if self.checked:  # a report on screen follows the picks, never shows stale ones
            self.check()

    @rx.event
    def toggle_need(self, need: str, on: bool):
        self.needs = _toggled(self.needs, need, on)
        if self.checked:
            self.check()

    def _report(self) -> CompatibilityReport:
        return compatibility.check_compatibility(self.platforms, self.needs)

    @rx.event
    def check(self):
        self.error = ""
        try:
            report = self._report()
        except ValidationFailed as failure:
            self.checked, self.error = False, "; ".join(p.reason for p in failure.problems)
            return
        self.checked = True
        self.plan_name = report.plan_name
        self.platform_rows = [
            {
                "name": p.name,
                "code": p.code,
                "source": p.utm_source or "your choice",
                "medium": p.utm_medium or "your choice",
                "channel": p.ga4_channel,
                "plan": PLAN_LIMITS[p.plan].name,
            }
            for p in report.platforms
        ]
        self.need_rows = [
            {"label": n.label, "how": n.how, "plan": PLAN_LIMITS[n.plan].name} for n in report.needs
        ]
        self.next_steps = [{"text": s.text, "href": s.href} for s in report.next_steps]

    @rx.event
    def download(self, fmt: str):
        try:
            text = compatibility.render_report(self._report(), fmt)
        except ValidationFailed as failure:
            return rx.toast.error("; ".join(p.reason for p in failure.problems))
        return rx.download(
            data=text,
            filename=f"konduct-compatibility.{fmt}",
            mime_type=REPORT_FORMATS[fmt],
        )


def _toggled(values: list[str], value: str, on: bool) -> list[str]:
    rest = [v for v in values if v != value]
    return [*rest, value] if on else rest
