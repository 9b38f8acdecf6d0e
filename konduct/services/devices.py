"""Readable device names from user agents, for the sessions list and sign-in alerts."""

from __future__ import annotations

from functools import lru_cache

from user_agents import parse


@lru_cache(maxsize=1024)
def describe_device(user_agent: str | None) -> str:
    """``"Chrome 131 on macOS (desktop)"``; ``"Unknown device"`` when there is nothing to read."""
    if not user_agent:
        return "Unknown device"
    agent = parse(user_agent)
    browser = agent.browser.family
    version = agent.browser.version_string.split(".")[0] if agent.browser.version_string else ""
    system = agent.os.family
    if agent.is_bot:
        kind = "bot"
    elif agent.is_tablet:
        kind = "tablet"
    elif agent.is_mobile:
        kind = "phone"
    elif agent.is_pc:
        kind = "desktop"
    else:
        kind = "device"
    name = f"{browser} {version}".strip() if browser != "Other" else "Unknown browser"
    place = f" on {system}" if system != "Other" else ""
    return f"{name}{place} ({kind})"


@lru_cache(maxsize=1024)
def device_class(user_agent: str | None) -> str:
    """desktop, phone, tablet, bot or other: what click figures are split by."""
    if not user_agent:
        return "other"
    agent = parse(user_agent)
    if agent.is_bot:
        return "bot"
    if agent.is_tablet:
        return "tablet"
    if agent.is_mobile:
        return "phone"
    if agent.is_pc:
        return "desktop"
    return "other"
