"""The campaign page's link builder: the team's rules decide what it offers.

Where a field has a picklist the builder shows a select of the allowed values
(filtered by the field it depends on); every field shows its rule as a hint; the
preview is checked as you type by the same service the API uses
(``utm_links.validate_for_campaign``), so the page refuses exactly what the API
refuses. QR variants are made here too.
"""

from __future__ import annotations

import asyncio

import reflex as rx
from pydantic import ValidationError

from konduct.domain.catalog import platform_by_code
from konduct.domain.errors import DomainError, ValidationFailed
from konduct.domain.naming_rules import allowed_values, hint, parse_rules
from konduct.domain.rate_limits import URL_CHECK_LIMIT, parse_limit
from konduct.domain.targeting import marketing_tactic
from konduct.domain.utm import normalize_value
from konduct.schemas.errors import problem_text, validation_problems
from konduct.schemas.utm import UtmLinkCreate, UtmLinkUpdate, UtmRequest
from konduct.services import campaigns, clicks, naming_rules, qr_variants, utm_links
from konduct.services.kv import store_for
from konduct.services.url_check import check_url
from konduct.settings import get_settings
from konduct.state.campaigns import CampaignDetailState
from konduct.state.session import SessionState, page_limiter

# The builder's fields (besides the landing page and the label), in form order.
FORM_FIELDS = ("source", "medium", "creative", "term", "creative_format", "marketing_tactic")
_TEXT = ("url", "label", *FORM_FIELDS)


