"""Translation records: each translated page names the text of the default language it translates,
so that a change in English never leaves the French page silently saying something else.

A translated page's front matter holds one line, `translation: <hash> <date>`: a hash of the English
page as it was when the translation was last brought in line with it, and that day. It is a hash of
the content, not a git commit, so the status needs no history: it works in a shallow clone and in a
tarball. The hash covers what a translator translates (the title, the description, the prose and
the code) and ignores what never needs translating again: trailing spaces, line wrapping and
indentation of prose, blank lines, HTML comments (notes to contributors, never shown), the other
front matter keys (`type`, `tags`: the template and category checks pair those) and Unicode
normalisation. Code keeps its lines and indentation: there they mean something.

`python -m scripts translations` lists every page with its status and, for an outdated one, what
changed in English since, section by section, from the English text the record was made from,
which it finds by hashing each version of the English page in git history (when there is no
history, the status holds and the diff says the old text is unavailable). `--mark PATH` records
that a page is translated from the current English text: the only thing that writes a record. The
build reads them (scripts/checks/translations.py, scripts/hooks/translations.py) and writes none.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import re
import subprocess
import sys
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from scripts.project import Project
from scripts.sources import PROSE_KEYS, SourcePage, read_page, read_pages, read_text

RECORD_KEY = "translation"  # the front matter key of a translated page
SETTINGS = "translations"  # extra.translations in mkdocs.yml
ALLOW_MISSING = "allow_missing"  # extra.translations.allow_missing: {language code: [pages]}
DIGEST_LENGTH = 12  # hex digits: 48 bits, and no two versions of a page collide
RECORD = re.compile(rf"^(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})[ \t]+(?P<date>\d{{4}}-\d{{2}}-\d{{2}})$")
RECORD_LINE = re.compile(rf"^{RECORD_KEY}[ \t]*:.*$")
WHITESPACE = re.compile(r"\s+")
FRONT_MATTER_END = ("---", "...")
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
PROGRAM = "python -m scripts translations"


class State(StrEnum):
    UP_TO_DATE = "up to date"
    OUTDATED = "outdated"  # the English page changed since the record
    MISSING = "missing"  # no translated page
    UNRECORDED = "no record"  # a translated page that says nothing of the English text it translates


@dataclass(frozen=True)
class Record:
    digest: str
    date: str
    line: int  # of the record in the translated page, from 1
    col: int  # of its value


@dataclass(frozen=True)
class Status:
    uri: str
    language: str  # the translation's code
    state: State
    digest: str  # of the English page as it is now
    record: Record | None = None
    allowed: bool = False  # missing, and extra.translations.allow_missing lets the site serve the English page
    problem: str = ""  # why a record that is there could not be read


# The hash ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """What a translator translates, one paragraph, heading, code block or front matter value at a
    time, normalised: what the hash covers and what the comparison of two versions compares."""

    kind: str  # "title", "description", "text" or "code"
    text: str
    line: int
    section: str  # the key of its section: the heading's id, or its text; "" above the first heading


def digest(page: SourcePage) -> str:
    """The hash a record holds: of the blocks, so that only what needs translating changes it."""
    normalised = "\n\n".join(f"{block.kind}\n{block.text}" for block in blocks(page))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def blocks(page: SourcePage) -> list[Block]:
    start = _body_start(page.text)
    headings = {heading.line: heading for heading in page.headings}
    fences = {fence.line: fence for fence in page.fences}
    code = {fence.line + offset for fence in page.fences for offset in range(len(fence.body) + 2)}
    prose = _without_comments({number: page.text[number - 1] for number in range(start + 1, len(page.text) + 1)
                               if number not in code})
    result = [Block(key, _words(str(page.meta[key])), page.meta_lines.get(key, 1), "")
              for key in PROSE_KEYS if page.meta_read and page.meta.get(key) is not None]
    section, paragraph, first = "", [], 0

    def flush() -> None:
        text = _words(" ".join(paragraph))
        if text:
            result.append(Block("text", text, first, section))
        paragraph.clear()

    for number in range(start + 1, len(page.text) + 1):
        line = prose.get(number)
        if number in fences:
            flush()
            fence = fences[number]
            body = "\n".join(text.rstrip() for text in fence.body).strip("\n")
            result.append(Block("code", _nfc(f"{fence.info}\n{body}"), number, section))
        elif number in headings:
            flush()
            heading = headings[number]
            section = heading.anchor or _words(heading.text)
            result.append(Block("text", _words(line or ""), number, section))
        elif line is None:
            continue  # the body or the closing fence of a code block, or a line of comment only
        elif not line.strip():
            flush()
        else:
            first = first if paragraph else number
            paragraph.append(line)
    flush()
    return result


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    end = next((index for index in range(1, len(lines)) if lines[index].rstrip() in FRONT_MATTER_END), None)
    return 0 if end is None else end + 1


def _without_comments(lines: dict[int, str]) -> dict[int, str]:
    """The lines of prose, by number, without their HTML comments; a line that held only a comment
    is left out. Comments in code are code: these lines are the prose only."""
    result: dict[int, str] = {}
    opened = False
    for number, line in lines.items():
        kept, rest = "", line
        while rest:
            if opened:
                end = rest.find(COMMENT_CLOSE)
                rest, opened = ("", True) if end < 0 else (rest[end + len(COMMENT_CLOSE):], False)
            else:
                start = rest.find(COMMENT_OPEN)
                if start < 0:
                    kept, rest = kept + rest, ""
                else:
                    kept, rest, opened = kept + rest[:start], rest[start + len(COMMENT_OPEN):], True
        if kept == line or kept.strip():
            result[number] = kept
    return result


def _words(text: str) -> str:
    return _nfc(WHITESPACE.sub(" ", text).strip())


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_from_text(text: str, uri: str, display: str) -> SourcePage:
    """A page that is not on disk: an older version from git, or a text about to be written."""
    return read_text(SourcePage(path=Path(display), uri=uri, display=display), text, outline=True)


# Records and statuses ------------------------------------------------------------------------

def record_of(page: SourcePage) -> tuple[Record | None, str]:
    """The page's record, and what is wrong with it when it cannot be read."""
    if not page.meta_read or RECORD_KEY not in page.meta:
        return None, ""
    line = page.meta_lines.get(RECORD_KEY, 1)
    text = page.text[line - 1] if line <= len(page.text) else ""
    col = len(text) - len(text.split(":", 1)[-1].lstrip()) + 1
    match = RECORD.match(str(page.meta[RECORD_KEY]).strip())
    if not match:
        return Record("", "", line, col), f"'{RECORD_KEY}: {page.meta[RECORD_KEY]}' is not '<hash> <date>'"
    return Record(match["digest"], match["date"], line, col), ""


