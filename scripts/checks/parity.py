"""Both languages move together: the same pages, in the same nav order, with the same headings
(levels and explicit ids) and the same admonitions, in the same order.

Each language is compared with the default one; a finding points at the translation, where the
difference is to be fixed, unless the page exists in the translation only.
"""

from __future__ import annotations

from itertools import zip_longest

from scripts.checks.context import Context
from scripts.checks.navigation import line_of, nav_pages
from scripts.findings import Finding
from scripts.project import Language
from scripts.sources import SourcePage


def check(context: Context) -> list[Finding]:
    default = context.project.default
    findings: list[Finding] = []
    for language in context.project.languages[1:]:
        findings += _pages(context, default, language)
        findings += _nav_order(context, default, language)
        originals = context.pages(default)
        for uri, translation in context.pages(language).items():
            if uri in originals:
                findings += _headings(originals[uri], translation)
                findings += _admonitions(originals[uri], translation)
    return findings


def _pages(context: Context, default: Language, language: Language) -> list[Finding]:
    originals, translations = context.pages(default), context.pages(language)
    findings = []
    for uri in sorted(originals.keys() - translations.keys()):
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
    for want, have in zip_longest(original.headings, translation.headings):
        if want and have and (want.level, want.anchor) == (have.level, have.anchor):
            continue
        if have is None:
            last = translation.headings[-1].line if translation.headings else 1
            return [Finding(translation.display, last, 1, "parity", f"heading missing: {original.display}:{want.line} has "
                            f"'{'#' * want.level} {want.text}' here", "translate it in the same place")]
        if want is None:
            return [Finding(translation.display, have.line, have.col, "parity",
                            f"heading '{have.text}' has no counterpart in {original.display}",
                            "add it in both languages, or in neither")]
        return [Finding(translation.display, have.line, have.col, "parity",
                        f"heading '{'#' * have.level} {have.text}' ({_describe(have.anchor)}) differs from "
                        f"{original.display}:{want.line} '{'#' * want.level} {want.text}' ({_describe(want.anchor)})",
                        "use the same level and the same explicit id in both languages")]
    return []


def _describe(anchor: str | None) -> str:
    return f"id #{anchor}" if anchor else "no explicit id"


def _admonitions(original: SourcePage, translation: SourcePage) -> list[Finding]:
    for want, have in zip_longest(original.admonitions, translation.admonitions):
        if want and have and want.kind == have.kind:
            continue
        if have is None:
            return [Finding(translation.display, 1, 1, "parity",
                            f"admonition missing: {original.display}:{want.line} has a '{want.kind}' "
                            "that this page lacks", "translate it in the same place")]
        if want is None:
            return [Finding(translation.display, have.line, have.col, "parity",
                            f"admonition '{have.kind}' has no counterpart in {original.display}",
                            "add it in both languages, or in neither")]
        return [Finding(translation.display, have.line, have.col, "parity",
                        f"admonition '{have.kind}' where {original.display}:{want.line} has '{want.kind}'",
                        "keep the admonitions in the same order in both languages")]
    return []
