"""The search index, tuned for learners: the section that defines a term comes first.

Material's search (lunr) indexes each section of a page as a document with a title (its heading)
and a text, and adds the fields of `plugins.search.fields` in mkdocs.yml. After the search plugin
has written the index, this hook gives each section two more things to match:

- `terms`, the terms the section defines: the bold lead of a list item or paragraph
  ("**Security group**: a stateful firewall...", "Les **clés d'accès** sont...") and the first
  cell of a table row ("Spot Instances | ..."). The field is boosted, so "security group" finds the
  VPC page that defines it before every page with a "Pitfalls and security" heading;
- the accent-free spelling of its accented words (in the text, inside a `hidden` span that result
  previews never show, and, for its heading and terms, in `terms`): many readers type French
  without accents, and lunr matches words, stemmed, as they are spelled.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")
HEADING_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
# What a section defines: a list item or paragraph that opens with a term in bold (an article
# may come first: "Les **clés d'accès** sont..."), or a table row's first cell.
DEFINED_TERM = re.compile(r"<(?:li|p)>\s*(?:\w{1,3}[\s\u2019'])?<strong>(.+?)</strong>|<tr>\s*<td>(.+?)</td>",
                          re.DOTALL)

_terms: dict[str, dict[str, list[str]]] = {}  # page URL -> section anchor ("" before the first) -> terms


def fold(word: str) -> str:
    """`word` without its accents: é -> e, ç -> c, œ stays (it is a letter of its own)."""
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


def accent_free_words(text: str) -> list[str]:
    words = {word.lower() for word in WORD.findall(TAG.sub(" ", text))}
    return sorted({fold(word) for word in words} - words)


def defined_terms(html: str) -> dict[str, list[str]]:
    """Section anchor -> the terms the section defines, in page order."""
    sections: dict[str, list[str]] = {}
    starts = [(0, "")] + [(match.start(), match.group(1)) for match in HEADING_ID.finditer(html)]
    for (start, anchor), (end, _) in zip(starts, [*starts[1:], (len(html), "")], strict=True):
        found = [TAG.sub("", match.group(1) or match.group(2)).strip()
                 for match in DEFINED_TERM.finditer(html, start, end)]
        sections[anchor] = [term for term in found if term]
    return sections


def on_page_content(html, page, **_):
    _terms[page.url] = defined_terms(html)
    return html


def with_terms(entry: dict) -> dict:
    page, _, anchor = entry["location"].partition("#")
    terms = " ".join(_terms.get(page, {}).get(anchor, []))
    folded = accent_free_words(f"{entry.get('title', '')} {entry.get('text', '')} {terms}")
    # The heading's accent-free spelling too, so that "responsabilite partagee" finds its section.
    defined = " ".join([terms, *accent_free_words(f"{entry.get('title', '')} {terms}")]).strip()
    if defined:
        entry["terms"] = defined
    if folded:
        entry["text"] = f"{entry.get('text', '')} <span hidden>{' '.join(folded)}</span>"
    return entry


def on_post_build(config):
    path = Path(config.site_dir) / SEARCH_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [with_terms(entry) for entry in index.get("docs", [])]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
