"""/templates: the team's campaign templates; start a new campaign from one."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import NO_INDEX, site_page
from konduct.components.plan_ui import locked_callout
from konduct.state.templates import PAGE_SIZE, TemplateRow, TemplatesState


def template_card(row: TemplateRow) -> rx.Component:
    s = TemplatesState
    return rx.card(
        rx.vstack(
            rx.heading(row.name, as_="h2", size="4"),
            rx.hstack(
                rx.badge(row.platform, color_scheme="indigo"),
                rx.badge(row.objective, color_scheme="violet"),
                wrap="wrap",
            ),
            rx.text(row.summary, size="2"),
            rx.text(row.created, size="1", color=tokens.MUTED_TEXT),
            rx.hstack(
                rx.button(
                    rx.icon("play", size=14),
                    "Use template",
                    on_click=s.use(row.id),
                    disabled=~s.allowed,
                    size="2",
                ),
                rx.button(
                    "Delete",
                    variant="soft",
                    color_scheme="red",
                    size="2",
                    on_click=s.delete(row.id),
                    aria_label="Delete template " + row.name,
                ),
                spacing="2",
            ),
            spacing="2",
            width="100%",
        ),
        class_name="template-card",
        width="100%",
    )


@rx.page(
    route="/templates",
    title="Templates | Konduct",
    meta=NO_INDEX,
    on_load=TemplatesState.open_templates,
)
def templates_page() -> rx.Component:
    s = TemplatesState
    return site_page(
        rx.vstack(
            rx.link("← Campaigns", href="/campaigns", size="2"),
            rx.heading("Templates", as_="h1", size="7", font_family=tokens.HEADING_FONT),
            rx.text(
                "Start new campaigns from a saved setup and audience. Save one from any "
                "campaign's page with Save as template.",
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            rx.cond(
                s.allowed,
                rx.fragment(),
                locked_callout(
                    "Templates are part of Professional: your saved ones stay listed here.",
                    id="templates-locked",
                ),
            ),
            rx.cond(
                s.total > 0,
                rx.vstack(
                    rx.grid(
                        rx.foreach(s.rows, template_card),
                        columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                        spacing="4",
                        width="100%",
                        id="template-list",
                    ),
                    rx.hstack(
                        rx.text(s.total, " templates", size="2", color=tokens.MUTED_TEXT),
                        rx.spacer(),
                        rx.button(
                            "Previous", variant="soft", on_click=s.page(-1), disabled=s.offset == 0
                        ),
                        rx.button(
                            "Next",
                            variant="soft",
                            on_click=s.page(1),
                            disabled=s.offset + PAGE_SIZE >= s.total,
                        ),
                        width="100%",
                        align="center",
                    ),
                    width="100%",
                ),
                rx.cond(
                    s.loaded,
                    rx.callout(
                        "No templates yet. Open a campaign and choose Save as template.",
                        icon="layout-template",
                        id="templates-empty",
                        width="100%",
                    ),
                    rx.spinner(),
                ),
            ),
            spacing="4",
            width="100%",
        )
    )
