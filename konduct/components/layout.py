"""The site shell: skip link, header with main and mobile navigation, footer."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex_base.style import color_mode, set_color_mode

from konduct.components import tokens
from konduct.components.branding import team_brand
from konduct.components.static_html import Html, h, static
from konduct.state.account_settings import ApiKeysState, SecurityState
from konduct.state.session import SessionState
from konduct.state.teams import TeamSwitchState


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    # Served by the API app (like /docs), or an anchor: needs a full page load.
    outside_app: bool = False
    group: str = "Product"  # the footer column it sits in


MAIN_NAV = (
    NavItem("Features", "/#features", outside_app=True),
    NavItem("Pricing", "/pricing"),
    NavItem("Resources", "/resources"),
    NavItem("ID generator", "/generate"),
    NavItem("API reference", "/docs", outside_app=True),
)
# The phone menu: the main links, then what the header hides on small screens.
MOBILE_NAV = (
    *MAIN_NAV,
    NavItem("Decode a link", "/decode"),
    NavItem("Start free trial", "/start-trial"),
)
FOOTER_GROUPS = ("Product", "Resources", "Company", "Legal")
FOOTER_NAV = (
    NavItem("Features", "/#features", outside_app=True),
    NavItem("Pricing", "/pricing"),
    NavItem("ID generator", "/generate"),
    NavItem("Decode a link", "/decode"),
    NavItem("Start free trial", "/start-trial"),
    NavItem("Resource center", "/resources", group="Resources"),
    NavItem("API reference", "/docs", outside_app=True, group="Resources"),
    NavItem("OpenAPI schema", "/openapi.json", outside_app=True, group="Resources"),
    NavItem("Service status", "/api/health", outside_app=True, group="Resources"),
    NavItem("Schedule a demo", "/demo", group="Company"),
    NavItem("Talk to sales", "/contact-sales", group="Company"),
    NavItem("Sign in", "/login", group="Company"),
    NavItem("Terms of service", "/terms", group="Legal"),
    NavItem("Privacy policy", "/privacy", group="Legal"),
    NavItem("Sitemap", "/sitemap.xml", outside_app=True, group="Legal"),
)
# The signed-in area, in one order for the header, the account menu and the settings nav:
# the work, then the person, then the team they work in. (label key, route, icon)
APP_LINKS = (
    ("nav.dashboard", "/dashboard", "layout-dashboard"),
    ("nav.campaigns", "/campaigns", "megaphone"),
    ("nav.reports", "/reports", "chart-column"),
)
ACCOUNT_SETTINGS = (
    ("nav.profile", "/settings/profile", "user-round"),
    ("nav.security", "/settings/security", "shield-check"),
    ("nav.api_keys", "/settings/api-keys", "key-round"),
)
TEAM_SETTINGS = (
    ("nav.team", "/settings/team", "users"),
    ("nav.billing", "/settings/billing", "credit-card"),
    ("nav.naming_rules", "/settings/naming-rules", "list-checks"),
    ("nav.branding", "/settings/branding", "palette"),
)
# App pages are personal: search engines must not list them.
NO_INDEX = [{"name": "robots", "content": "noindex"}]
THEMES = (("light", "Light", "sun"), ("dark", "Dark", "moon"), ("system", "System", "monitor"))


def logo(*, size: str = "28px") -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/logo.svg", alt="", width=size, height=size),
            rx.text("Konduct", weight="bold", size="5", font_family=tokens.HEADING_FONT),
            align="center",
            spacing="2",
        ),
        href="/",
        underline="none",
        color="inherit",
        aria_label="Konduct home",
    )


# Signed in, the site's links (Features, Pricing...) leave the header below 80em, where
# they would crowd the app's links; the menu button offers them there instead.
SIGNED_IN_MAIN_NAV = ["none", "none", "none", "none", "flex"]
SIGNED_IN_MENU = ["flex", "flex", "flex", "flex", "none"]


def nav_link(item: NavItem, **props) -> rx.Component:
    style = {
        "color": "var(--gray-12)",
        "weight": "medium",
        "size": "2",
        "white_space": "nowrap",
        **props,
    }
    # Pages of the API app are not Reflex routes: load them as documents, not client-side.
    return rx.link(
        item.label, href=item.href, underline="hover", reload_document=item.outside_app, **style
    )


def theme_menu() -> rx.Component:
    """Light, dark or follow the system; Reflex remembers the choice in the browser."""
    return rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(
            rx.icon_button(
                rx.color_mode_cond(light=rx.icon("sun", size=18), dark=rx.icon("moon", size=18)),
                variant="ghost",
                color_scheme="gray",
                size="2",
                aria_label="Theme",
                id="theme-menu",
            ),
        ),
        rx.dropdown_menu.content(
            *[
                rx.dropdown_menu.item(
                    rx.hstack(
                        rx.icon(icon, size=16),
                        rx.text(label),
                        rx.cond(color_mode == mode, rx.icon("check", size=14), rx.fragment()),
                        align="center",
                        spacing="2",
                    ),
                    on_click=[set_color_mode(mode), SessionState.remember_theme(mode)],
                    id=f"theme-{mode}",
                )
                for mode, label, icon in THEMES
            ],
            align="end",
        ),
    )


def mobile_menu() -> rx.Component:
    menu = rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(
            rx.icon_button(
                rx.icon("menu", size=20),
                variant="ghost",
                color_scheme="gray",
                size="2",
                aria_label="Open navigation",
            ),
        ),
        rx.dropdown_menu.content(
            *[
                # One plain <a> per item: Radix slots the item onto exactly one element.
                rx.dropdown_menu.item(
                    rx.el.a(item.label, href=item.href, reload_document=item.outside_app),
                    as_child=True,
                )
                for item in MOBILE_NAV
            ],
            align="end",
        ),
    )
    # Signed in, the header also carries the app's links: the site's own stay in this menu
    # up to wide screens (see ``header``).
    return rx.cond(
        SessionState.signed_in,
        rx.box(menu, display=SIGNED_IN_MENU),
        rx.box(menu, display=["flex", "flex", "none"]),
    )


def team_switcher() -> rx.Component:
    """With more than one team: which one is current, and the others to switch to."""
    return rx.cond(
        SessionState.teams.length() > 1,
        rx.fragment(
            rx.dropdown_menu.separator(),
            rx.text("Teams", size="1", color=tokens.MUTED_TEXT, padding="0.25rem 0.75rem"),
            rx.foreach(
                SessionState.teams,
                lambda team: rx.dropdown_menu.item(
                    rx.hstack(
                        rx.text(team["name"]),
                        rx.cond(
                            team["current"] == "True", rx.icon("check", size=14), rx.fragment()
                        ),
                        align="center",
                        spacing="2",
                    ),
                    on_click=TeamSwitchState.switch_team(team["id"]),
                    id="switch-team-" + team["id"],
                ),
            ),
        ),
        rx.fragment(),
    )


def menu_link(label: rx.Var, href: str, icon: str, element_id: str | None = None) -> rx.Component:
    return rx.dropdown_menu.item(
        rx.el.a(
            rx.hstack(rx.icon(icon, size=14), rx.text(label), align="center", spacing="2"),
            href=href,
            id=element_id,
        ),
        as_child=True,
    )


def staff_links() -> rx.Component:
    """Konduct staff only: the site's admin pages (their doors check again)."""
    t = SessionState.t
    return rx.cond(
        SessionState.is_staff,
        rx.fragment(
            rx.dropdown_menu.separator(),
            menu_link(t["nav.admin_requests"], "/admin/requests", "inbox", "nav-admin-requests"),
            menu_link(
                t["nav.admin_analytics"], "/admin/analytics", "chart-line", "nav-admin-analytics"
            ),
        ),
        rx.fragment(),
    )


