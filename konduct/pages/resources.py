"""The resource center: guides and tutorials from ``content/resources/``, search, downloads.

Every page is registered at import from the Markdown files, so each guide and tutorial
is prerendered with its own title, description and sitemap entry.
"""

from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.inline import A as PlainLink

from konduct.components import tokens
from konduct.components.layout import site_page
from konduct.components.seo import breadcrumbs, public_page
from konduct.services import resources as content
from konduct.state.resources import ResourcesState, SearchResult, SnippetPart
from konduct.state.session import SessionState

DOWNLOAD_BASE = "/api/resources/downloads/"

# Markdown styled with the theme's tokens, so light and dark both read well.
PROSE_STYLE = {
    "line_height": "1.7",
    "font_size": "1rem",
    "color": "var(--gray-12)",
    "& h2": {"margin_top": "2rem", "font_family": tokens.HEADING_FONT},
    "& h3": {"margin_top": "1.5rem"},
    "& a": {"color": "var(--accent-11)", "text_decoration": "underline"},
    "& a:focus-visible": {"outline": "2px solid var(--accent-8)", "outline_offset": "2px"},
    "& table": {
        "width": "100%",
        "border_collapse": "collapse",
        "margin": "1rem 0",
        "font_size": "0.925rem",
        "display": "block",
        "overflow_x": "auto",
    },
    "& th, & td": {
        "text_align": "left",
        "padding": "0.5rem 0.75rem",
        "border_bottom": tokens.BORDER,
        "vertical_align": "top",
    },
    "& th": {"background": "var(--gray-a2)", "font_weight": "600"},
    "& ul, & ol": {"padding_left": "1.5rem"},
    "& pre": {"max_width": "100%", "overflow_x": "auto"},
}


def prose(markdown: str) -> rx.Component:
    return rx.box(
        rx.markdown(
            markdown,
            use_math=False,  # "$49 a month … $490" is money, not TeX
            use_katex=False,
            use_raw=False,  # no raw HTML, even from our own files
            # Plain <a>: rx.el.a is a client-side router link, but some links leave the app
            # (/docs, downloads) and react-markdown hands over href, not the router's "to".
            component_map={"a": lambda text, **props: PlainLink.create(text, **props)},
        ),
        style=PROSE_STYLE,
        class_name="konduct-prose",
        width="100%",
    )


def card_link(title: str, text: str, href: str, *, icon: str, **props) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.center(
                    rx.icon(icon, size=20, color=tokens.PRIMARY),
                    background=tokens.PRIMARY_SOFT,
                    border_radius="10px",
                    min_width="2.5rem",
                    height="2.5rem",
                ),
                rx.vstack(
                    rx.text(title, weight="bold", size="3", color="var(--gray-12)"),
                    rx.text(text, size="2", color=tokens.MUTED_TEXT),
                    spacing="1",
                ),
                spacing="3",
                align="start",
            ),
            height="100%",
            _hover={"box_shadow": tokens.CARD_SHADOW},
        ),
        href=href,
        underline="none",
        **props,
    )


def snippet_part(part: SnippetPart) -> rx.Component:
    return rx.cond(
        part.match,
        rx.el.mark(
            part.text,
            background="var(--amber-a5)",
            color="inherit",
            border_radius="3px",
            padding="0 1px",
        ),
        rx.text.span(part.text),
    )


def search_result(result: SearchResult) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.vstack(
                rx.hstack(
                    rx.text(result.title, weight="bold", size="3", color="var(--accent-11)"),
                    rx.badge(result.kind, variant="soft", color_scheme="gray", size="1"),
                    align="center",
                    spacing="2",
                ),
                rx.text(rx.foreach(result.parts, snippet_part), size="2", color=tokens.MUTED_TEXT),
                spacing="1",
                padding="0.75rem 1rem",
                border_radius=tokens.RADIUS,
                _hover={"background": "var(--gray-a3)"},
            ),
            href=result.url,
            underline="none",
            class_name="search-result",
        ),
        list_style="none",
    )


