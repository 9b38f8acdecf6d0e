"""Audience vocabulary the wizard offers: interest categories and behaviours.

Free text is allowed too (teams have their own segments); these lists are the
suggestions shown first, in the words ad platforms use.
"""

INTERESTS = (
    "Technology", "Fashion", "Sports", "Travel", "Food & Drink", "Health & Fitness", "Finance",
    "Gaming", "Music", "Movies & TV", "Home & Garden", "Automotive", "Beauty", "Parenting",
    "Education", "Business", "Pets", "Outdoors", "Art & Design", "Books", "Photography",
    "Real Estate", "Science", "Politics & News", "Luxury",
)  # fmt: skip

BEHAVIORS = (
    "Frequent Travelers", "Online Shoppers", "Engaged Shoppers", "Small Business Owners",
    "Early Technology Adopters", "Mobile Gamers", "New Movers", "Frequent Diners", "Luxury Buyers",
    "Commuters", "Recent Graduates", "New Parents", "Expats", "Console Gamers", "Bargain Hunters",
)  # fmt: skip

# How the targeting suggests GA4's utm_marketing_tactic.
REMARKETING_HINTS = (
    "remarketing",
    "retargeting",
    "website visitors",
    "customer list",
    "past buyers",
)


def marketing_tactic(custom_audience: str | None) -> str:
    """remarketing when the audience is people who already know you, else prospecting."""
    text = (custom_audience or "").lower()
    return "remarketing" if any(hint in text for hint in REMARKETING_HINTS) else "prospecting"