class LinkBuilderState(SessionState):
    url: str = ""
    source: str = ""
    medium: str = ""
    creative: str = ""
    term: str = ""
    creative_format: str = ""
    marketing_tactic: str = ""
    label: str = ""
    errors: dict[str, str] = {}
    preview: str = ""
    channel: str = ""
    # Per field: the values a select offers (empty: free text) and the rule in words.
    options: dict[str, list[str]] = {f: [] for f in FORM_FIELDS}
    hints: dict[str, str] = {f: "" for f in FORM_FIELDS}
    rules_enforced: bool = False
    default_source: str = ""
    default_tactic: str = ""
    saving: bool = False
    # The QR variant dialog.
    qr_link_id: str = ""
    qr_label: str = ""
    qr_vary: str = "content"
    qr_error: str = ""
    qr_value: str = "qr"  # what the variant will carry, as the service writes it
    editing_id: str = ""  # the stored link being changed; "" while making a new one
    editing_label: str = ""
    _rules: dict = {}
    _campaign_ref: str = ""

    @property
    def ref(self) -> str:
        return (self.router.url.path or "").rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    async def open_builder(self):
        ref = self.ref

        def read(session, ctx):
            campaign = campaigns.get(session, ctx=ctx, ref=ref)
            rules = naming_rules.rules_in_force(session, campaign.team_id)
            platform = platform_by_code(campaign.platform)
            tactic = marketing_tactic((campaign.targeting or {}).get("custom_audience"))
            return rules.document(), not rules.empty, platform, tactic

        try:
            loaded = await self.with_user(read)
        except DomainError:
            return None
        if loaded is None:
            return None
        self._rules, self.rules_enforced, platform, self.default_tactic = loaded
        self.default_source = (platform.utm_source if platform else "") or ""
        if self._campaign_ref and ref != self._campaign_ref:  # another campaign: start blank
            self.url = self.source = self.medium = self.creative = self.term = ""
            self.creative_format = self.marketing_tactic = self.label = ""
            self.errors, self.preview, self.channel = {}, "", ""
        self._campaign_ref = ref
        self._offer()
        # /campaigns/{ref}?edit={link}: the violations list sends people here to fix a link.
        if link_id := self.router.url.query_parameters.get("edit", ""):
            return await self.edit_link(link_id)
        return None

    def _current(self) -> dict[str, str]:
        """The values as the link would carry them (defaults filled in), for dependencies."""
        values = {name: getattr(self, name) for name in FORM_FIELDS}
        values["source"] = values["source"] or self.default_source
        values["marketing_tactic"] = values["marketing_tactic"] or self.default_tactic
        return {name: normalize_value(value) for name, value in values.items()}

    def _offer(self) -> None:
        """What each field offers under the rules; a value no longer allowed is cleared."""
        rules = parse_rules(self._rules)
        current = self._current()
        options, hints = {}, {}
        for name in FORM_FIELDS:
            allowed = list(allowed_values(rules, name, current))
            options[name], hints[name] = allowed, hint(rules, name)
            default = {"source": self.default_source, "marketing_tactic": self.default_tactic}
            if allowed and not getattr(self, name) and default.get(name) in allowed:
                setattr(self, name, default[name])  # a select shows Konduct's default chosen
            if (
                allowed
                and getattr(self, name)
                and normalize_value(getattr(self, name)) not in (allowed)
            ):
                setattr(self, name, "")
                current = self._current()
        self.options, self.hints = options, hints

    @rx.event
    def set_value(self, name: str, value: str):
        if name not in _TEXT:
            return
        setattr(self, name, value if isinstance(value, str) else str(value))
        self._offer()

    @rx.event
    async def check(self):
        """Debounced after typing (one key for all fields: it reads the current values)."""
        await self._check()

    async def _check(self) -> None:
        """Validate as the link would be saved; nothing to say until a landing page is typed."""
        self.preview, self.channel = "", ""
        if not self.url.strip():
            self.errors = {}
            return
        try:
            values = {name: getattr(self, name) for name in FORM_FIELDS}
            request = UtmRequest(url=self.url, **values)
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            return
        ref = self.ref
        try:
            answer = await self.with_user(
                lambda s, ctx: utm_links.validate_for_campaign(s, ctx=ctx, ref=ref, request=request)
            )
        except DomainError:
            return
        if answer is None:
            return
        self.errors = {}
        for error in answer.errors:
            self.errors.setdefault(error.field, error.reason)
        if answer.valid and answer.url:
            self.preview, self.channel = answer.url, answer.channel or ""

    async def _reload_page(self) -> None:
        detail = await self.get_state(CampaignDetailState)
        await detail._load()

    @rx.event
    async def save(self):
        """Save a new link, or the one being edited (its short link stays the same)."""
        self.errors = {}
        values = {name: getattr(self, name) for name in FORM_FIELDS}
        try:
            if self.editing_id:
                data = UtmLinkUpdate(url=self.url, label=self.label, **values)
            else:
                data = UtmLinkCreate(
                    url=self.url,
                    label=self.label or None,
                    **{name: value or None for name, value in values.items() if name != "medium"},
                    medium=self.medium,
                )
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            return
        ref, client, link_id = self.ref, self._client(), self.editing_id
        self.saving = True
        yield

        def work(s, ctx):
            if link_id:
                return utm_links.update_link(
                    s, ctx=ctx, ref=ref, link_id=link_id, data=data, client=client
                )
            return utm_links.create_link(s, ctx=ctx, ref=ref, data=data, client=client)

        try:
            link = await self.with_user(work)
        except ValidationFailed as failure:
            for problem in failure.problems:
                self.errors.setdefault(problem.field, problem.reason)
            self.saving = False
            yield rx.toast.error("Not saved: " + failure.problems[0].reason)
            return
        except DomainError as failure:
            self.saving = False
            yield rx.toast.error(problem_text(failure))
            return
        self.saving = False
        if link_id and link is not None:  # committed: the redirect must not keep the old target
            settings = get_settings()
            clicks.forget(store_for(settings.redis_url, settings.redis_key_prefix), link.short_code)
        self._blank(keep_choices=not link_id)
        await self._reload_page()
        yield rx.toast.success("Tracking link updated." if link_id else "Tracking link saved.")

    def _blank(self, *, keep_choices: bool) -> None:
        """Empty the form after a save; source, medium and tactic stay for the next link."""
        self.url = self.creative = self.term = self.label = self.creative_format = ""
        if not keep_choices:
            self.source = self.medium = self.marketing_tactic = ""
        self.editing_id, self.editing_label = "", ""
        self.preview, self.channel, self.errors = "", "", {}
        self._offer()

    @rx.event
    async def edit_link(self, link_id: str):
        """Load a stored link into the form, e.g. to fix one that breaks a new rule."""
        ref = self.ref
        try:
            link = await self.with_user(
                lambda s, ctx: utm_links.get_link(s, ctx=ctx, ref=ref, link_id=link_id)
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        if link is None:
            return None
        self.editing_id, self.editing_label = str(link.id), link.label or link.medium
        self.url, self.label = link.landing_url, link.label or ""
        for name in FORM_FIELDS:
            setattr(self, name, getattr(link, name) or "")
        self._offer()
        await self._check()
        return rx.scroll_to("link-form")

    @rx.event
    def cancel_edit(self):
        self._blank(keep_choices=False)

    @rx.event
    async def test_url(self):
        """Does the landing page answer? Same check as POST /api/utm/check-url."""
        if not self.signed_in or not self.url.strip():
            return rx.toast.warning("Type the landing page first.")
        decision = await page_limiter().hit(
            parse_limit(URL_CHECK_LIMIT), "url check", self.router.session.client_ip or "unknown"
        )
        if not decision.allowed:
            return rx.toast.error(f"Too many checks: try again in {decision.retry_after} s.")
        settings = get_settings()
        result = await asyncio.to_thread(
            check_url, self.url.strip(), allow_internal=settings.url_check_allow_internal
        )
        if result.ok:
            return rx.toast.success(f"The page answered {result.status} in {result.seconds:.1f} s.")
        return rx.toast.error(f"Not reachable: {result.problem}.")

    # --- QR variants -------------------------------------------------------------

    @rx.event
    def open_qr_variant(self, link_id: str):
        self.qr_link_id, self.qr_label, self.qr_vary, self.qr_error = link_id, "", "content", ""
        self.qr_value = qr_variants.variant_value(parse_rules(self._rules), "")

    @rx.event
    def close_qr_variant(self, open_: bool = False):
        if not open_:
            self.qr_link_id = ""

    @rx.event
    def set_qr_label(self, value: str):
        self.qr_label = value
        self.qr_value = qr_variants.variant_value(parse_rules(self._rules), value)

    @rx.event
    def set_qr_vary(self, value: str | list[str]):
        value = value if isinstance(value, str) else value[0]
        if value in ("content", "medium"):
            self.qr_vary = value

    @rx.event
    async def create_qr_variant(self):
        ref, client, link_id = self.ref, self._client(), self.qr_link_id
        label, vary = self.qr_label.strip() or None, self.qr_vary
        try:
            await self.with_user(
                lambda s, ctx: qr_variants.create_variant(
                    s, ctx=ctx, ref=ref, link_id=link_id, label=label, vary=vary, client=client
                )
            )
        except DomainError as failure:
            self.qr_error = problem_text(failure)
            return None
        self.qr_link_id = ""
        await self._reload_page()
        return rx.toast.success("QR variant made: download its code from the new link.")
