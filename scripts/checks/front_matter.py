"""Every page has a title and a description: search engines and link previews show them."""

from __future__ import annotations

from scripts.checks.context import Context
from scripts.findings import Finding

REQUIRED = ("title", "description")


def check(context: Context) -> list[Finding]:
    findings: list[Finding] = []
    for pages in context.sources.values():
        for page in pages:
            findings += page.problems
            if page.problems:
                continue
            for key in REQUIRED:
                value = page.meta.get(key)
                if not isinstance(value, str) or not value.strip():
                    findings.append(Finding(
                        page.display, 1, 1, "front-matter", f"the front matter has no '{key}'",
                        f"add '{key}: ...' between the '---' lines at the top of the page",
                    ))
    return findings
