"""`python -m scripts import NOTES`: a course's notes become the site's skeleton for them.

Each part, topic and service of the notes (scripts/importer/notes.py) that the site does not cover
yet becomes a page pair from the templates of `make page`, listed in both navs and in its part's
index.md; a new part gets its index.md pair and its section in both navs. What the site covers,
under any of its names (scripts/importer/names.py), is reported with its page and left alone, so
that importing the same notes twice changes nothing the second time. The notes' own text goes
into each new page inside the block the build refuses (scripts/checks/rewrite.py). Everything is
planned and checked before the first write, and the files are written to temporary files first:
a mistake, or a failed write, leaves the project as it was.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

from scripts.findings import render
from scripts.importer import plan as planning
from scripts.importer.notes import PART, NotesError, read
from scripts.page import PageError
from scripts.project import Project

__all__ = ["NotesError", "PageError", "run"]


def run(project: Project, path: Path, dry_run: bool) -> int:
    """Import the notes at `path` (or, with `dry_run`, only print the plan); the exit code."""
    notes = read(path, _shown(project, path))
    plan = planning.make(project, notes)
    if notes.warnings:
        print(render(notes.warnings, "text"), file=sys.stderr)
    for line in report(project, plan):
        print(line)
    if dry_run:
        print(f"dry run: {len(plan.changes)} file(s) to write, nothing written")
        return 0
    if not plan.changes:
        print("nothing to write: the site covers every part, topic and service of the notes")
    for written in write(plan.changes):
        print(f"wrote {project.display(written)}")
    return 0


def report(project: Project, plan: planning.Plan) -> list[str]:
    """What each note is, in which language, and what the import does with it; then each change."""
    lines = [f"{plan.notes.display}: {plan.notes.title or '(no course title)'}"]
    for entry in plan.entries:
        note = entry.note
        renamed = f" -> {entry.spelled}" if entry.spelled != note.name else ""
        spoken = entry.language or "language unknown"
        outcome = f"new {'part' if note.kind == PART else 'page'} {entry.page}" if entry.new \
            else f"covered by {entry.page}"
        details = "".join(f"; {detail}" for detail in entry.details)
        lines.append(f"{plan.notes.display}:{note.line}: {note.kind} '{note.name}'{renamed} ({spoken}): "
                     f"{outcome}{details}")
    created = {entry.page for entry in plan.entries if entry.new}
    covered = {entry.page for entry in plan.entries if not entry.new}
    lines.append(f"{len(created)} new, {len(covered)} covered, {len(plan.notes.warnings)} warning(s)")
    order = sorted(plan.changes, key=lambda path: (path.exists(), path.suffix == ".md", project.display(path)))
    return lines + [line for path in order for line in _change(project, path, plan.changes[path])]


def _change(project: Project, path: Path, text: str) -> list[str]:
    """A new file in one line; an edited one as its added and changed lines, at their new line numbers."""
    shown = project.display(path)
    if not path.exists():
        return [f"{shown}: new file"]
    old, new = path.read_text(encoding="utf-8").split("\n"), text.split("\n")
    lines = []
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("insert", "replace"):
            mark = "+" if tag == "insert" else "~"
            lines += [f"{shown}:{number + 1}: {mark} {new[number].strip()}" for number in range(j1, j2)]
    return lines


def write(changes: dict[Path, str]) -> list[Path]:
    """Write every file, or none: each text goes to a temporary file beside its target first, and
    only when all are written do they replace their targets."""
    temporary: dict[Path, Path] = {}
    made: list[Path] = []
    try:
        for path, text in changes.items():
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            temporary[path] = path.with_name(f".{path.name}.import-{os.getpid()}")
            temporary[path].write_text(text, encoding="utf-8")
    except OSError:
        for partial in temporary.values():
            partial.unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()
        raise
    for path, partial in temporary.items():
        os.replace(partial, path)
    return list(changes)


def _shown(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)
