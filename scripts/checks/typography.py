"""French typography in the French pages, English punctuation in the English ones, with a fixer.

A plain space before « : » or inside « » lets a line break there, so the colon or the guillemet
starts the next line; a plain space in `100 USD` or `1 000` splits a figure across two lines. French
wants a no-break space in each of these places (U+00A0, or the narrow U+202F), a decimal comma,
and `…`; English wants no space before `: ; ! ?`. Every rule below reads `SourcePage.prose`, so it
never touches code, URLs, link targets, HTML attributes or front matter keys, and each finding
carries the fix as its hint: `python -m scripts typography --fix` applies exactly those fixes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.project import Project
from scripts.sources import MASK, SourcePage, read_pages

NBSP, NNBSP = "\u00a0", "\u202f"
NO_BREAK = NBSP + NNBSP
NAMES = {NBSP: "U+00A0, a no-break space", NNBSP: "U+202F, a narrow no-break space", "…": "U+2026"}
GAP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"  # plain spaces, or one line break: never a blank line
GAP_AFTER = re.compile(GAP)
# The site's convention, as the reviews found it: U+00A0 before ':' and '%' and inside « »,
# U+202F before ';' '!' '?' and between groups of digits.
BEFORE_MARK = {":": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}
UNIT = (r"USD|EUR|€|dollars?|euros?|centimes?|cents?|[kKMGTP]i?o|octets?|[KMGTP]i?B|[kKMG]bits?(?:/s)?|bits?"
        r"|[kKMG]bps|GHz|MHz|ms|µs|s|min|h|heures?|minutes?|secondes?|jours?|semaines?|mois|ans?|années?|km"
        r"|vCPUs?|millions?|milliards?|%")
NUMBER = r"(?<![\w.,\u00a0\u202f-])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?"
NUMBER_UNIT = re.compile(rf"{NUMBER}(?P<gap>{GAP})?(?P<unit>{UNIT})(?![\w'\u2019])")  # not 2 s'ouvre
ATTACHED = ("%", "€")  # units a French number never touches: 50 %, not 50%
THOUSANDS = re.compile(r"(?<![\w.,\u00a0\u202f-])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
DECIMAL = re.compile(r"(?<![\w.,/:\u00a0\u202f-])(?P<whole>\d+)\.\d+(?![\w.]|[/:-]\d)")
DECIMAL_FOLLOWERS = re.compile(rf"[ \u00a0\u202f]*(?:{UNIT}|fois)(?![\w'\u2019])")
VERSION_CUES = {"version", "versions", "v"}  # version 0.9 is not a decimal
ELLIPSIS = re.compile(r"(?<!\.)\.{3}(?!\.)")
MARKS = re.compile(r"[:;!?]")


@dataclass(frozen=True)
class Fix:
    """Replace prose[start:end] (an empty span to insert) with `new`; `message` says why."""

    start: int
    end: int
    new: str
    message: str


# The rules -----------------------------------------------------------------------------------

def french(prose: str) -> Iterator[Fix]:
    yield from _high_punctuation(prose)
    yield from _guillemets(prose)
    yield from _number_units(prose)
    yield from _thousands(prose)
    yield from _decimals(prose)
    for match in ELLIPSIS.finditer(prose):
        yield Fix(match.start(), match.end(), "…", "three dots for an ellipsis")


def english(prose: str) -> Iterator[Fix]:
    """No space before `: ; ! ?`: the French habit, where an English reader sees a stray space."""
    for mark in MARKS.finditer(prose):
        start = _gap_start(prose, mark.start(), f" \t{NO_BREAK}")
        if start < mark.start() and _after_text(prose, start) and _ends_a_phrase(prose, mark.end()):
            yield Fix(start, mark.start(), "", f"space before '{mark[0]}' in English")


RULES: dict[str, Callable[[str], Iterator[Fix]]] = {"fr": french, "en": english}


def _high_punctuation(prose: str) -> Iterator[Fix]:
    """A no-break space before `: ; ! ?`; not in 10:30, a URL-like a:b, or ?! (the second mark)."""
    for mark in MARKS.finditer(prose):
        index, char = mark.start(), mark[0]
        before = prose[index - 1] if index else "\n"
        if before in NO_BREAK or before in ":;!?([\n" or not _ends_a_phrase(prose, index + 1):
            continue
        space = BEFORE_MARK[char]
        start = _gap_start(prose, index, " \t\n")
        if start == index:
            yield Fix(index, index, space, f"no space before '{char}'")
        elif _after_text(prose, start):
            yield Fix(start, index, space, f"plain space before '{char}'")


def _guillemets(prose: str) -> Iterator[Fix]:
    for match in re.finditer("«", prose):
        after, end = prose[match.end():match.end() + 1], _gap_end(prose, match.end())
        if after and after not in NO_BREAK and prose[end:end + 1] not in ("", "\n"):
            kind = "plain space" if end > match.end() else "no space"
            yield Fix(match.end(), end, NBSP, f"{kind} after '«'")
    for match in re.finditer("»", prose):
        start = _gap_start(prose, match.start(), " \t\n")
        if match.start() and prose[match.start() - 1] not in NO_BREAK and _after_text(prose, start):
            kind = "plain space" if start < match.start() else "no space"
            yield Fix(start, match.start(), NBSP, f"{kind} before '»'")


def _number_units(prose: str) -> Iterator[Fix]:
    for match in NUMBER_UNIT.finditer(prose):
        start, end = match.span("gap") if match["gap"] else (match.start("unit"),) * 2
        if match["gap"] or match["unit"] in ATTACHED:
            yield Fix(start, end, NBSP, f"{'plain' if match['gap'] else 'no'} space between a number and "
                                        f"'{match['unit']}'")


def _thousands(prose: str) -> Iterator[Fix]:
    for match in THOUSANDS.finditer(prose):
        for index in range(match.start(), match.end()):
            if prose[index] == " ":
                yield Fix(index, index + 1, NNBSP, "plain space between groups of digits")


def _decimals(prose: str) -> Iterator[Fix]:
    """A decimal point where French writes a comma, in a figure a reader takes for a decimal: one
    followed by a unit (0.023 USD, 99.9 %), or below 1; not 3.11 after Python, an IP address,
    t3.micro or a file name."""
    for match in DECIMAL.finditer(prose):
        follows_unit = DECIMAL_FOLLOWERS.match(prose, match.end())
        previous = prose[max(0, match.start() - 12):match.start()].split()
        below_one = match["whole"] == "0" and not (previous and previous[-1].lower() in VERSION_CUES)
        if follows_unit or below_one:
            point = match.end("whole")
            yield Fix(point, point + 1, ",", "decimal point in French prose")


def _gap_start(prose: str, index: int, spaces: str) -> int:
    """Where the spaces before `index` start: at most one line break, never a blank line."""
    start, breaks = index, 0
    while start and prose[start - 1] in spaces:
        breaks += prose[start - 1] == "\n"
        if breaks > 1:
            break
        start -= 1
    return start


def _gap_end(prose: str, index: int) -> int:
    match = GAP_AFTER.match(prose, index)
    return match.end() if match else index


def _after_text(prose: str, start: int) -> bool:
    """Whether the spaces that start at `start` follow something on a line, not a line's start."""
    return start > 0 and prose[start - 1] != "\n"