def status(uri: str, language: str, original: SourcePage, translation: SourcePage | None,
           allowed: Collection[str] = ()) -> Status:
    now = digest(original)
    if translation is None:
        return Status(uri, language, State.MISSING, now, allowed=uri in allowed)
    record, problem = record_of(translation)
    if record is None or problem:
        return Status(uri, language, State.UNRECORDED, now, record, problem=problem)
    return Status(uri, language, State.UP_TO_DATE if record.digest == now else State.OUTDATED, now, record)


def statuses(originals: list[SourcePage], translations: list[SourcePage], language: str,
             allowed: Collection[str] = ()) -> list[Status]:
    """The status of the translation of every readable page of the default language, in path order."""
    translated = {page.uri: page for page in translations}
    return [status(page.uri, language, page, translated.get(page.uri), allowed)
            for page in sorted(originals, key=lambda page: page.uri) if page.body_read]


def allowed_missing(extra: dict, language: str) -> frozenset[str]:
    """The pages `language` may lack, as extra.translations.allow_missing lists them; nothing when
    the setting is malformed (scripts/checks/translations.py reports that)."""
    settings = extra.get(SETTINGS)
    allowed = settings.get(ALLOW_MISSING) if isinstance(settings, dict) else None
    pages = allowed.get(language) if isinstance(allowed, dict) else None
    return frozenset(uri for uri in pages if isinstance(uri, str)) if isinstance(pages, list) else frozenset()


def project_statuses(project: Project) -> list[Status]:
    """Every translation language's status of every page, read from disk."""
    default = project.default
    originals = read_pages(default.docs_dir, project.root, outline=True)
    extra = default.config.extra
    return [status for language in project.languages[1:]
            for status in statuses(originals, read_pages(language.docs_dir, project.root, outline=True), language.code,
                                   allowed_missing(extra, language.code))]


# Marking -------------------------------------------------------------------------------------

def record_value(page: SourcePage, day: datetime.date) -> str:
    return f"{digest(page)} {day.isoformat()}"


def with_record(text: str, value: str) -> str:
    """`text`, a page, with its record set to `value`: the record line replaced, or added at the
    end of the front matter; every other line as it was."""
    lines = text.splitlines(keepends=True)
    end = _body_start([line.rstrip("\r\n") for line in lines]) - 1
    if end < 1:
        raise MarkError("the page has no front matter to hold the record: start it with '---' lines")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    record = f"{RECORD_KEY}: {value}{newline}"
    for index in range(1, end):
        if RECORD_LINE.match(lines[index]):
            lines[index] = record
            return "".join(lines)
    lines.insert(end, record)
    return "".join(lines)


class MarkError(Exception):
    """A page that cannot be marked: one line, and nothing written."""