def account_menu() -> rx.Component:
    """Signed in: dashboard and the account menu. Signed out: sign in and start free."""
    t = SessionState.t
    signed_in = rx.hstack(
        *[
            rx.link(
                t[key],
                href=href,
                size="2",
                weight="medium",
                color="var(--gray-12)",
                display=["none", "none", "inline"],
                white_space="nowrap",
                id=f"nav-{href.strip('/')}",
            )
            for key, href, _ in APP_LINKS
        ],
        rx.dropdown_menu.root(
            rx.dropdown_menu.trigger(
                rx.button(
                    rx.icon("circle_user", size=18),
                    rx.text(
                        SessionState.user_name,
                        max_width="10rem",
                        overflow="hidden",
                        text_overflow="ellipsis",
                        white_space="nowrap",
                        display=["none", "inline"],
                    ),
                    variant="soft",
                    size="2",
                    aria_label=t["nav.account_menu"],
                    id="account-menu",
                ),
            ),
            rx.dropdown_menu.content(
                rx.text(
                    SessionState.user_email,
                    size="1",
                    color=tokens.MUTED_TEXT,
                    padding="0.25rem 0.75rem",
                ),
                team_brand("menu-team-brand"),
                *[menu_link(t[key], href, icon) for key, href, icon in APP_LINKS],
                rx.dropdown_menu.separator(),
                *[menu_link(t[key], href, icon) for key, href, icon in ACCOUNT_SETTINGS],
                rx.dropdown_menu.separator(),
                *[menu_link(t[key], href, icon) for key, href, icon in TEAM_SETTINGS],
                team_switcher(),
                staff_links(),
                rx.dropdown_menu.separator(),
                rx.dropdown_menu.item(
                    t["nav.sign_out"],
                    on_click=[
                        SecurityState.forget_secrets,
                        ApiKeysState.forget_secrets,
                        SessionState.sign_out,
                    ],
                    color="red",
                    id="sign-out",
                ),
                align="end",
            ),
        ),
        align="center",
        spacing="3",
    )
    signed_out = rx.hstack(
        rx.link(
            t["nav.sign_in"],
            href="/login",
            size="2",
            weight="medium",
            color="var(--gray-12)",
            id="nav-sign-in",
        ),
        rx.link(
            rx.button(t["nav.start_free"], size="2"),
            href="/register",
            display=["none", "inline-flex"],
        ),
        align="center",
        spacing="3",
    )
    return rx.cond(SessionState.signed_in, signed_in, signed_out)


