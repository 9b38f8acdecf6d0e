"""Sign in, sign up, confirm the address, reset a forgotten password."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.auth_ui import auth_card, form_error, new_password_field, text_link
from konduct.components.forms import form_field
from konduct.components.layout import NO_INDEX, site_page
from konduct.state.account_forms import (
    ForgotPasswordState,
    LoginState,
    RegisterState,
    ResetPasswordState,
    VerifyEmailState,
)
from konduct.state.session import SessionState

T = SessionState.t


def text_input(name: str, *, input_type: str = "text", autocomplete: str, **props) -> rx.Component:
    return rx.input(
        name=name,
        id=name,
        type=input_type,
        auto_complete=autocomplete,
        size="3",
        width="100%",
        **props,
    )


def field_error(errors: rx.Var, field: str) -> rx.Var:
    return errors.get(field, "")


# --- sign in ---------------------------------------------------------------


def password_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            form_field(
                T["field.email"],
                text_input("email", input_type="email", autocomplete="username", required=True),
                html_for="email",
            ),
            form_field(
                T["field.password"],
                text_input(
                    "password",
                    input_type="password",
                    autocomplete="current-password",
                    required=True,
                ),
                html_for="password",
            ),
            rx.hstack(
                rx.checkbox(name="remember_me", id="remember_me"),
                rx.el.label(rx.text(T["login.remember"], size="2"), html_for="remember_me"),
                align="center",
                spacing="2",
            ),
            form_error(LoginState.error),
            rx.button(
                T["login.submit"],
                type="submit",
                size="3",
                width="100%",
                id="sign-in",
                loading=LoginState.busy,
            ),
            spacing="4",
            width="100%",
        ),
        id="login-form",
        on_submit=[
            LoginState.start,
            rx.call_script("konduct.signIn('login-form')", callback=LoginState.finish),
        ],
        width="100%",
    )


def mfa_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T["login.mfa_help"], size="2", color=tokens.MUTED_TEXT),
            form_field(
                T["field.code"],
                text_input(
                    "code",
                    autocomplete="one-time-code",
                    input_mode="numeric",
                    required=True,
                    auto_focus=True,
                ),
                html_for="code",
            ),
            form_error(LoginState.error),
            rx.button(
                T["login.mfa_submit"],
                type="submit",
                size="3",
                width="100%",
                id="verify-code",
                loading=LoginState.busy,
            ),
            rx.button(
                "Use another account",
                variant="ghost",
                type="button",
                on_click=LoginState.back_to_password,
            ),
            spacing="4",
            width="100%",
        ),
        id="mfa-form",
        on_submit=[
            LoginState.start,
            rx.call_script("konduct.verifyMfa('mfa-form')", callback=LoginState.finish),
        ],
        width="100%",
    )


@rx.page(route="/login", title="Sign in | Konduct", meta=NO_INDEX, on_load=LoginState.open)
def login() -> rx.Component:
    return site_page(
        auth_card(
            rx.cond(LoginState.step == "mfa", mfa_step(), password_step()),
            rx.hstack(
                text_link(T["login.forgot"], "/forgot-password"),
                rx.spacer(),
                rx.text(
                    T["login.no_account"], " ", text_link(T["login.create"], "/register"), size="2"
                ),
                width="100%",
                wrap="wrap",
            ),
            title=rx.cond(LoginState.step == "mfa", T["login.mfa_title"], T["login.title"]),
        )
    )


# --- sign up ---------------------------------------------------------------


def register_form() -> rx.Component:
    errors = RegisterState.errors
    return rx.form(
        rx.vstack(
            form_field(
                T["field.full_name"],
                text_input(
                    "full_name",
                    autocomplete="name",
                    required=True,
                    max_length=200,
                    default_value=RegisterState.prefill_name,
                ),
                html_for="full_name",
                error=field_error(errors, "full_name"),
            ),
            form_field(
                T["field.email"],
                text_input(
                    "email",
                    input_type="email",
                    autocomplete="email",
                    required=True,
                    default_value=RegisterState.prefill_email,
                ),
                html_for="email",
                error=field_error(errors, "email"),
            ),
            form_field(
                T["field.company"],
                text_input(
                    "company",
                    autocomplete="organization",
                    max_length=200,
                    default_value=RegisterState.prefill_company,
                ),
                html_for="company",
                error=field_error(errors, "company"),
            ),
            form_field(
                T["field.role"],
                rx.select.root(
                    rx.select.trigger(id="role", width="100%"),
                    rx.select.content(
                        rx.select.item(T["role.ADMIN"], value="ADMIN"),
                        rx.select.item(T["role.MANAGER"], value="MANAGER"),
                        rx.select.item(T["role.USER"], value="USER"),
                    ),
                    name="role",
                    default_value=RegisterState.prefill_role,
                    size="3",
                ),
                html_for="role",
                hint="Your role in the new team that comes with your account.",
            ),
            new_password_field(
                T["field.password"], "password", error=field_error(errors, "password")
            ),
            rx.vstack(
                rx.hstack(
                    rx.checkbox(name="accept_terms", id="accept_terms"),
                    rx.el.label(rx.text(T["register.terms"], size="2"), html_for="accept_terms"),
                    align="center",
                    spacing="2",
                ),
                rx.cond(
                    field_error(errors, "accept_terms") != "",
                    rx.text(
                        field_error(errors, "accept_terms"),
                        size="1",
                        color="var(--red-11)",
                        id="accept_terms-error",
                        role="alert",
                    ),
                    rx.fragment(),
                ),
                spacing="1",
            ),
            form_error(field_error(errors, "form")),
            rx.button(
                T["register.submit"],
                type="submit",
                size="3",
                width="100%",
                id="create-account",
                loading=RegisterState.busy,
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=RegisterState.submit,
        reset_on_submit=False,
        # Remounted once a trial's answers arrive, so the fields show them (/start-trial).
        key=RegisterState.prefill_key,
        width="100%",
    )


def register_done() -> rx.Component:
    return rx.vstack(
        rx.callout(
            rx.text(T["register.done_text"]),
            icon="mail_check",
            color_scheme="green",
            id="register-done",
        ),
        rx.text("Sent to ", rx.text.strong(RegisterState.done_email), size="2"),
        rx.link(
            rx.button(T["nav.sign_in"], size="3", width="100%"),
            href=RegisterState.sign_in_href,
            width="100%",
            id="register-done-sign-in",
        ),
        spacing="3",
        width="100%",
    )


@rx.page(
    route="/register",
    title="Create your account | Konduct",
    on_load=RegisterState.open,
    description="Create a free Konduct account: consistent campaign IDs and UTM links.",
)
def register() -> rx.Component:
    return site_page(
        auth_card(
            rx.cond(RegisterState.done, register_done(), register_form()),
            rx.cond(
                RegisterState.done,
                rx.fragment(),
                rx.text(
                    T["register.have_account"], " ", text_link(T["nav.sign_in"], "/login"), size="2"
                ),
            ),
            title=rx.cond(RegisterState.done, T["register.done_title"], T["register.title"]),
            subtitle=rx.cond(RegisterState.done, "", T["register.subtitle"]),
        )
    )


# --- email verification ----------------------------------------------------


@rx.page(
    route="/verify-email",
    title="Confirm your email | Konduct",
    meta=NO_INDEX,
    on_load=VerifyEmailState.verify,
)
def verify_email() -> rx.Component:
    return site_page(
        auth_card(
            rx.match(
                VerifyEmailState.outcome,
                (
                    "verified",
                    rx.callout(
                        VerifyEmailState.message,
                        icon="circle_check",
                        color_scheme="green",
                        id="verify-outcome",
                    ),
                ),
                (
                    "invalid",
                    rx.callout(
                        VerifyEmailState.message,
                        icon="triangle_alert",
                        color_scheme="red",
                        id="verify-outcome",
                    ),
                ),
                rx.hstack(rx.spinner(), rx.text("Checking your link…"), align="center"),
            ),
            rx.cond(
                SessionState.signed_in,
                rx.link(
                    rx.button(T["nav.dashboard"], size="3", width="100%"),
                    href="/dashboard",
                    width="100%",
                ),
                rx.link(
                    rx.button(T["nav.sign_in"], size="3", width="100%"), href="/login", width="100%"
                ),
            ),
            title="Email confirmation",
        )
    )


# --- forgotten password ----------------------------------------------------


@rx.page(
    route="/forgot-password",
    title="Reset your password | Konduct",
    on_load=ForgotPasswordState.open,
)
def forgot_password() -> rx.Component:
    return site_page(
        auth_card(
            rx.cond(
                ForgotPasswordState.sent,
                rx.callout(
                    "If an account uses this address, a reset link is on its way. It works once, "
                    "for 30 minutes.",
                    icon="mail_check",
                    color_scheme="green",
                    id="reset-sent",
                ),
                rx.form(
                    rx.vstack(
                        form_field(
                            T["field.email"],
                            text_input(
                                "email", input_type="email", autocomplete="email", required=True
                            ),
                            html_for="email",
                        ),
                        form_error(ForgotPasswordState.error),
                        rx.button(
                            "Send the reset link",
                            type="submit",
                            size="3",
                            width="100%",
                            id="send-reset",
                        ),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=ForgotPasswordState.submit,
                    width="100%",
                ),
            ),
            text_link(T["common.back_to_sign_in"], "/login"),
            title="Forgot your password?",
            subtitle="Enter your address and we will mail you a link to choose a new one.",
        )
    )


@rx.page(
    route="/reset-password",
    title="Choose a new password | Konduct",
    meta=NO_INDEX,
    on_load=ResetPasswordState.open,
)
def reset_password() -> rx.Component:
    return site_page(
        auth_card(
            rx.cond(
                ResetPasswordState.done,
                rx.vstack(
                    rx.callout(
                        "Your password is changed and every other sign-in has ended.",
                        icon="circle_check",
                        color_scheme="green",
                        id="reset-done",
                    ),
                    rx.link(
                        rx.button(T["nav.sign_in"], size="3", width="100%"),
                        href="/login",
                        width="100%",
                    ),
                    width="100%",
                ),
                rx.form(
                    rx.vstack(
                        new_password_field(T["field.new_password"], "new_password"),
                        form_error(ResetPasswordState.error),
                        rx.button(
                            "Set the new password",
                            type="submit",
                            size="3",
                            width="100%",
                            id="set-password",
                            loading=ResetPasswordState.busy,
                        ),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=ResetPasswordState.submit,
                    width="100%",
                ),
            ),
            title="Choose a new password",
        )
    )
