import pytest

from konduct.domain.ga4 import UNASSIGNED, channel_group


@pytest.mark.parametrize(
    ("source", "medium", "campaign", "group"),
    [
        ("(direct)", "(none)", "", "Direct"),
        ("google", "cpc", "brand_cross-network", "Cross-network"),
        ("google", "cpc", "spring_shopping", "Paid Shopping"),
        ("amazon", "ppc", "", "Paid Shopping"),
        ("google", "cpc", "spring", "Paid Search"),
        ("bing", "paid_search", "", "Paid Search"),
        ("facebook", "paid_social", "", "Paid Social"),
        ("m.facebook.com", "cpc", "", "Paid Social"),
        ("linkedin", "cpm", "", "Paid Social"),  # "cpm" matches the paid pattern (contains cp)
        ("youtube", "cpv", "", "Paid Video"),
        ("newsletter_partner", "display", "", "Display"),
        ("partner_site", "paid", "", "Paid Other"),
        ("etsy", "referral", "", "Organic Shopping"),
        ("instagram", "social", "", "Organic Social"),
        ("anything", "social-network", "", "Organic Social"),
        ("vimeo", "referral", "", "Organic Video"),
        ("duckduckgo", "referral", "", "Organic Search"),
        ("blog", "organic", "", "Organic Search"),
        ("partner_blog", "referral", "", "Referral"),
        ("newsletter", "email", "", "Email"),
        ("e-mail", "weekly", "", "Email"),
        ("partner", "affiliate", "", "Affiliates"),
        ("podcast", "audio", "", "Audio"),
        ("sms", "text", "", "SMS"),
        ("app", "web_push", "", "Mobile Push Notifications"),
        ("firebase", "inapp", "", "Mobile Push Notifications"),
        ("poster", "qr", "", UNASSIGNED),
        ("Facebook ", " Paid_Social", "", "Paid Social"),  # case and spaces do not matter
    ],
)
def test_channel_groups(source: str, medium: str, campaign: str, group: str) -> None:
    assert channel_group(source, medium, campaign) == group