def mark(project: Project, uris: list[str], day: datetime.date) -> list[str]:
    """Record every translation of each page of `uris` as made from the English text of now; return
    one line per translated page saying what it did. Every page is checked before the first write."""
    default = project.default
    writes: dict[Path, str] = {}
    said: list[str] = []
    for uri in uris:
        original = read_page(default.docs_dir / uri, default.docs_dir, project.root, outline=True)
        if not original.body_read:
            raise MarkError(f"{original.display} is not valid UTF-8: fix it first")
        translated = [language for language in project.languages[1:] if (language.docs_dir / uri).is_file()]
        if not translated:
            raise MarkError(f"no translation of {original.display} to mark: translate it first, "
                            f"into {project.display(project.languages[-1].docs_dir / uri)}")
        for language in translated:
            path = language.docs_dir / uri
            translation = read_page(path, language.docs_dir, project.root, outline=True)
            if not translation.body_read:
                raise MarkError(f"{translation.display} is not valid UTF-8: fix it first")
            record, problem = record_of(translation)
            if record and not problem and record.digest == digest(original):
                said.append(f"{translation.display}: already up to date (since {record.date})")
                continue
            try:
                writes[path] = with_record(path.read_text(encoding="utf-8"), record_value(original, day))
            except MarkError as error:
                raise MarkError(f"{translation.display}: {error}") from None
            said.append(f"{translation.display}: marked up to date with {original.display} ({day.isoformat()})")
    for path, text in writes.items():
        path.write_bytes(text.encode("utf-8"))
    return said


def page_uri(project: Project, given: str) -> str:
    """The page `given` names, as 'part/page.md': its path below any language's docs folder, or that
    folder's path from the project root followed by it; a MarkError naming the closest page when
    there is none."""
    from scripts.checks.context import did_you_mean_page  # scripts.checks imports this module

    path = (project.root / given).resolve()
    folder = next((language.docs_dir.resolve() for language in project.languages
                   if path.is_relative_to(language.docs_dir.resolve())), None)
    uri = path.relative_to(folder).as_posix() if folder else Path(given).as_posix()
    pages = {page.relative_to(project.default.docs_dir).as_posix()
             for page in project.default.docs_dir.rglob("*.md")}
    if uri in pages:
        return uri
    hint = did_you_mean_page(uri, pages) or "give its path below docs/<language>/, such as index.md"
    raise MarkError(f"no page '{given}' in {project.display(project.default.docs_dir)}/: {hint}")


def keep_records(project: Project, changes: dict[Path, str], day: datetime.date) -> dict[Path, str]:
    """`changes` (new texts by path, as `make page` writes them) with the record of each translated
    page they write brought along: a page changed in every language at once stays as up to date as
    it was, and a new page starts up to date."""
    default = project.default
    result = dict(changes)
    for language in project.languages[1:]:
        for path, text in changes.items():
            if path.suffix != ".md" or not path.is_relative_to(language.docs_dir):
                continue
            uri = path.relative_to(language.docs_dir).as_posix()
            english = default.docs_dir / uri
            if english not in changes or (path.exists() and not _up_to_date(project, uri, language.docs_dir)):
                continue
            original = page_from_text(changes[english], uri, project.display(english))
            result[path] = with_record(text, record_value(original, day))
    return result


def _up_to_date(project: Project, uri: str, docs_dir: Path) -> bool:
    default = project.default
    original = read_page(default.docs_dir / uri, default.docs_dir, project.root, outline=True)
    translation = read_page(docs_dir / uri, docs_dir, project.root, outline=True)
    return original.body_read and status(uri, "", original, translation).state is State.UP_TO_DATE


# What changed --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    what: str  # "added", "removed" or "changed"
    section: str  # as a reader names it: "## How you pay", or "the top of the page"
    line: int  # in the English page of now; 0 for a removed section
    parts: tuple[str, ...] = ()  # what changed in it: "title", "description", "text", "code blocks"


KIND_NAMES = {"title": "title", "description": "description", "text": "text", "code": "code blocks"}
TOP = "the top of the page"


@dataclass
class _Section:
    name: str
    line: int
    blocks: dict[str, list[str]] = field(default_factory=dict)  # kind: texts, in order


def changes(old: SourcePage, new: SourcePage) -> list[Change]:
    """What changed from `old` to `new`, section by section (a section is known by its heading's id,
    or by its text when it has none), in the order of `new`, removed sections last."""
    before, after = _sections(old), _sections(new)
    found = []
    for key, section in after.items():
        if key not in before:
            found.append(Change("added", section.name, section.line))
            continue
        parts = tuple(KIND_NAMES[kind] for kind in KIND_NAMES
                      if before[key].blocks.get(kind, []) != section.blocks.get(kind, []))
        if parts:
            found.append(Change("changed", section.name, section.line, parts))
    found += [Change("removed", section.name, 0) for key, section in before.items() if key not in after]
    return found


