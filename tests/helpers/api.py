"""The open-data API as its tests see it."""

# The lists a re-user syncs with ``?updated_since=`` (their rows edited or published since).
CHANGE_FEED_LISTS = [
    "organizations",
    "missions",
    "receptions",
    "colloquia",
    "reports",
    "news",
    "agreements",
]
