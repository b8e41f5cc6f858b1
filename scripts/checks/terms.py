"""One name for each concept in each language, as docs/termbase.yml sets it, and glossaries that
agree with it.

The French reviews found the same concept named two or three ways («équilibreur» and «répartiteur
de charge», «géré» and «managé», «compartiment» and «bucket»): a reader takes two words for two
things, and a glossary tooltip set on one never shows on the other. Review keeps that right once;
the build keeps it right after. A refused variant is reported wherever a reader reads it (the
prose of `SourcePage.prose`), never in code, URLs or markup; an English term given in parentheses
or italics right after the term to use stays allowed, as a gloss, and so do the product names a
concept lists under `allow`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.hooks.glossary import DEFINITION, GLOSSARY_PAGE, NOT_A_TERM
from scripts.sources import SourcePage

TERMBASE = Path("docs") / "termbase.yml"
EVERY_LANGUAGE = "all"
USAGE_KEYS = {"use", "also", "refuse", "allow", "pages", "match_case"}
LINE = "__line__"  # where the loader saw a mapping, for findings that point into the termbase
PLURAL = r"(?:s|x)?"  # compartiments, réseaux
PARTICIPLE = r"(?:e|s|es)?"  # after é, the feminine too: managé, managée, managés, managées
BETWEEN_WORDS = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"  # spaces, or one line break: never a blank line
GLOSS_WORDS = 3  # words a gloss may stand after its term: « limitation des requêtes (throttling) »
MARKED_BEFORE = re.compile(r"[(*_]+$")
MARKED_AFTER = re.compile(r"[^()*_.;:!?\n]{0,40}[)*_]")  # the group closes: « (permission set) »
IN_ENGLISH = re.compile(r"[^.;:!?)]{0,60}\b(?:en anglais|in English)\b")  # «*bucket* en anglais»
SENTENCE_END = re.compile(r"[.;:!?]")


@dataclass(frozen=True)
class Usage:
    """What one language says for a concept: the term to use, and what it refuses."""

    use: str
    also: tuple[str, ...] = ()
    refuse: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    match_case: bool = False

    @property
    def hint(self) -> str:
        others = "".join(f" or '{term}'" for term in self.also)
        return f"use '{self.use}'{others} ({TERMBASE.as_posix()})"


@dataclass(frozen=True)
class Concept:
    name: str
    line: int
    usage: dict[str, Usage] = field(default_factory=dict)  # by language code


class TermbaseError(Exception):
    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


# The termbase --------------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """YAML's safe loader, keeping the line of each mapping so that a mistake is shown at its line."""