def _sections(page: SourcePage) -> dict[str, _Section]:
    names = {heading.anchor or _words(heading.text): (f"{'#' * heading.level} {heading.text}", heading.line)
             for heading in page.headings}
    sections: dict[str, _Section] = {"": _Section(TOP, 1)}
    for block in blocks(page):
        if block.section not in sections:
            sections[block.section] = _Section(*names.get(block.section, (block.section, block.line)))
        sections[block.section].blocks.setdefault(block.kind, []).append(block.text)
    return sections


def english_history(root: Path, path: Path) -> Iterator[str]:
    """Each version of `path` that git history holds, newest first; nothing without git or history."""
    try:
        log = subprocess.run(["git", "-C", str(root), "log", "--format=", "--raw", "--no-abbrev", "--no-renames",
                              "--", str(path)], capture_output=True, text=True, check=False)
    except OSError:
        return
    if log.returncode:
        return
    for line in log.stdout.splitlines():
        fields = line.split()
        blob = fields[3] if len(fields) > 4 and line.startswith(":") else ""
        if not blob or set(blob) == {"0"}:
            continue  # a deletion
        shown = subprocess.run(["git", "-C", str(root), "cat-file", "blob", blob], capture_output=True, check=False)
        if shown.returncode == 0:
            yield shown.stdout.decode("utf-8", errors="replace")


def translated_text(project: Project, uri: str, record: Record) -> SourcePage | None:
    """The English page as it was when `record` was made, from git history; None when no version
    there has its hash (no git, a tarball, a shallow clone, or a change never committed)."""
    path = project.default.docs_dir / uri
    display = project.display(path)
    for text in english_history(project.root, path):
        page = page_from_text(text, uri, display)
        if digest(page) == record.digest:
            return page
    return None


# The command ---------------------------------------------------------------------------------

def report(project: Project, uris: list[str], show_diff: bool) -> list[str]:
    """A line per page and translation language with its status; for an outdated one, what changed
    in English since its record, and the diff when `show_diff`."""
    wanted = set(uris)
    lines = []
    found = [status for status in project_statuses(project) if not wanted or status.uri in wanted]
    width = max((len(status.uri) for status in found), default=0)
    for entry in found:
        lines.append(f"{entry.uri:<{width}}  {entry.language}  {_describe(entry)}")
        if entry.state is State.OUTDATED:
            lines += _what_changed(project, entry, show_diff)
    counts = {state: sum(1 for entry in found if entry.state is state) for state in State}
    lines.append(", ".join(f"{count} {state}" for state, count in counts.items() if count) or "no pages")
    return lines


def _describe(entry: Status) -> str:
    if entry.state is State.MISSING:
        return f"{entry.state} (allowed: the site serves the English page)" if entry.allowed else str(entry.state)
    if entry.state is State.UNRECORDED:
        why = f": {entry.problem}" if entry.problem else ""
        return f"{entry.state}{why} (check it against the English page, then mark it)"
    return f"{entry.state} (recorded {entry.record.date})"


def _what_changed(project: Project, entry: Status, show_diff: bool) -> list[str]:
    default = project.default
    now = read_page(default.docs_dir / entry.uri, default.docs_dir, project.root, outline=True)
    then = translated_text(project, entry.uri, entry.record)
    if then is None:
        return [f"    the English text of {entry.record.date} is not in the git history here (a tarball or "
                "a shallow clone?): compare with the English page by hand, or 'git fetch --unshallow'"]
    lines = [f"    {change.what}: {change.section}" + (f" (line {change.line})" if change.line else "")
             + (f": {', '.join(change.parts)}" if change.parts else "") for change in changes(then, now)]
    if not lines:
        lines = ["    only what the hash ignores changed: mark it"]
    if show_diff:
        lines += [line.rstrip("\n") for line in difflib.unified_diff(
            [line + "\n" for line in then.text], [line + "\n" for line in now.text],
            f"{now.display} (translated, {entry.record.date})", f"{now.display} (now)")]
    return lines


def run(project: Project, pages: list[str], marks: list[str], mark_all: bool, show_diff: bool,
        day: datetime.date | None = None) -> int:
    """`python -m scripts translations`: 0 after a report or a mark, 2 for a page it cannot mark."""
    try:
        uris = [page_uri(project, given) for given in pages]
        if marks or mark_all:
            chosen = sorted({status.uri for status in project_statuses(project)
                             if status.state is not State.MISSING}) if mark_all \
                else [page_uri(project, given) for given in marks]
            for line in mark(project, chosen, day or datetime.date.today()):
                print(line)
            return 0
    except MarkError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 2
    for line in report(project, uris, show_diff):
        print(line)
    return 0
