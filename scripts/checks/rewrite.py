"""Course notes are material, not prose: a page that still holds the notes `make import` brought is
not published.

`make import` (scripts/importer/) puts the notes' own text into a new page inside one admonition
whose type `extra.import.rewrite` names (`!!! rewrite`, titled "Notes to rewrite"), the notes kept
as written in a `text` block: `make serve` shows them in the page, where the writer works, while
the terms, typography and code checks leave them alone. This check fails the build at each such
block until the writer has rewritten the notes in their own words and deleted it.
"""

from __future__ import annotations

import re

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.project import Language

DEFAULT_KIND = "rewrite"
CODE = "rewrite"
HINT = "rewrite these notes in your own words in the page, then delete the block"
TAB_SIZE = 4
BACKTICKS = re.compile(r"`{3,}")


def kind_of(language: Language) -> str:
    """The admonition type of the block, from extra.import.rewrite."""
    settings = language.config.extra.get("import") or {}
    return str(settings.get("rewrite") or DEFAULT_KIND).lower()


def block(kind: str, lines: list[str]) -> str:
    """The notes `lines` as a block to rewrite: an admonition holding them, as written, in a `text`
    fence longer than any fence they contain."""
    fence = "`" * max([3, *(len(run) + 1 for line in lines for run in BACKTICKS.findall(line))])
    indent = " " * TAB_SIZE
    body = [f"{indent}{line}".rstrip() for line in lines]
    return "\n".join([f"!!! {kind}", "", f"{indent}{fence}text", *body, f"{indent}{fence}"])


def check(context: Context) -> list[Finding]:
    findings = []
    for language in context.project.languages:
        kind = kind_of(language)
        for page in context.sources[language.code]:
            findings += [Finding(page.display, admonition.line, admonition.col, CODE,
                                 "course notes still to rewrite: the build does not publish them", HINT)
                         for admonition in page.admonitions if admonition.kind == kind]
    return findings
