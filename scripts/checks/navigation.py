"""The navigation lists every page, and every page it lists exists (or exists in another language
only: the parity check then asks for the translation, once)."""

from __future__ import annotations

from pathlib import Path

from scripts.checks.context import Context, did_you_mean_page
from scripts.findings import Finding
from scripts.project import Language


def nav_pages(nav: list | None) -> list[str]:
    """The pages a `nav` setting lists, in order (links to other sites left out)."""
    pages: list[str] = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages += nav_pages(value)
        elif isinstance(value, str) and "://" not in value:
            pages.append(value)
    return pages


def line_of(path: Path, needle: str) -> tuple[int, int]:
    """Where `needle` first appears in a text file, from 1; (1, 1) when it does not."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        col = text.find(needle)
        if col >= 0:
            return number, col + 1
    return 1, 1


def check(context: Context) -> list[Finding]:
    findings: list[Finding] = []
    for language in context.project.languages:
        findings += _check_language(context, language)
    return findings


def _check_language(context: Context, language: Language) -> list[Finding]:
    pages = context.pages(language)
    listed = nav_pages(language.config.nav)
    config = context.project.display(language.config_file)
    findings = []
    for uri in listed:
        if uri not in pages and not context.in_other_language(language, uri):  # parity reports that one
            line, col = line_of(language.config_file, uri)
            findings.append(Finding(
                config, line, col, "nav",
                f"the nav lists '{uri}', which is not in {context.project.display(language.docs_dir)}/",
                did_you_mean_page(uri, pages) or "create the page or remove the entry",
            ))
    if language.config.nav is not None:
        for uri, page in pages.items():
            if uri not in listed:
                findings.append(Finding(
                    page.display, 1, 1, "nav", f"the page is not in the nav of {config}",
                    "add it to the nav of every language, at the same place",
                ))
    return findings