def _ends_a_phrase(prose: str, index: int) -> bool:
    """Whether the mark before `index` is punctuation: followed by a space, the end, or a closing
    character, not by a word (a:b, ?x=1)."""
    return index >= len(prose) or not (prose[index].isalnum() or prose[index] == "_")


# Findings and fixes --------------------------------------------------------------------------

def check(context: Context) -> list[Finding]:
    return [finding for language in context.project.languages for page in context.sources[language.code]
            for finding in in_page(page, language.code)]


def in_page(page: SourcePage, code: str) -> list[Finding]:
    return [finding for _, finding in _fixes(page, code)]


def _fixes(page: SourcePage, code: str) -> list[tuple[Fix, Finding]]:
    """The fixes of `page`, in order and never overlapping, each with the finding that shows it."""
    rules = RULES.get(code)
    if not rules or not page.body_read:
        return []
    prose, text = "\n".join(page.prose), "\n".join(page.text)
    kept, covered, inserted = [], -1, -1
    for fix in sorted(set(rules(prose)), key=lambda fix: (fix.start, fix.end)):
        if fix.start < covered or fix.start == fix.end == inserted:
            continue
        covered, inserted = fix.end, fix.start if fix.start == fix.end else inserted
        kept.append(fix)
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    result = []
    for fix in kept:
        line = bisect.bisect_right(starts, fix.start)
        language = "French" if code == "fr" else "English"
        result.append((fix, Finding(page.display, line, fix.start - starts[line - 1] + 1, "typography",
                                    f"{fix.message} ({language} typography)", _hint(text, prose, fix, kept))))
    return result


def _hint(text: str, prose: str, fix: Fix, fixes: list[Fix]) -> str:
    """The text around the fix as the fixer leaves it, from the word before to the word after
    (their prose, or their markup when they have none), naming any invisible character the fix
    adds."""
    start, end = _word_edge(text, prose, fix.start, -1), _word_edge(text, prose, fix.end, 1)
    corrected = _apply(text[start:end], [Fix(other.start - start, other.end - start, other.new, other.message)
                                         for other in fixes if start <= other.start and other.end <= end])
    names = [NAMES[char] for char in fix.new if char in NAMES]
    return f"write '{corrected}'" + (f" ({', '.join(names)})" if names else "")


def _apply(text: str, fixes: list[Fix]) -> str:
    for fix in reversed(fixes):
        text = text[:fix.start] + fix.new + text[fix.end:]
    return text


def _word_edge(text: str, prose: str, index: int, step: int) -> int:
    """Where the word that touches `index` ends, going by `step` (-1 or 1): at a space, at its
    markup (or at the space after the markup when the word is only markup), within 30 characters."""
    def scan(stop_at_markup: bool) -> int:
        at = index
        for _ in range(30):
            char = at - 1 if step < 0 else at
            if not 0 <= char < len(text) or text[char] in " \t\n" or (stop_at_markup and prose[char] == MASK):
                break
            at += step
        return at

    edge = scan(stop_at_markup=True)
    return edge if edge != index else scan(stop_at_markup=False)


def fixed_text(page: SourcePage, code: str) -> tuple[str, list[Finding]]:
    """The page's text with every typography fix applied (lines joined by '\\n'), and the findings
    they answer."""
    fixes = _fixes(page, code)
    return _apply("\n".join(page.text), [fix for fix, _ in fixes]), [finding for _, finding in fixes]


def fix_project(project: Project, write: bool) -> list[Finding]:
    """The typography findings of every page; with `write`, each page rewritten with its fixes,
    its line endings kept. A page whose lines Python splits otherwise than on line feeds (a form
    feed, U+2028...) is left as it is, so that nothing but its prose changes."""
    findings = []
    for language in project.languages:
        for page in read_pages(language.docs_dir, project.root):
            text, found = fixed_text(page, language.code)
            findings += found
            if write and found:
                _write(page.path, text)
    return findings


def _write(path: Path, text: str) -> None:
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    if "\n".join(raw.splitlines()) != raw.replace(newline, "\n").removesuffix("\n"):
        return
    ending = newline if raw.endswith(("\n", "\r")) else ""
    path.write_bytes((text.replace("\n", newline) + ending).encode("utf-8"))
