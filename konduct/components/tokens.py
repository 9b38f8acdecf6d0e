"""Design tokens: the spec's palette mapped onto Radix colour scales.

Professional blue is the theme accent (``--accent-*`` = Radix indigo), modern purple
the secondary (violet), vibrant orange the highlight. Using the Radix scales
rather than fixed hex values gives matching light and dark shades for free.
"""

PRIMARY = "var(--indigo-9)"
PRIMARY_SOFT = "var(--indigo-3)"
SECONDARY = "var(--violet-9)"
SECONDARY_SOFT = "var(--violet-3)"
ACCENT = "var(--orange-9)"
ACCENT_SOFT = "var(--orange-3)"

SURFACE = "var(--color-panel-solid)"
PAGE_BACKGROUND = "var(--color-background)"
BORDER = "1px solid var(--gray-a5)"
MUTED_TEXT = "var(--gray-11)"

HEADING_FONT = "var(--heading-font-family)"
MONO_FONT = "var(--code-font-family)"

CONTENT_MAX_WIDTH = "72rem"
RADIUS = "var(--radius-4)"
CARD_SHADOW = "0 1px 2px var(--gray-a3), 0 8px 24px -12px var(--gray-a6)"

# Colour scale per campaign ID part, so the same part looks the same everywhere.
ID_PART_COLORS = {
    "platform": "indigo",
    "objective": "violet",
    "timestamp": "gray",
    "hash": "orange",
}
