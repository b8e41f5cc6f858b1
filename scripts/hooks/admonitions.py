"""Admonitions titled in the page's language, and only of the types the site styles.

Python-Markdown titles an admonition that has no title after its type (`!!! cost` reads "Cost").
This hook gives it the title that `extra.admonitions` lists for the site's language instead, so
`!!! cost` reads "Pricing" in English and "Tarifs" in French; it works for `???` and `???+` too.
A type not listed there is reported as a warning, which fails `mkdocs build --strict`;
`python -m scripts build` reports it with its line and column (scripts/checks/admonitions.py).
"""

from __future__ import annotations

import logging
import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

log = logging.getLogger("mkdocs.hooks.admonitions")

# `!!! type [more classes]` or `??? type` / `???+ type`, with no title after the classes.
UNTITLED_OPENER = re.compile(
    r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+[\w-]+)*)[ \t]*$"
)
ANY_OPENER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)")

# After fenced code is stashed (priority 25), so examples inside code blocks keep the Markdown their
# author wrote; before raw HTML is (20), so admonitions inside `<div markdown>` blocks get titles too.
PRIORITY = 22

_current_page = ""


class _DefaultTitles(Preprocessor):
    def __init__(self, md: Markdown, titles: dict[str, str]) -> None:
        super().__init__(md)
        self.titles = titles

    def run(self, lines: list[str]) -> list[str]:
        return [self._with_title(line) for line in lines]

    def _with_title(self, line: str) -> str:
        opener = ANY_OPENER.match(line)
        if not opener:
            return line
        kind = opener["type"].lower()
        if kind not in self.titles:
            log.warning(
                "Doc file '%s' uses the admonition type '%s', which is not one of: %s",
                _current_page, kind, ", ".join(sorted(self.titles)),
            )
            return line
        untitled = UNTITLED_OPENER.match(line)
        return f'{untitled["head"]} "{self.titles[kind]}"' if untitled else line


class DefaultTitles(Extension):
    """Give untitled admonitions the title of their type in the site's language."""

    def __init__(self, titles: dict[str, str]) -> None:
        super().__init__()
        self.titles = titles

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_DefaultTitles(md, self.titles), "localized_admonition_titles", PRIORITY)


def on_config(config):
    titles = {kind.lower(): str(title) for kind, title in (config.extra.get("admonitions") or {}).items()}
    config.markdown_extensions.append(DefaultTitles(titles))
    return config


def on_page_markdown(markdown, page, **_):
    global _current_page
    _current_page = page.file.src_uri
    return markdown
