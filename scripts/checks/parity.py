"""Both languages move together: the same pages, in the same nav order, with the same headings
(levels and explicit ids) and the same admonitions, in the same order.

Each language is compared with the default one; a finding points at the translation, where the
difference is to be fixed, unless the page exists in the translation only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import zip_longest

from scripts.checks.admonitions import known_types
from scripts.checks.context import Context
from scripts.checks.navigation import line_of, nav_pages
from scripts.findings import Finding
from scripts.project import Language
from scripts.sources import SourcePage
from scripts.translations import allowed_missing


def check(context: Context) -> list[Finding]:
    default = context.project.default
    findings: list[Finding] = []
    for language in context.project.languages[1:]:
        findings += _pages(context, default, language)
        findings += _nav_order(context, default, language)
        originals = context.pages(default)
        known = known_types(default)
        for uri, translation in context.pages(language).items():
            original = originals.get(uri)
            if original is None or not (original.body_read and translation.body_read):
                continue  # a page that could not be read is reported, and has nothing to compare
            findings += _headings(original, translation)
            if all(admonition.kind in known for admonition in original.admonitions):
                # else the admonition check reports the unknown type, which the translation may have right
                findings += _admonitions(original, translation)
    return findings


def _pages(context: Context, default: Language, language: Language) -> list[Finding]:
    originals, translations = context.pages(default), context.pages(language)
    allowed = allowed_missing(default.config.extra, language.code)  # served from the default language
    findings = []
    for uri in sorted(originals.keys() - translations.keys() - allowed):
        findings.append(Finding(
            originals[uri].display, 1, 1, "parity", f"no {language.name} version of this page",
            f"create {context.project.display(language.docs_dir / uri)}",
        ))
    for uri in sorted(translations.keys() - originals.keys()):
        findings.append(Finding(
            translations[uri].display, 1, 1, "parity", f"no {default.name} version of this page",
            f"create {context.project.display(default.docs_dir / uri)}",
        ))
    return findings


def _nav_order(context: Context, default: Language, language: Language) -> list[Finding]:
    expected, actual = nav_pages(default.config.nav), nav_pages(language.config.nav)
    for position, (want, have) in enumerate(zip_longest(expected, actual)):
        if want == have:
            continue
        config = context.project.display(language.config_file)
        if have is None:
            return [Finding(config, *line_of(language.config_file, "nav:"), "parity",
                            f"the nav ends before '{want}', which {default.config_file.name} lists next",
                            "list the same pages in the same order in every language")]
        line, col = line_of(language.config_file, have)
        wanted = f"'{want}'" if want else "nothing"
        return [Finding(config, line, col, "parity",
                        f"the nav lists '{have}' at position {position + 1}, where "
                        f"{default.config_file.name} lists {wanted}",
                        "list the same pages in the same order in every language")]
    return []


def _headings(original: SourcePage, translation: SourcePage) -> list[Finding]:
    return _first_difference(
        original, translation, original.headings, translation.headings, "heading",
        key=lambda heading: (heading.level, heading.anchor),
        show=lambda heading: f"'{'#' * heading.level} {heading.text}' ({_describe(heading.anchor)})",
        hint="use the same level and the same explicit id in both languages",
    )


def _admonitions(original: SourcePage, translation: SourcePage) -> list[Finding]:
    return _first_difference(
        original, translation, original.admonitions, translation.admonitions, "admonition",
        key=lambda admonition: admonition.kind,
        show=lambda admonition: f"'{admonition.kind}'",
        hint="keep the admonitions in the same order in both languages",
    )


def _first_difference(original: SourcePage, translation: SourcePage, wanted: Sequence, found: Sequence, what: str,
                      key: Callable, show: Callable, hint: str) -> list[Finding]:
    """One finding at the first item of `found` that does not match `wanted`, in order."""
    for want, have in zip_longest(wanted, found):
        if want is not None and have is not None and key(want) == key(have):
            continue
        if have is None:
            line = found[-1].line if found else 1
            return [Finding(translation.display, line, 1, "parity",
                            f"{what} missing after this line: {original.display}:{want.line} has {show(want)}",
                            "translate it in the same place")]
        if want is None:
            return [Finding(translation.display, have.line, have.col, "parity",
                            f"{what} {show(have)} has no counterpart in {original.display}",
                            "add it in both languages, or in neither")]
        return [Finding(translation.display, have.line, have.col, "parity",
                        f"{what} {show(have)} where {original.display}:{want.line} has {show(want)}", hint)]
    return []


def _describe(anchor: str | None) -> str:
    return f"id #{anchor}" if anchor else "no explicit id"
