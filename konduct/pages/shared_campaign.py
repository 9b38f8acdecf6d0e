"""/campaigns/shared/[token]: a campaign shared inside the team, read-only."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.branding import team_brand
from konduct.components.layout import NO_INDEX, site_page
from konduct.state.shared_campaign import SharedCampaignState, SharedLink


def fact(label: str, value) -> rx.Component:
    return rx.hstack(
        rx.text(label, size="2", color=tokens.MUTED_TEXT, min_width="8rem"),
        rx.text(value, size="2", weight="medium"),
        align="start",
    )


def link_line(link: SharedLink) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(link.label, weight="bold", size="2"),
            rx.hstack(
                rx.code(link.tagged_url, size="1", word_break="break-all", variant="ghost"),
                rx.button(
                    rx.icon("copy", size=14),
                    size="1",
                    variant="soft",
                    aria_label="Copy link",
                    on_click=SharedCampaignState.copy_text(link.tagged_url),
                ),
                align="center",
                width="100%",
            ),
            spacing="1",
            width="100%",
        ),
        width="100%",
    )


@rx.page(
    route="/campaigns/shared/[token]",
    title="Shared campaign | Konduct",
    meta=NO_INDEX,
    on_load=SharedCampaignState.open_shared,
)
def shared_campaign_page() -> rx.Component:
    s = SharedCampaignState
    c = s.campaign
    return site_page(
        rx.cond(
            s.loading,
            rx.spinner(),
            rx.cond(
                s.found,
                rx.vstack(
                    team_brand("shared-team-brand"),
                    rx.badge(
                        rx.icon("eye", size=14), "Read-only · shared by ", c["shared_by"],
                        color_scheme="gray", size="2", id="shared-read-only",
                    ),
                    rx.heading(c["name"], as_="h1", size="7", font_family=tokens.HEADING_FONT),
                    rx.code(c["campaign_id"], size="4", id="shared-campaign-id"),
                    rx.card(
                        rx.vstack(
                            fact("Status", c["status"]),
                            fact("Platform", c["platform"]),
                            fact("Objective", c["objective"]),
                            fact("Manager", c["manager"]),
                            fact("Website", c["website"]),
                            fact("Dates", c["dates"]),
                            fact("Budget", c["budget"]),
                            fact("Ages", c["ages"]),
                            spacing="2",
                        ),
                        width="100%",
                    ),
                    rx.heading("Tracking links", as_="h2", size="4"),
                    rx.cond(
                        s.links.length() > 0,
                        rx.vstack(rx.foreach(s.links, link_line), width="100%", id="shared-links"),
                        rx.text("No tracking links yet.", size="2", color=tokens.MUTED_TEXT),
                    ),
                    spacing="4",
                    width="100%",
                    max_width="48rem",
                ),
                rx.callout(
                    "No campaign here: the link was revoked, or it belongs to another team.",
                    icon="search_x",
                    id="shared-missing",
                ),
            ),
        )
    )  # fmt: skip
