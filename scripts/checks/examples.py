"""The markers `make examples` reads in code fences are valid, and the same in every language.

A block excused from running names a reason that mkdocs.yml's `extra.examples.excuses` lists;
a translation's block carries the same markers as the default language's one (which blocks run,
which file they save, which command a sample shows), so that both languages run the same way. The
code itself is compared by the code-parity check.
"""

from __future__ import annotations

from itertools import zip_longest

from scripts.checks.context import Context
from scripts.examples.blocks import CLEANUP, EXCUSED, EXPECTED_ERROR, OUTPUT_OF, TITLE, attributes, names_a_file
from scripts.findings import Finding
from scripts.sources import Fence, SourcePage

MARKERS = (EXCUSED, OUTPUT_OF, EXPECTED_ERROR, CLEANUP)  # the title is text: it may be translated


def check(context: Context) -> list[Finding]:
    excuses = context.project.default.config["extra"].get("examples", {}).get("excuses", {})
    findings = [finding for language in context.project.languages for page in context.sources[language.code]
                for finding in _excuses(page, excuses)]
    originals = context.pages(context.project.default)
    for language in context.project.languages[1:]:
        for uri, translation in sorted(context.pages(language).items()):
            if uri in originals:
                findings += _same_markers(originals[uri], translation)
    return findings


def _excuses(page: SourcePage, excuses: dict[str, str]) -> list[Finding]:
    findings = []
    for fence in page.fences:
        reason = attributes(fence).get(EXCUSED)
        if reason is not None and reason not in excuses:
            findings.append(Finding(
                page.display, fence.line, fence.col, "example-excuse",
                f"unknown reason {reason!r} in {EXCUSED}",
                f"use one of {', '.join(sorted(excuses))}, or add it to extra.examples.excuses in mkdocs.yml"))
    return findings


def _same_markers(original: SourcePage, translation: SourcePage) -> list[Finding]:
    findings = []
    for want, have in zip_longest(original.fences, translation.fences):
        if want is None or have is None:
            break  # the code-parity check reports a missing block
        wanted, found = _markers(want), _markers(have)
        if wanted != found:
            findings.append(Finding(
                translation.display, have.line, have.col, "example-markers",
                f"this block's markers {_show(found)} differ from {original.display}:{want.line} {_show(wanted)}",
                "copy the fence's data-... attributes (and a file title) from the English block"))
    return findings


def _markers(fence: Fence) -> dict[str, str]:
    attrs = attributes(fence)
    markers = {name: attrs[name] for name in MARKERS if name in attrs}
    if names_a_file(attrs.get(TITLE, "")):
        markers[TITLE] = attrs[TITLE]  # a file name, not a caption
    return markers


def _show(markers: dict[str, str]) -> str:
    if not markers:
        return "(none)"
    return "(" + ", ".join(f'{name}="{value}"' for name, value in sorted(markers.items())) + ")"