def _mapping_with_line(loader: _Loader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load(path: Path, codes: list[str]) -> list[Concept]:
    """The concepts of the termbase at `path`, for the languages `codes`; a TermbaseError says what
    is wrong and where."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise TermbaseError(mark.line + 1 if mark else 1, f"not valid YAML: {error}".splitlines()[0],
                            "check the quotes and the indentation") from None
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise TermbaseError(1, "the termbase must hold a list under 'concepts'", "see the comment at its top")
    return [_concept(entry, codes) for entry in data["concepts"]]


def _concept(entry: object, codes: list[str]) -> Concept:
    if not isinstance(entry, dict) or not isinstance(entry.get("concept"), str):
        line = entry.get(LINE, 1) if isinstance(entry, dict) else 1
        raise TermbaseError(line, "each concept is a mapping with a 'concept' name", "concept: load balancer")
    line, name = entry[LINE], entry["concept"]
    unknown = set(entry) - {"concept", LINE, EVERY_LANGUAGE, *codes}
    if unknown:
        raise TermbaseError(line, f"concept '{name}': unknown key '{sorted(unknown)[0]}'",
                            f"use 'concept', '{EVERY_LANGUAGE}' or a language code: {', '.join(codes)}")
    if EVERY_LANGUAGE in entry and any(code in entry for code in codes):
        raise TermbaseError(line, f"concept '{name}': '{EVERY_LANGUAGE}' and a language at once",
                            f"give '{EVERY_LANGUAGE}' alone, or one entry per language")
    usage = {code: _usage(entry.get(code, entry.get(EVERY_LANGUAGE)), name, line)
             for code in codes if code in entry or EVERY_LANGUAGE in entry}
    if not usage:
        raise TermbaseError(line, f"concept '{name}' gives no term", f"add '{codes[0]}: <term>'")
    return Concept(name, line, usage)


def _usage(value: object, name: str, line: int) -> Usage:
    if isinstance(value, str):
        return Usage(value)
    if not isinstance(value, dict) or not isinstance(value.get("use"), str):
        raise TermbaseError(line, f"concept '{name}': each language needs a term to 'use'",
                            "write 'fr: terme' or 'fr: {use: terme, refuse: [variante]}'")
    line = value.get(LINE, line)
    unknown = set(value) - USAGE_KEYS - {LINE}
    if unknown:
        raise TermbaseError(line, f"concept '{name}': unknown key '{sorted(unknown)[0]}'",
                            f"use {', '.join(sorted(USAGE_KEYS))}")
    lists = {key: _strings(value.get(key, []), name, key, line) for key in ("also", "refuse", "allow", "pages")}
    usage = Usage(value["use"], match_case=value.get("match_case") is True, **lists)
    for variant in usage.refuse:
        if any(term_pattern(variant, usage.match_case).search(term) for term in (usage.use, *usage.also)):
            raise TermbaseError(line, f"concept '{name}' refuses '{variant}', which its own term contains",
                                "refuse a longer phrase, or list the right one under 'allow'")
    return usage


def _strings(value: object, name: str, key: str, line: int) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
        raise TermbaseError(line, f"concept '{name}': '{key}' must be a list of words", f"{key}: [one, two]")
    return tuple(items)


@cache
def term_pattern(term: str, match_case: bool = False) -> re.Pattern:
    """A term as it may appear in prose: any case, each word inflected (plural, feminine of a
    participle), the words
    apart by spaces or a line break, either apostrophe, not inside a longer word."""
    words = []
    for word in term.split():
        escaped = re.sub("['\u2019]", "['\u2019]", re.escape(word))
        words.append(escaped + (PARTICIPLE if word[-1] in "éÉ" else PLURAL if word[-1].isalpha() else ""))
    flags = 0 if match_case else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + BETWEEN_WORDS.join(words) + r"(?![\w-])", flags)


# The pages -----------------------------------------------------------------------------------

def check(context: Context) -> list[Finding]:
    path = context.project.root / TERMBASE
    if not path.is_file():
        return []
    codes = [language.code for language in context.project.languages]
    try:
        concepts = load(path, codes)
    except TermbaseError as error:
        return [Finding(context.project.display(path), error.line, 1, "terms", error.message, error.hint)]
    findings = [finding for language in context.project.languages for page in context.sources[language.code]
                for finding in in_page(page, language.code, concepts)]
    return findings + glossaries_agree(context, concepts)


def in_page(page: SourcePage, code: str, concepts: list[Concept]) -> list[Finding]:
    """Every refused variant a reader reads on `page`, one finding for the longest at each place."""
    prose = "\n".join(page.prose)
    words = _words(prose)
    found = [(match.start(), match.end(), usage, concept)
             for concept in concepts if (usage := concept.usage.get(code)) and _applies(usage, page)
             for match in _refusals(prose, words, usage)]
    found.sort(key=lambda item: (item[0], -item[1]))
    starts, text = _line_starts(prose), "\n".join(page.text)
    findings, covered = [], -1
    for start, end, usage, concept in found:
        if start < covered:
            continue
        covered = end
        line = bisect.bisect_right(starts, start)
        words = " ".join(text[start:end].split())
        findings.append(Finding(page.display, line, start - starts[line - 1] + 1, "terms",
                                f"'{words}' is not this site's term for {concept.name}", usage.hint))
    return findings


def _applies(usage: Usage, page: SourcePage) -> bool:
    return not usage.pages or page.uri in usage.pages


def _refusals(prose: str, words: str, usage: Usage) -> list[re.Match]:
    """The refused variants in `prose`, but those inside an allowed phrase or given as a gloss."""
    found = [match for variant in usage.refuse for match in _find(prose, words, variant, usage.match_case)]
    if not found:
        return []
    allowed = [match.span() for phrase in usage.allow for match in _find(prose, words, phrase, usage.match_case)]
    return [match for match in found if not any(start <= match.start() and match.end() <= end for start, end in allowed)
            and not _glossed(prose, match, usage)]


def _find(prose: str, words: str, term: str, match_case: bool) -> list[re.Match]:
    """The term's matches, looked for only around the places its longest word appears in `words`
    (the prose in lower case, one apostrophe): a pattern that ignores case scans every character,
    and most terms are on no page."""
    pattern, needle = term_pattern(term, match_case), _words(max(term.split(), key=len))
    if len(words) != len(prose):  # lower() changed the length: the places would be wrong
        return list(pattern.finditer(prose))
    reach = len(term) + 40  # the term, inflected, with a line break and an indentation in it
    matches: dict[tuple[int, int], re.Match] = {}
    index = words.find(needle)
    while index >= 0:
        for match in pattern.finditer(prose, max(0, index - reach), index + len(needle) + reach):
            matches.setdefault(match.span(), match)
        index = words.find(needle, index + 1)
    return list(matches.values())


def _words(text: str) -> str:
    return text.lower().replace("'", "\u2019")


def _glossed(prose: str, match: re.Match, usage: Usage) -> bool:
    """Whether the variant is a gloss: it opens a group in parentheses or italics that stands right
    after the term to use (a few words at most, in the same sentence), or that says «en anglais»."""
    opening = MARKED_BEFORE.search(prose, max(0, match.start() - 3), match.start())
    if not opening or not MARKED_AFTER.match(prose, match.end()):
        return False
    if IN_ENGLISH.match(prose, match.end()):
        return True
    before = prose[max(0, opening.start() - 80):opening.start()]
    for term in (usage.use, *usage.also):
        for used in term_pattern(term, usage.match_case).finditer(before):
            between = before[used.end():]
            if not SENTENCE_END.search(between) and len(between.split()) <= GLOSS_WORDS:
                return True
    return False


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


# The glossaries ------------------------------------------------------------------------------

def glossaries_agree(context: Context, concepts: list[Concept]) -> list[Finding]:
    """Where one language's glossary has an entry for a concept, under its term, every other
    glossary has one under its own term, as the termbase says: a tooltip in one language and none
    in the other, or a glossary that names the concept otherwise than the pages, misleads. A
    glossary entry under a refused variant is reported on the glossary page, as on any page."""
    glossaries = {language.code: page for language in context.project.languages
                  if (page := context.pages(language).get(GLOSSARY_PAGE))}
    entries = {code: headwords(page) for code, page in glossaries.items()}
    return [finding for concept in concepts for finding in _missing_entries(concept, glossaries, entries)]


def _missing_entries(concept: Concept, glossaries: dict[str, SourcePage],
                     entries: dict[str, dict[str, int]]) -> list[Finding]:
    """The glossaries without an entry for `concept` under their term, when another has one."""
    defined = {code: line for code, usage in concept.usage.items() if code in entries
               if (line := _entry(entries[code], usage.use, usage.match_case))}
    if not defined:
        return []
    other, line = next(iter(defined.items()))
    return [Finding(glossaries[code].display, 1, 1, "terms",
                    f"no glossary entry '{usage.use}' for {concept.name}, which "
                    f"{glossaries[other].display}:{line} defines",
                    f"add the entry '{usage.use}', the termbase's term ({TERMBASE.as_posix()})")
            for code, usage in concept.usage.items()
            if code in entries and code not in defined and not _under_a_variant(entries[code], usage)]


def headwords(page: SourcePage) -> dict[str, int]:
    """The terms a glossary defines (its tooltips, as scripts/hooks/glossary.py reads them), with
    their line."""
    found: dict[str, int] = {}
    pending: list[tuple[str, int]] = []
    for number, line in enumerate(page.text, 1):
        if line.startswith(DEFINITION) and pending:
            found.update(pending)
            pending = []
        elif NOT_A_TERM.match(line):
            pending = []
        else:
            pending.append((line.strip(), number))
    return found


def _entry(entries: dict[str, int], term: str, match_case: bool) -> int | None:
    pattern = term_pattern(term, match_case)
    return next((line for headword, line in entries.items() if pattern.fullmatch(headword)), None)


def _under_a_variant(entries: dict[str, int], usage: Usage) -> bool:
    return any(_entry(entries, variant, usage.match_case) for variant in usage.refuse)