def main_nav(display: list[str]) -> rx.Component:
    return rx.el.nav(
        rx.hstack(*[nav_link(item) for item in MAIN_NAV], spacing="5"),
        aria_label="Main",
        display=display,
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            logo(),
            rx.hstack(
                rx.cond(
                    SessionState.signed_in,
                    main_nav(SIGNED_IN_MAIN_NAV),
                    main_nav(["none", "none", "flex"]),
                ),
                account_menu(),
                theme_menu(),
                mobile_menu(),
                align="center",
                spacing="4",
            ),
            justify="between",
            align="center",
            max_width=tokens.CONTENT_MAX_WIDTH,
            margin_x="auto",
            padding_x=["1rem", "1.5rem"],
            height="4rem",
        ),
        position="sticky",
        top="0",
        z_index="10",
        background="color-mix(in srgb, var(--color-background) 85%, transparent)",
        backdrop_filter="blur(10px)",
        border_bottom=tokens.BORDER,
    )


def footer_column(group: str) -> Html:
    return h(
        "div",
        h("h2", group, class_="site-footer-heading"),
        h(
            "ul",
            *[
                h("li", h("a", item.label, href=item.href))
                for item in FOOTER_NAV
                if item.group == group
            ],
            # Reopens the cookie banner (assets/js/konduct-analytics.js listens for the attribute).
            *(
                [
                    h(
                        "li",
                        h(
                            "button",
                            "Cookie settings",
                            type="button",
                            data_consent_settings=True,
                            class_="site-footer-button",
                            id="footer-cookie-settings",
                        ),
                    )
                ]
                if group == "Legal"
                else []
            ),
        ),
        class_="site-footer-column",
    )


def footer() -> rx.Component:
    """Static HTML (plain links, no hydration): it is on every page and never changes."""
    brand = h(
        "div",
        h(
            "a",
            h("img", src="/logo.svg", alt="", width="24", height="24"),
            h("span", "Konduct"),
            href="/",
            aria_label="Konduct home",
            class_="site-footer-logo",
        ),
        h("p", "Campaign IDs and tracking links your whole team can trust."),
        class_="site-footer-brand",
    )
    nav = h(
        "nav",
        *[footer_column(group) for group in FOOTER_GROUPS],
        aria_label="Footer",
        class_="site-footer-nav",
    )
    return static(
        h(
            "footer",
            h("div", brand, nav, class_="site-footer-inner"),
            h("p", "© 2026 Konduct", class_="site-footer-copy"),
            class_="site-footer",
        )
    )


def site_page(*children: rx.Component) -> rx.Component:
    """Every public page: skip link, header, the page's main content, footer."""
    return rx.box(
        rx.el.a("Skip to content", href="#main", class_name="skip-link"),
        header(),
        rx.el.main(
            *children,
            id="main",
            max_width=tokens.CONTENT_MAX_WIDTH,
            margin_x="auto",
            padding_x=["1rem", "1.5rem"],
            padding_top=["1.5rem", "2.5rem"],
        ),
        footer(),
        min_height="100vh",
        background=tokens.PAGE_BACKGROUND,
    )
