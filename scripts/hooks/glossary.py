"""Glossary terms explained in a tooltip wherever they appear, in the page's language.

Each language's glossary.md is the single source: every entry of its definition lists (a term on
its own line, or several, then `:   definition`) becomes an abbreviation, `*[term]: first sentence`, appended to
every page. Python-Markdown's `abbr` extension turns each occurrence of the term into
`<abbr title="...">`, which Material shows as a tooltip (feature `content.tooltips`).

Only the first occurrence of a term in a page's text keeps its tooltip, as a reader needs it once: a
dotted line under every "AZ" made pages noisy, and each tooltip is a component Material sets up
when the page opens (the 279 of the glossary page held its main thread for about a second on
Lighthouse's phone). The glossary page itself gets none: its definitions are right there.
"""

from __future__ import annotations

import re
from pathlib import Path

GLOSSARY_PAGE = "glossary.md"
DEFINITION = ":   "
NOT_A_TERM = re.compile(r"^(?:\s|[#>*|`!=<-]|$)")  # headings, lists, tables, code, admonitions...
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})\S+$")  # one word with two capitals or more: AZ, PoP
FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<term>.*?)</abbr>', re.DOTALL)
HEADING = re.compile(r"<h[1-6][\s>].*?</h[1-6]>", re.DOTALL)

_abbreviations = ""


def glossary_entries(text: str) -> dict[str, str]:
    """Term -> tooltip (the first sentence of its definition, as plain text).

    A definition may have several term lines above it (a plural, a variant spelling); an acronym
    also covers its plural with an "s" (AZs, SDKs).
    """
    entries: dict[str, str] = {}
    terms: list[str] = []
    for line in text.splitlines():
        if line.startswith(DEFINITION) and terms:
            tooltip = _tooltip(line[len(DEFINITION):])
            for term in terms:
                entries[term] = tooltip
                if ACRONYM.match(term) and not term.endswith("s"):
                    entries.setdefault(term + "s", tooltip)
            terms = []
        elif NOT_A_TERM.match(line):
            terms = []
        else:
            terms.append(line.strip())
    return entries


def _tooltip(definition: str) -> str:
    plain = MARKDOWN_LINK.sub(r"\1", definition).replace("**", "").replace("`", "").strip()
    sentence = FIRST_SENTENCE.match(plain)
    return sentence.group(1) if sentence else plain


def on_files(files, config):
    global _abbreviations
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    entries = glossary_entries(Path(glossary.abs_src_path).read_text(encoding="utf-8")) if glossary else {}
    # One block per definition: Python-Markdown parses a block of n definitions in O(n²).
    _abbreviations = "\n\n".join(f"*[{term}]: {tooltip}" for term, tooltip in entries.items())
    return files


def on_page_markdown(markdown, page, **_):
    if not _abbreviations or page.file.src_uri == GLOSSARY_PAGE:
        return markdown
    return f"{markdown}\n\n{_abbreviations}\n"


def on_page_content(html, page, **_):
    return first_occurrences_only(html)


def first_occurrences_only(html: str) -> str:
    """Unwrap every <abbr> in a heading (a title is no place for a dotted underline) and every
    <abbr> whose tooltip an earlier one on the page already shows (AZ, then AZs)."""
    html = HEADING.sub(lambda heading: ABBR.sub(r"\g<term>", heading[0]), html)
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        if match["title"] in seen:
            return match["term"]
        seen.add(match["title"])
        return match[0]

    return ABBR.sub(keep_first, html)
