"""Category pages in reading order: categories and services sorted as a reader scans them.

Material's tags plugin sorts by the raw text, so "Sécurité" came after "Stockage" and every
"AWS ..." service before every "Amazon ...". Here categories sort without regard to accents or case,
and services by their own name: "Amazon RDS" under R, "AWS Lambda" under L, "Les SDK AWS" under S.
"""

from __future__ import annotations

import re
import unicodedata

LEADING_WORDS = re.compile(r"^(?:(?:Amazon|AWS|Les?|La|L[\u2019'])\s*)+", re.IGNORECASE)


def reading_key(text: str) -> str:
    """`text` without its leading vendor name or article, accents or case."""
    decomposed = unicodedata.normalize("NFD", LEADING_WORDS.sub("", text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def by_category(tag, *_) -> str:
    return reading_key(tag.name)


def by_service(mapping) -> str:
    return reading_key(str(mapping.item.title))


def on_config(config):
    tags = config.plugins.get("material/tags") or config.plugins.get("tags")
    if tags is not None:
        tags.config.tags_sort_by = by_category
        tags.config.listings_tags_sort_by = by_category
        tags.config.listings_sort_by = by_service
    return config
