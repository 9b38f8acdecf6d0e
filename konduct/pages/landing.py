"""The landing page at /: what Konduct is, a live demo, plans, proof and answers."""

from __future__ import annotations

import reflex as rx

from konduct.components.landing import faq, final_cta, hero, social_proof, value_proposition
from konduct.components.landing_tools import features_showcase, integrations, pricing
from konduct.components.layout import site_page
from konduct.components.seo import json_ld, public_page
from konduct.domain import landing_content as content
from konduct.domain import seo
from konduct.settings import get_settings
from konduct.state.session import SessionState

TITLE = "Konduct | Campaign IDs, UTM links and QR codes for marketing teams"
DESCRIPTION = (
    "Generate, track and manage campaign IDs across Facebook, Google Ads, TikTok, LinkedIn "
    "and more: one-click IDs, GA4-checked UTM links and QR codes. Free plan available."
)


def structured_data() -> rx.Component:
    base = get_settings().app_url
    return rx.fragment(
        json_ld(seo.organization_ld(base)),
        json_ld(seo.software_application_ld(base, DESCRIPTION)),
        json_ld(seo.faq_page_ld(content.faq_questions())),
    )


@public_page("/", TITLE, DESCRIPTION, breadcrumb="Home", priority=1.0, on_load=SessionState.load)
def landing() -> rx.Component:
    return site_page(
        hero(),
        value_proposition(),
        features_showcase(),
        integrations(),
        pricing(),
        social_proof(),
        faq(),
        final_cta(),
        structured_data(),
    )
