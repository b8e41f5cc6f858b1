"""Only the admonition types the site defines (extra.admonitions): the others have no style."""

from __future__ import annotations

from scripts.checks.context import Context, did_you_mean
from scripts.findings import Finding
from scripts.project import Language


def known_types(language: Language) -> set[str]:
    return {str(kind).lower() for kind in language.config.extra.get("admonitions") or {}}


def check(context: Context) -> list[Finding]:
    findings: list[Finding] = []
    for language in context.project.languages:
        known = known_types(language)
        for page in context.sources[language.code]:
            for admonition in page.admonitions:
                if admonition.kind not in known:
                    hint = did_you_mean(admonition.kind, known) or f"use one of: {', '.join(sorted(known))}"
                    findings.append(Finding(
                        page.display, admonition.line, admonition.col, "admonition",
                        f"unknown admonition type '{admonition.kind}'", hint,
                    ))
    return findings
