"""Accent-insensitive search: a reader who types "equilibrage" finds "équilibrage".

Material's search (lunr, with Material's default pipeline: no stemmer) matches words as they are
spelled, and many readers type French without accents. After the search plugin has written the
index, this hook adds to each entry the accent-free spelling of its accented words, inside a
`hidden` span: the search matches them, and the result previews never show them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")


def fold(word: str) -> str:
    """`word` without its accents: é -> e, ç -> c, œ stays (it is a letter of its own)."""
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


def accent_free_words(text: str) -> list[str]:
    words = {word.lower() for word in WORD.findall(TAG.sub(" ", text))}
    return sorted({fold(word) for word in words} - words)


def on_post_build(config):
    path = Path(config.site_dir) / SEARCH_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for entry in index.get("docs", []):
        folded = accent_free_words(f"{entry.get('title', '')} {entry.get('text', '')}")
        if folded:
            entry["text"] = f"{entry.get('text', '')} <span hidden>{' '.join(folded)}</span>"
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
