"""Which Google Analytics 4 default channel group a source/medium pair lands in.

The rules follow Google's documented default channel grouping, checked in its
order (the first match wins). The source lists are the well-known members of
GA4's search, social, video and shopping site categories, not Google's full
lists; a source outside them falls through to the medium-only rules, as it
would in GA4. "Unassigned" is what marketers want to avoid: it means GA4
cannot tell where the traffic came from.
"""

from __future__ import annotations

import re

SEARCH_SITES = frozenset(
    [
        "google",
        "bing",
        "yahoo",
        "baidu",
        "duckduckgo",
        "yandex",
        "ecosia",
        "naver",
        "ask",
        "aol",
        "seznam",
        "qwant",
        "startpage",
        "brave",
        "sogou",
        "daum",
    ]
)
SOCIAL_SITES = frozenset(
    [
        "facebook",
        "fb",
        "instagram",
        "ig",
        "linkedin",
        "lnkd.in",
        "twitter",
        "x",
        "t.co",
        "tiktok",
        "pinterest",
        "reddit",
        "snapchat",
        "threads",
        "tumblr",
        "whatsapp",
        "messenger",
        "quora",
        "vk",
        "weibo",
        "wechat",
        "line",
        "discord",
        "mastodon",
    ]
)
VIDEO_SITES = frozenset(["youtube", "youtu.be", "vimeo", "twitch", "dailymotion", "wistia"])
SHOPPING_SITES = frozenset(
    [
        "amazon",
        "ebay",
        "etsy",
        "shopify",
        "walmart",
        "mercadolibre",
        "aliexpress",
        "zalando",
        "google_shopping",
        "shopping.google",
    ]
)

PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
SHOPPING_CAMPAIGN = re.compile(r"^(.*(([^a-df-z]|^)shop|shopping).*)$")
DISPLAY_MEDIUMS = frozenset({"display", "banner", "expandable", "interstitial", "cpm"})
SOCIAL_MEDIUMS = frozenset(
    {"social", "social-network", "social-media", "sm", "social network", "social media"}
)
EMAIL_WORDS = frozenset({"email", "e-mail", "e_mail", "e mail"})

UNASSIGNED = "Unassigned"


def _site(source: str, sites: frozenset[str]) -> bool:
    """``facebook``, ``m.facebook.com``, ``l.facebook.com`` all count as facebook."""
    if source in sites:
        return True
    parts = source.split(".")
    return any(part in sites for part in parts) or any(
        ".".join(parts[i:]) in sites for i in range(len(parts))
    )


def channel_group(source: str, medium: str, campaign: str = "") -> str:
    source, medium, campaign = (v.strip().lower() for v in (source, medium, campaign))
    paid = bool(PAID_MEDIUM.match(medium))
    shopping = _site(source, SHOPPING_SITES) or bool(SHOPPING_CAMPAIGN.match(campaign))
    if source == "(direct)" and medium in ("(not set)", "(none)"):
        return "Direct"
    if "cross-network" in campaign:
        return "Cross-network"
    if shopping and paid:
        return "Paid Shopping"
    if _site(source, SEARCH_SITES) and paid:
        return "Paid Search"
    if _site(source, SOCIAL_SITES) and paid:
        return "Paid Social"
    if _site(source, VIDEO_SITES) and paid:
        return "Paid Video"
    if medium in DISPLAY_MEDIUMS:
        return "Display"
    if paid:
        return "Paid Other"
    if shopping:
        return "Organic Shopping"
    if _site(source, SOCIAL_SITES) or medium in SOCIAL_MEDIUMS:
        return "Organic Social"
    if _site(source, VIDEO_SITES) or "video" in medium:
        return "Organic Video"
    if _site(source, SEARCH_SITES) or medium == "organic":
        return "Organic Search"
    if medium in ("referral", "app", "link"):
        return "Referral"
    if source in EMAIL_WORDS or medium in EMAIL_WORDS:
        return "Email"
    if medium == "affiliate":
        return "Affiliates"
    if medium == "audio":
        return "Audio"
    if source == "sms" or medium == "sms":
        return "SMS"
    if medium.endswith("push") or "mobile" in medium or "notification" in medium:
        return "Mobile Push Notifications"
    if source == "firebase":
        return "Mobile Push Notifications"
    return UNASSIGNED
