"""A course's notes, in the shape of the seed the site came from: what they name, at which line.

A `#` title for the course, `##` for each part, `###` for each topic, and `- **Service name**:` for
each service, its text on the lines indented below it. Text under a part or a topic, up to the
next heading or service, belongs to it. A heading without its name, a line that starts like a
service but is not one, or a topic before any part is reported as a warning at its line and left
out: the rest of the notes still counts. A file that holds none of it (binary, not UTF-8, no
heading) is not notes: NotesError says so in one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.checks.template import SERVICE as SERVICE_KIND
from scripts.findings import Finding, Severity
from scripts.page import PART, TOPIC

CODE = "import"
HEADING = re.compile(r"^(?P<hashes>#{1,3})(?:[ \t]+(?P<name>.*?))?[ \t#]*$")
NO_SPACE_HEADING = re.compile(r"^#{1,3}[^#\s]")
SERVICE = re.compile(r"^[-*+][ \t]+\*\*(?P<name>[^*]+?)(?:\*\*[ \t]*:|:[ \t]*\*\*)[ \t]*(?P<rest>.*)$")
LOOKS_LIKE_SERVICE = re.compile(r"^[-*+][ \t]+\*\*")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
BINARY_SAMPLE = 8192


class NotesError(Exception):
    """The file is not notes at all: one line, `path:line: message (hint)`."""


@dataclass
class Note:
    """A part, a topic or a service, with the notes' own text under it."""

    kind: str  # PART, TOPIC or SERVICE_KIND
    name: str  # as the notes write it
    line: int
    text: list[str] = field(default_factory=list)  # its lines, dedented, without blank lines at the ends
    lead: str = ""  # the text on the item's own line, after `**Name**:`


@dataclass
class Part:
    note: Note
    notes: list[Note] = field(default_factory=list)  # its topics and services, in order


@dataclass
class Notes:
    display: str
    title: str | None
    parts: list[Part]
    warnings: list[Finding]


def read(path: Path, display: str) -> Notes:
    """The notes of the file at `path`, shown as `display`; NotesError if it holds none."""
    return parse(_decode(path, display), display)


def _decode(path: Path, display: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise NotesError(f"{display}: cannot read it: {(error.strerror or str(error)).lower()} "
                         "(give the path of a Markdown notes file)") from None
    if b"\0" in raw[:BINARY_SAMPLE]:
        raise NotesError(f"{display}:1: a binary file, not notes (give a Markdown notes file)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise NotesError(f"{display}:{line}: not valid UTF-8 (save the notes as UTF-8)") from None


def parse(text: str, display: str) -> Notes:
    notes = Notes(display, None, [], [])
    current: Note | None = None
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if fence is None and (opened := FENCE.match(line)):
            fence = opened[1]
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            step = _structure(notes, number, line)
            if step is not False:
                current = step
                continue
        if current is not None:
            current.text.append(line)
    if not notes.parts and notes.title is None:
        raise NotesError(f"{display}:1: no heading: notes have a '# Course' title, '## Part' and '### Topic' "
                         "headings and '- **Service name**:' items")
    for part in notes.parts:
        for note in [part.note, *part.notes]:
            note.text = [note.lead] * bool(note.lead) + _tidy(note.text)
    return notes


def _structure(notes: Notes, number: int, line: str) -> Note | bool | None:
    """The note `line` opens (None when it opens nothing to add text to), or False when it is text."""
    heading = HEADING.match(line)
    if heading:
        return _heading(notes, number, len(heading["hashes"]), (heading["name"] or "").strip())
    service = SERVICE.match(line)
    if service:
        note = Note(SERVICE_KIND, service["name"].strip(), number, lead=service["rest"].strip())
        return _in_part(notes, note)
    if NO_SPACE_HEADING.match(line):
        notes.warnings.append(_warning(notes, number, "a heading without a space after its '#': read as text",
                                       "write '## Part' or '### Topic', with a space"))
    elif LOOKS_LIKE_SERVICE.match(line):
        notes.warnings.append(_warning(notes, number, "a service item not in the form '- **Name**:': read as text",
                                       "write '- **Service name**:' and its text on the lines below, indented"))
    return False


def _heading(notes: Notes, number: int, level: int, name: str) -> Note | None:
    name = name.rstrip(" .").strip()
    if not name:
        notes.warnings.append(_warning(notes, number, "a heading without a name: left out",
                                       "name the part or topic, or delete the line"))
        return None
    if level == 1:
        notes.title = notes.title or name
        return None
    if level == 2:
        part = Part(Note(PART, name, number))
        notes.parts.append(part)
        return part.note
    return _in_part(notes, Note(TOPIC, name, number))


def _in_part(notes: Notes, note: Note) -> Note | None:
    if not notes.parts:
        notes.warnings.append(_warning(notes, note.line, f"the {note.kind} '{note.name}' comes before any part: "
                                       "left out", "put a '## Part' heading above it"))
        return None
    notes.parts[-1].notes.append(note)
    return note


def _warning(notes: Notes, line: int, message: str, hint: str) -> Finding:
    return Finding(notes.display, line, 1, CODE, message, hint, Severity.WARNING)


def _tidy(lines: list[str]) -> list[str]:
    """The lines without trailing spaces, tabs expanded, their common indentation removed, and no
    blank line at either end."""
    lines = [line.expandtabs(4).rstrip() for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line), default=0)
    return [line[indent:] for line in lines]
