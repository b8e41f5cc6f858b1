"""Categories (the front matter's `tags`) translate one to one.

Each language has its own category page, built by Material's tags plugin from the pages' tags, so
both pages only list the same groups if every page has as many tags as its counterpart, in the same
order, and a category always has the same name in the other language. A typo in one page breaks
that pairing, and is reported at the page's `tags:` line.
"""

from __future__ import annotations

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.sources import SourcePage

KEY = "tags"


def check(context: Context) -> list[Finding]:
    findings: list[Finding] = []
    malformed: set[str] = set()
    for pages in context.sources.values():
        for page in pages:
            if not page.meta_read:
                malformed.add(page.display)  # its front matter is reported; it has no tags to compare
            elif _tags(page) is None:
                malformed.add(page.display)
                findings.append(Finding(page.display, _line(page), 1, "tags", "'tags' must be a list of names",
                                        "write one '  - Category' line per category under 'tags:'"))
    default = context.project.default
    for language in context.project.languages[1:]:
        originals = context.pages(default)
        pairs: list[tuple[SourcePage, SourcePage]] = [
            (originals[uri], translation) for uri, translation in sorted(context.pages(language).items())
            if uri in originals and not {originals[uri].display, translation.display} & malformed
        ]
        findings += _translations(pairs)
    return findings


def _translations(pairs: list[tuple[SourcePage, SourcePage]]) -> list[Finding]:
    """Pair each category with its name in the translation; where a name has several, the most
    common one is taken as right and the pages using another are reported."""
    findings = []
    translated_as: dict[str, dict[str, list[SourcePage]]] = {}  # original -> translation -> pages
    original_of: dict[str, dict[str, list[SourcePage]]] = {}  # translation -> original -> pages
    for original, translation in pairs:
        wanted, found = _tags(original) or [], _tags(translation) or []
        if len(wanted) != len(found):
            findings.append(Finding(
                translation.display, _line(translation), 1, "tags",
                f"{len(found)} categories, where {original.display} has {len(wanted)}: {', '.join(wanted) or 'none'}",
                "give both languages the same categories, in the same order",
            ))
            continue
        for name, translated in zip(wanted, found, strict=True):
            translated_as.setdefault(name, {}).setdefault(translated, []).append(translation)
            original_of.setdefault(translated, {}).setdefault(name, []).append(translation)
    for name, choices in translated_as.items():
        findings += [Finding(page.display, _line(page), 1, "tags",
                             f"'{name}' is translated '{odd}' here, but '{usual}' on the other pages",
                             f"write '{usual}', or rename the category on every page")
                     for page, usual, odd in _outliers(choices)]
    for translated, choices in original_of.items():
        findings += [Finding(page.display, _line(page), 1, "tags",
                             f"'{translated}' stands for '{odd}' here, but for '{usual}' on the other pages",
                             "give each category its own name in every language")
                     for page, usual, odd in _outliers(choices)]
    return findings


def _outliers(choices: dict[str, list[SourcePage]]) -> list[tuple[SourcePage, str, str]]:
    """Each page whose choice is not the most common one, with the usual choice and its own."""
    if len(choices) < 2:
        return []
    usual = max(choices, key=lambda choice: len(choices[choice]))
    return [(page, usual, odd) for odd, pages in choices.items() if odd != usual for page in pages]


def _tags(page: SourcePage) -> list[str] | None:
    """The page's categories; None when they are not written as a list of names."""
    tags = page.meta.get(KEY, [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag.strip() for tag in tags):
        return None
    return tags


def _line(page: SourcePage) -> int:
    return page.meta_lines.get(KEY, 1)
