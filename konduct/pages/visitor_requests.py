"""What visitors ask of the site: start a trial, book a demo, talk to sales, get support,
and follow their request on its status page."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import NO_INDEX, site_page
from konduct.components.request_forms import (
    NATIVE_SELECT_STYLE,
    email_field,
    form_card,
    form_problem,
    honeypot,
    name_field,
    request_frame,
    select_field,
    submit_button,
    text_area,
    text_field,
)
from konduct.components.seo import public_page
from konduct.domain import demo_slots
from konduct.domain.visitor_requests import (
    COMPANY_SIZES,
    INDUSTRIES,
    TEAM_SIZES,
    TICKET_CATEGORY_LABELS,
)
from konduct.state.visitor_requests import (
    ContactState,
    DemoState,
    RequestStatusState,
    SupportState,
    TrialState,
)

ROLES = [
    ("ADMIN", "I run our team's marketing"),
    ("MANAGER", "I manage campaigns"),
    ("USER", "I build campaigns"),
]
SIZES = [(size, f"{size} people" if size != "1" else "Just me") for size in TEAM_SIZES]


# --- Start a free trial -------------------------------------------------------------------


@public_page(
    "/start-trial",
    "Start your free trial | Konduct",
    "Try Konduct free: consistent campaign IDs, UTM-tagged tracking links and QR codes for "
    "your whole team. No card needed.",
    breadcrumb="Start free trial",
    priority=0.9,
    on_load=TrialState.open,
)
def start_trial() -> rx.Component:
    errors = TrialState.errors
    form = rx.form(
        rx.vstack(
            email_field(errors),
            name_field(errors, "full_name"),
            text_field("Company", "company", errors, autocomplete="organization"),
            rx.grid(
                select_field("Team size", "team_size", SIZES, errors, default="2-10"),
                select_field("Your role", "role", ROLES, errors, default="ADMIN"),
                columns=rx.breakpoints(initial="1", sm="2"),
                gap="1rem",
                width="100%",
            ),
            honeypot(),
            form_problem(errors),
            submit_button("Start my free trial", TrialState.busy, "start-trial"),
            rx.text(
                "Next you choose a password. We'll send a welcome mail now and two short "
                "tips over the first week.",
                size="1",
                color=tokens.MUTED_TEXT,
            ),
            spacing="4",
            width="100%",
            position="relative",
        ),
        on_submit=TrialState.submit,
        id="trial-form",
        width="100%",
    )
    return site_page(
        request_frame(
            crumb="Start free trial",
            route="/start-trial",
            heading="Start your free trial",
            intro="Your first consistent campaign IDs and tracking links in five minutes.",
            points=[
                ("zap", "Ready in minutes", "Tell us who you are, pick a password, done."),
                (
                    "credit_card",
                    "No card needed",
                    "The Free plan stays free; upgrade when you want.",
                ),
                ("mail", "A short welcome series", "Three mails in five days, then we stop."),
            ],
            card=form_card(rx.heading("Tell us about you", as_="h2", size="5"), form),
        )
    )


# --- Book a demo --------------------------------------------------------------------------


def timezone_picker() -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text("Your time zone", size="2", weight="medium"), html_for="timezone"),
        rx.el.select(
            *[rx.el.option(name, value=name) for name in demo_slots.timezone_names()],
            id="timezone",
            name="timezone",
            value=DemoState.timezone,
            on_change=DemoState.change_timezone,
            on_mount=DemoState.detect_timezone,
            style=NATIVE_SELECT_STYLE,
        ),
        rx.text(
            "Detected from your browser; change it if you will join from elsewhere.",
            size="1",
            color=tokens.MUTED_TEXT,
        ),
        spacing="1",
        width="100%",
    )


def slot_picker() -> rx.Component:
    day_button = lambda day: rx.button(  # noqa: E731
        day["label"],
        type="button",
        variant=rx.cond(DemoState.selected_day == day["date"], "solid", "outline"),
        size="2",
        on_click=DemoState.pick_day(day["date"]),
        aria_pressed=rx.cond(DemoState.selected_day == day["date"], "true", "false"),
        flex_shrink="0",
    )
    slot_button = lambda slot: rx.button(  # noqa: E731
        slot["label"],
        type="button",
        variant=rx.cond(DemoState.selected_slot == slot["start"], "solid", "soft"),
        color_scheme=rx.cond(DemoState.selected_slot == slot["start"], "indigo", "gray"),
        size="2",
        on_click=DemoState.pick_slot(slot["start"]),
        aria_pressed=rx.cond(DemoState.selected_slot == slot["start"], "true", "false"),
        class_name="demo-slot",
    )
    return rx.vstack(
        rx.text("Pick a day and a time", size="2", weight="medium"),
        rx.cond(
            DemoState.slots_loading,
            rx.hstack(rx.spinner(size="2"), rx.text("Finding free times…", size="2"), spacing="2"),
            rx.cond(
                DemoState.days.length() > 0,
                rx.vstack(
                    rx.hstack(
                        rx.foreach(DemoState.days, day_button),
                        spacing="2",
                        overflow_x="auto",
                        width="100%",
                        padding_bottom="0.25rem",
                        id="demo-days",
                        role="group",
                        aria_label="Days",
                    ),
                    rx.grid(
                        rx.foreach(DemoState.day_slots, slot_button),
                        columns=rx.breakpoints(initial="3", sm="4"),
                        gap="0.5rem",
                        width="100%",
                        id="demo-slots",
                        role="group",
                        aria_label="Times",
                    ),
                    width="100%",
                    spacing="3",
                ),
                rx.callout(
                    "No free times in the next three weeks. Write to sales instead: "
                    "we'll find one.",
                    icon="calendar_x",
                ),
            ),
        ),
        rx.cond(
            DemoState.errors.get("slot", "") != "",
            rx.text(
                DemoState.errors.get("slot", ""),
                size="1",
                color="var(--red-11)",
                role="alert",
                id="slot-error",
            ),
            rx.cond(
                DemoState.selected_label != "",
                rx.text(
                    "Chosen: ",
                    DemoState.selected_label,
                    size="2",
                    weight="medium",
                    id="chosen-slot",
                ),
                rx.text(
                    f"{demo_slots.SLOT_MINUTES} minutes by video, with someone from sales.",
                    size="1",
                    color=tokens.MUTED_TEXT,
                ),
            ),
        ),
        spacing="2",
        width="100%",
    )


@public_page(
    "/demo",
    "Book a demo | Konduct",
    "See Konduct with your own campaigns: book a 30-minute demo at a time that suits you, "
    "in your own time zone.",
    breadcrumb="Book a demo",
    priority=0.8,
    on_load=DemoState.open,
)
def demo() -> rx.Component:
    errors = DemoState.errors
    form = rx.form(
        rx.vstack(
            timezone_picker(),
            slot_picker(),
            rx.separator(),
            rx.grid(
                name_field(errors),
                text_field(
                    "Company", "company", errors, autocomplete="organization", required=True
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                gap="1rem",
                width="100%",
            ),
            email_field(errors),
            text_field(
                "Phone", "phone", errors, input_type="tel", autocomplete="tel", max_length=40
            ),
            text_area("What should we show you?", "message", errors, required=False, rows="3"),
            honeypot(),
            form_problem(errors),
            submit_button("Request this time", DemoState.busy, "request-demo"),
            spacing="4",
            width="100%",
            position="relative",
        ),
        on_submit=DemoState.submit,
        id="demo-form",
        width="100%",
    )
    return site_page(
        request_frame(
            crumb="Book a demo",
            route="/demo",
            heading="Book a demo",
            intro="Thirty minutes with our team: your platforms, naming rules and questions.",
            points=[
                (
                    "calendar_check",
                    "Pick a free time",
                    "Shown in your time zone; change it any time.",
                ),
                (
                    "mail_check",
                    "An invite in your inbox",
                    "A calendar invite comes with the confirmation.",
                ),
                ("list_checks", "Follow it online", "Your request has its own status page."),
            ],
            card=form_card(rx.heading("When suits you?", as_="h2", size="5"), form),
        )
    )


# --- Talk to sales ------------------------------------------------------------------------


@public_page(
    "/contact-sales",
    "Talk to sales | Konduct",
    "Questions about Konduct for your team, Enterprise plans, security or onboarding? "
    "Our sales team answers within one business day.",
    breadcrumb="Talk to sales",
    priority=0.7,
    on_load=ContactState.open,
)
def contact_sales() -> rx.Component:
    errors = ContactState.errors
    form = rx.form(
        rx.vstack(
            rx.grid(
                name_field(errors),
                email_field(errors),
                text_field(
                    "Company", "company", errors, autocomplete="organization", required=True
                ),
                text_field(
                    "Phone", "phone", errors, input_type="tel", autocomplete="tel", max_length=40
                ),
                select_field(
                    "Company size",
                    "company_size",
                    [(s, f"{s} people" if s != "1" else "Just me") for s in COMPANY_SIZES],
                    errors,
                    placeholder="Choose…",
                ),
                select_field(
                    "Industry",
                    "industry",
                    [(i, i) for i in INDUSTRIES],
                    errors,
                    placeholder="Choose…",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                gap="1rem",
                width="100%",
            ),
            text_area("How can we help?", "message", errors),
            honeypot(),
            form_problem(errors),
            submit_button("Send to sales", ContactState.busy, "send-contact"),
            spacing="4",
            width="100%",
            position="relative",
        ),
        on_submit=ContactState.submit,
        id="contact-form",
        width="100%",
    )
    return site_page(
        request_frame(
            crumb="Talk to sales",
            route="/contact-sales",
            heading="Talk to sales",
            intro="Tell us about your team and campaigns; we'll answer with a plan, not a pitch.",
            points=[
                (
                    "clock",
                    "An answer within one business day",
                    "From a person who knows the product.",
                ),
                (
                    "building_2",
                    "Enterprise and custom plans",
                    "SSO, volume pricing, onboarding help.",
                ),
                (
                    "shield_check",
                    "Security questions welcome",
                    "We share our security notes on request.",
                ),
            ],
            card=form_card(rx.heading("Your team and question", as_="h2", size="5"), form),
        )
    )


# --- Support ------------------------------------------------------------------------------


@public_page(
    "/support",
    "Support | Konduct",
    "Something not working, or a question about your account or billing? Open a support "
    "ticket and get an answer within one business day.",
    breadcrumb="Support",
    priority=0.6,
    on_load=SupportState.open,
)
def support() -> rx.Component:
    errors = SupportState.errors
    form = rx.form(
        rx.vstack(
            rx.grid(
                name_field(errors),
                email_field(errors, "Email"),
                columns=rx.breakpoints(initial="1", sm="2"),
                gap="1rem",
                width="100%",
            ),
            select_field(
                "What is it about?",
                "category",
                [(c.value, label) for c, label in TICKET_CATEGORY_LABELS.items()],
                errors,
                default="QUESTION",
            ),
            text_field("Subject", "subject", errors, required=True),
            text_area("Tell us more", "message", errors, rows="6"),
            honeypot(),
            form_problem(errors),
            submit_button("Open a ticket", SupportState.busy, "open-ticket"),
            spacing="4",
            width="100%",
            position="relative",
        ),
        on_submit=SupportState.submit,
        id="support-form",
        width="100%",
    )
    return site_page(
        request_frame(
            crumb="Support",
            route="/support",
            heading="How can we help?",
            intro="Open a ticket and a person from our support team answers, usually the same day.",
            points=[
                ("ticket", "A ticket number at once", "Quote it and we find your case in seconds."),
                ("book_open", "Docs first?", "The API reference answers many questions: /docs."),
                ("lock", "Never send passwords", "We will never ask for one."),
            ],
            card=form_card(rx.heading("Open a ticket", as_="h2", size="5"), form),
        )
    )


# --- Status pages -------------------------------------------------------------------------

STATUS_COLORS = (
    ("PENDING", "amber"),
    ("NEW", "amber"),
    ("OPEN", "amber"),
    ("SCHEDULED", "indigo"),
    ("IN_PROGRESS", "indigo"),
    ("COMPLETED", "green"),
    ("RESOLVED", "green"),
    ("CANCELLED", "gray"),
)


def status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        *[
            (
                name,
                rx.badge(
                    RequestStatusState.status_label,
                    color_scheme=color,
                    size="3",
                    id="request-status",
                ),
            )
            for name, color in STATUS_COLORS
        ],
        rx.badge(RequestStatusState.status_label, size="3", id="request-status"),
    )


def status_view(heading: str) -> rx.Component:
    s = RequestStatusState
    found = rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(s.title, as_="h2", size="5"),
                status_badge(s.status),
                justify="between",
                align="center",
                wrap="wrap",
                width="100%",
                spacing="3",
            ),
            rx.data_list.root(
                rx.foreach(
                    s.facts,
                    lambda fact: rx.data_list.item(
                        rx.data_list.label(fact[0]), rx.data_list.value(fact[1])
                    ),
                ),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
            ),
            rx.callout(s.next_step, icon="info", id="next-step"),
            rx.text(
                "Keep this page's address: it is the only way to see this request without "
                "signing in.",
                size="1",
                color=tokens.MUTED_TEXT,
            ),
            spacing="4",
            width="100%",
        ),
        size="3",
        width="100%",
        max_width="40rem",
        box_shadow=tokens.CARD_SHADOW,
    )
    missing = rx.vstack(
        rx.callout(
            "We could not find this request. Check the address in your confirmation mail.",
            icon="search_x",
            color_scheme="amber",
        ),
        rx.link("Back to the home page", href="/"),
        spacing="3",
    )
    return site_page(
        rx.vstack(
            rx.heading(heading, as_="h1", size="7", font_family=tokens.HEADING_FONT),
            rx.match(
                s.found,
                ("yes", found),
                ("no", missing),
                rx.hstack(rx.spinner(), rx.text("Loading your request…"), spacing="2"),
            ),
            spacing="4",
            width="100%",
        )
    )


@rx.page(
    route="/demo/status/[token]",
    title="Your demo request | Konduct",
    meta=NO_INDEX,
    on_load=RequestStatusState.open_demo,
)
def demo_status() -> rx.Component:
    return status_view("Your demo request")


@rx.page(
    route="/contact/status/[token]",
    title="Your message to sales | Konduct",
    meta=NO_INDEX,
    on_load=RequestStatusState.open_contact,
)
def contact_status() -> rx.Component:
    return status_view("Your message to sales")


@rx.page(
    route="/support/status/[token]",
    title="Your support ticket | Konduct",
    meta=NO_INDEX,
    on_load=RequestStatusState.open_ticket,
)
def ticket_status() -> rx.Component:
    return status_view("Your support ticket")