def search_box() -> rx.Component:
    s = ResourcesState
    return rx.vstack(
        rx.el.label(
            rx.text("Search the resource center", size="2", weight="medium"),
            html_for="resource-search",
        ),
        rx.input(
            rx.input.slot(rx.icon("search", size=18)),
            value=s.query,
            on_change=s.set_query.debounce(120),
            id="resource-search",
            type="search",
            placeholder="UTM medium, API key, cancel…",
            size="3",
            width="100%",
            auto_complete="off",
        ),
        rx.cond(
            s.searching,
            rx.cond(
                s.results.length() > 0,
                rx.el.ul(
                    rx.foreach(s.results, search_result),
                    id="search-results",
                    aria_live="polite",
                    padding="0",
                    margin="0",
                    width="100%",
                ),
                rx.callout(
                    rx.text(
                        "No page mentions “",
                        s.query,
                        "”. Try fewer or other words, or ",
                        rx.link("open a support ticket", href="/support"),
                        ".",
                    ),
                    icon="search_x",
                    color_scheme="gray",
                    id="search-empty",
                    width="100%",
                ),
            ),
            rx.fragment(),
        ),
        width="100%",
        spacing="2",
        role="search",
    )


def downloads() -> rx.Component:
    def item(title: str, text: str, filename: str, icon: str, element_id: str) -> rx.Component:
        return rx.card(
            rx.hstack(
                rx.icon(icon, size=24, color=tokens.SECONDARY),
                rx.vstack(
                    rx.text(title, weight="bold"),
                    rx.text(text, size="2", color=tokens.MUTED_TEXT),
                    PlainLink.create(
                        rx.hstack(rx.icon("download", size=16), rx.text("Download"), spacing="1"),
                        href=DOWNLOAD_BASE + filename,
                        download=filename,
                        id=element_id,
                        data_track=element_id,
                        class_name="rt-reset rt-BaseButton rt-r-size-2 rt-variant-soft rt-Button",
                        style={"text_decoration": "none"},
                    ),
                    spacing="2",
                    align="start",
                ),
                spacing="3",
                align="start",
            ),
        )

    return rx.grid(
        item(
            "UTM naming checklist (PDF)",
            "Twenty checks on one printable page, from the landing page to launch.",
            content.CHECKLIST_FILE,
            "list_checks",
            "download-checklist",
        ),
        item(
            "Campaign CSV template",
            "The columns Konduct uses, two example rows and every platform and objective code.",
            content.TEMPLATE_FILE,
            "sheet",
            "download-template",
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


def section(title: str, *children: rx.Component, **props) -> rx.Component:
    return rx.vstack(
        rx.heading(title, as_="h2", size="5", font_family=tokens.HEADING_FONT),
        *children,
        spacing="3",
        width="100%",
        **props,
    )


def video_card(video: content.Resource) -> rx.Component:
    thumbnail = video.frames[0].src if video.frames else "/logo.svg"
    return rx.link(
        rx.card(
            rx.vstack(
                rx.box(
                    rx.image(
                        src=thumbnail,
                        alt=f"First step of the tutorial: {video.frames[0].caption}"
                        if video.frames
                        else "",
                        width="100%",
                        height="auto",
                        loading="lazy",
                        style={"aspect_ratio": "3 / 2", "object_fit": "cover"},
                    ),
                    rx.badge(
                        rx.icon("circle_play", size=14),
                        video.duration or "Tutorial",
                        position="absolute",
                        bottom="0.5rem",
                        left="0.5rem",
                        variant="solid",
                    ),
                    position="relative",
                    border_radius="8px",
                    overflow="hidden",
                    border=tokens.BORDER,
                ),
                rx.text(video.title, weight="bold", color="var(--gray-12)"),
                rx.text(video.description, size="2", color=tokens.MUTED_TEXT),
                spacing="2",
            ),
            height="100%",
            _hover={"box_shadow": tokens.CARD_SHADOW},
        ),
        href=video.url,
        underline="none",
    )


def help_row() -> rx.Component:
    return rx.grid(
        card_link(
            "Open a support ticket",
            "Can't find an answer? We reply within one working day.",
            "/support",
            icon="life_buoy",
            data_track="resources-support",
            id="resources-support",
        ),
        card_link(
            "Talk to sales",
            "Enterprise, single sign-on or a custom quote.",
            "/contact-sales",
            icon="messages_square",
            data_track="resources-contact-sales",
        ),
        card_link(
            "API reference",
            "Every endpoint, with examples you can try.",
            "/resources/api",
            icon="code_xml",
        ),
        columns=rx.breakpoints(initial="1", md="3"),
        spacing="4",
        width="100%",
    )


@public_page(
    "/resources",
    "Resource center: guides, tutorials and templates | Konduct",
    "Guides to campaign IDs and UTM tagging, the REST API and security, step-by-step "
    "tutorials, and a free UTM naming checklist and CSV template.",
    breadcrumb="Resources",
    priority=0.8,
    on_load=ResourcesState.open_center,
)
def resource_center() -> rx.Component:
    return site_page(
        breadcrumbs(("Resources", "/resources")),
        rx.vstack(
            rx.vstack(
                rx.heading("Resource center", as_="h1", size="8", font_family=tokens.HEADING_FONT),
                rx.text(
                    "Everything to name, tag and report on campaigns the same way across your "
                    "team: guides, tutorials, templates and the API.",
                    size="4",
                    color=tokens.MUTED_TEXT,
                    max_width="44rem",
                ),
                search_box(),
                spacing="3",
                width="100%",
                max_width="48rem",
            ),
            section(
                "Guides",
                rx.grid(
                    *[
                        card_link(
                            guide.title,
                            guide.description,
                            guide.url,
                            icon=icon,
                            id=f"guide-{guide.slug}",
                        )
                        for guide, icon in zip(
                            content.guides(),
                            ("rocket", "tags", "code_xml", "shield_check", "circle_help"),
                            strict=False,
                        )
                    ],
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    spacing="4",
                    width="100%",
                ),
                id="guides",
            ),
            section(
                "Downloads",
                downloads(),
                id="downloads",
            ),
            section(
                "Video tutorials",
                rx.text(
                    "Step-by-step walkthroughs with screenshots of the real app and a full "
                    "transcript.",
                    color=tokens.MUTED_TEXT,
                    size="2",
                ),
                rx.grid(
                    *[video_card(video) for video in content.videos()],
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    spacing="4",
                    width="100%",
                ),
                id="videos",
            ),
            section("Need a hand?", help_row()),
            rx.text(
                "We count visits anonymously; Google Analytics only runs if you accept it. ",
                rx.el.button(
                    "Cookie settings",
                    type="button",
                    data_consent_settings="",
                    id="cookie-settings",
                    style={
                        "background": "none",
                        "border": "none",
                        "padding": "0",
                        "color": "var(--accent-11)",
                        "text_decoration": "underline",
                        "cursor": "pointer",
                        "font": "inherit",
                    },
                ),
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            spacing="8",
            width="100%",
        ),
    )


def side_nav(current: str) -> rx.Component:
    return rx.el.nav(
        rx.vstack(
            rx.text("Guides", size="1", weight="bold", color=tokens.MUTED_TEXT),
            *[
                rx.link(
                    guide.title,
                    href=guide.url,
                    size="2",
                    weight="bold" if guide.slug == current else "regular",
                    color="var(--accent-11)" if guide.slug == current else "var(--gray-12)",
                    aria_current="page" if guide.slug == current else None,
                )
                for guide in content.guides()
            ],
            rx.text(
                "Tutorials", size="1", weight="bold", color=tokens.MUTED_TEXT, padding_top="1rem"
            ),
            *[
                rx.link(video.title, href=video.url, size="2", color="var(--gray-12)")
                for video in content.videos()
            ],
            spacing="2",
            position="sticky",
            top="5.5rem",
        ),
        aria_label="Resource center",
        display=["none", "none", "block"],
        min_width="14rem",
        max_width="16rem",
    )


def page_footer() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.text("Didn't find what you needed?", weight="medium"),
            rx.hstack(
                rx.link(
                    rx.button("Open a support ticket", variant="soft"),
                    href="/support",
                    data_track="doc-support",
                ),
                rx.link(rx.button("All resources", variant="ghost"), href="/resources"),
                spacing="3",
                wrap="wrap",
            ),
            justify="between",
            align="center",
            gap="3",
            wrap="wrap",
        ),
        width="100%",
        margin_top="2rem",
    )


def guide_page(guide: content.Resource):
    def page() -> rx.Component:
        return site_page(
            breadcrumbs(("Resources", "/resources"), (guide.title, guide.url)),
            rx.hstack(
                side_nav(guide.slug),
                rx.el.article(
                    rx.heading(guide.title, as_="h1", size="8", font_family=tokens.HEADING_FONT),
                    rx.text(guide.description, size="4", color=tokens.MUTED_TEXT, margin_y="1rem"),
                    prose(guide.markdown),
                    page_footer(),
                    id="doc",
                    flex="1",
                    min_width="0",
                    max_width="46rem",
                ),
                spacing="8",
                align="start",
                width="100%",
            ),
        )

    page.__name__ = f"resource_{guide.slug.replace('-', '_')}"
    return public_page(
        guide.url,
        f"{guide.title} | Resources | Konduct",
        guide.description,
        breadcrumb=guide.title,
        priority=0.6,
        on_load=SessionState.load,
    )(page)


FRAME_SECONDS = 4


def player_css(count: int) -> str:
    """Keyframes that show each of ``count`` frames in turn, with a short cross-fade."""
    share = 100 / count
    fade = min(3.0, share / 4)
    return (
        f"@keyframes konduct-frames-{count}{{0%{{opacity:0}}{fade:.2f}%{{opacity:1}}"
        f"{share:.2f}%{{opacity:1}}{share + fade:.2f}%{{opacity:0}}100%{{opacity:0}}}}"
        "@media (prefers-reduced-motion: reduce){.walkthrough-player img{animation:none!important;"
        "opacity:0!important}.walkthrough-player img:first-child{opacity:1!important}}"
    )


def player(video: content.Resource) -> rx.Component:
    """The frames played one after another, like a silent screen recording. Decorative:
    the numbered steps below carry the same pictures with their captions."""
    count = len(video.frames)
    return rx.box(
        rx.el.style(player_css(count)),
        *[
            rx.image(
                src=frame.src,
                alt="",
                position="absolute",
                inset="0",
                width="100%",
                height="100%",
                opacity="0",
                style={
                    "animation": f"konduct-frames-{count} {count * FRAME_SECONDS}s linear "
                    f"{index * FRAME_SECONDS}s infinite"
                },
            )
            for index, frame in enumerate(video.frames)
        ],
        class_name="walkthrough-player",
        aria_hidden="true",
        position="relative",
        width="100%",
        max_width="48rem",
        style={"aspect_ratio": "3 / 2"},
        border_radius="12px",
        overflow="hidden",
        border=tokens.BORDER,
        box_shadow=tokens.CARD_SHADOW,
        margin_bottom="2rem",
        id="walkthrough-player",
    )


def walkthrough(video: content.Resource) -> rx.Component:
    """The tutorial's frames as numbered steps: each screenshot with its caption."""
    return rx.el.ol(
        *[
            rx.el.li(
                rx.el.figure(
                    rx.image(
                        src=frame.src,
                        alt=f"Step {number}: {frame.caption}",
                        width="100%",
                        height="auto",
                        loading="eager" if number == 1 else "lazy",
                        style={"aspect_ratio": "3 / 2"},
                        border_radius="8px",
                        border=tokens.BORDER,
                    ),
                    rx.el.figcaption(
                        rx.text(
                            rx.text.strong(f"Step {number}. "),
                            frame.caption,
                            size="2",
                            color=tokens.MUTED_TEXT,
                        ),
                        padding_top="0.5rem",
                    ),
                    margin="0",
                ),
                list_style="none",
                class_name="walkthrough-frame",
            )
            for number, frame in enumerate(video.frames, start=1)
        ],
        id="walkthrough",
        class_name="walkthrough",
        padding="0",
        margin="0",
        display="grid",
        gap="1.5rem",
        grid_template_columns=rx.breakpoints(initial="1fr", md="1fr 1fr"),
    )


def video_page(video: content.Resource):
    def page() -> rx.Component:
        return site_page(
            breadcrumbs(
                ("Resources", "/resources"),
                ("Tutorials", "/resources#videos"),
                (video.title, video.url),
            ),
            rx.el.article(
                rx.hstack(
                    rx.badge(rx.icon("circle_play", size=14), "Tutorial", variant="soft"),
                    rx.badge(video.duration, variant="outline", color_scheme="gray")
                    if video.duration
                    else rx.fragment(),
                    spacing="2",
                ),
                rx.heading(video.title, as_="h1", size="8", font_family=tokens.HEADING_FONT),
                rx.text(video.description, size="4", color=tokens.MUTED_TEXT, margin_y="1rem"),
                rx.callout(
                    "This tutorial is an animated screenshot walkthrough with a full "
                    "transcript: each step shows the real app at that moment. A narrated "
                    "video recording is not published yet.",
                    icon="info",
                    color_scheme="gray",
                    size="1",
                    margin_bottom="1.5rem",
                    id="video-note",
                ),
                player(video) if video.frames else rx.fragment(),
                walkthrough(video),
                rx.box(prose(video.markdown), max_width="46rem", margin_top="2rem"),
                page_footer(),
                id="doc",
                width="100%",
            ),
        )

    page.__name__ = f"tutorial_{video.slug.replace('-', '_')}"
    return public_page(
        video.url,
        f"{video.title} (tutorial) | Konduct",
        video.description,
        breadcrumb=video.title,
        priority=0.5,
        image=video.frames[0].src if video.frames else "/logo.svg",
        on_load=SessionState.load,
    )(page)


for _guide in content.guides():
    guide_page(_guide)
for _video in content.videos():
    video_page(_video)
