"""What importing notes does: for each part, topic and service, the page that covers it or the page
pair to create, and the new text of every file, before anything is written.

A service has one page on the whole site; a topic is one module's (every module has its
"Conclusion"), so it is looked for in its part only. Two notes that name the same new page make one
page, each language's notes going to that language's page. The pages, nav entries and index lines
come from scripts/page.py, each plan reading the texts of the plans before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scripts.checks import rewrite, typography
from scripts.checks.navigation import nav_pages
from scripts.checks.template import SERVICE, TAGS_KEY, TYPE_KEY, category_names
from scripts.importer import language as languages
from scripts.importer import names
from scripts.importer.notes import PART, SERVICE_KIND, Note, Notes
from scripts.page import PART_INDEX, TOPIC, PartRequest, Request, plan_part
from scripts.page import plan as plan_page
from scripts.project import Project
from scripts.sources import SourcePage, read_page, read_text


@dataclass
class Entry:
    """One note, and what the import does with it."""

    note: Note
    spelled: str  # the name as AWS spells it
    language: str | None  # the code of the language it is written in; None when it does not say
    page: str  # the page that covers it, or the page (a part: its index.md) to create
    new: bool
    details: list[str] = field(default_factory=list)


@dataclass
class _NewPage:
    """A page pair (or a part's index pair) to create, with the notes of every language for it."""

    path: str
    kind: str
    title: str
    texts: dict[str | None, list[str]] = field(default_factory=dict)  # by language code
    after: str | None = None
    category: str | None = None


@dataclass
class Plan:
    notes: Notes
    entries: list[Entry]
    changes: dict[Path, str]  # the new text of every file to write


class _Planner:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.spelling = names.spelling(project)
        self.site = names.site(project)
        self.listed = set(nav_pages(project.default.config.nav))
        self.codes = [language.code for language in project.languages]
        self.parts: dict[str, _NewPage] = {}  # new parts, by folder
        self.pages: dict[str, _NewPage] = {}  # new pages, by path
        self.planned: dict[tuple[str | None, str], tuple[str, int]] = {}  # (scope, key) -> (path, first line)
        self.entries: list[Entry] = []

    def part(self, note: Note) -> str:
        """The folder of the part the note names, new or not; its entry is added."""
        spelled = self._spelled(note)
        found = self.site.part(spelled) or self.site.part(note.name)
        if found:
            folder, page = found
            details = [] if page is None else [f"its part is {folder}"]
            self._entry(note, page or f"{folder}/{PART_INDEX}", False, details)
            return folder
        folder, same = self._new(PART, spelled, names.slug(spelled, product=False), note, PART)
        if same is None:
            self.parts[folder] = _NewPage(f"{folder}/{PART_INDEX}", PART, spelled)
        self._notes(self.parts[folder], note, same)
        return folder

    def note(self, note: Note, folder: str, previous: str | None) -> str | None:
        """The page of a topic or service of the part `folder`, new or not; the entry is added."""
        product = note.kind == SERVICE_KIND
        spelled = self._spelled(note)
        scope = None if product else folder
        page = self.site.page(spelled, scope) or self.site.page(note.name, scope)
        if page:
            self._entry(note, page, False, [])
            return page if page.startswith(folder + "/") and page in self.listed else previous
        stem, same = self._new(scope, spelled, names.slug(spelled, product), note, folder)
        path = f"{folder}/{stem}.md" if same is None else stem
        if same is None:
            kind = SERVICE if product else TOPIC
            self.pages[path] = _NewPage(path, kind, spelled, after=previous,
                                        category=self._category(folder) if product else None)
        self._notes(self.pages[path], note, same)
        return path if path.startswith(folder + "/") else previous

    def _new(self, scope: str | None, spelled: str, stem: str, note: Note, where: str) -> tuple[str, int | None]:
        """A free name for a new page or part (a folder, or a stem in the part `where`), or the path
        planned for an earlier note of the same name in the same `scope` (PART for parts, a part's
        folder for its topics, None for services), with its line."""
        same_name = (scope, names.key(spelled) or names.fold(spelled))  # "AWS" alone has no key
        earlier = self.planned.get(same_name)
        if earlier:
            return earlier[0], earlier[1]
        taken = self._taken(where)
        name, number = stem, 2
        while name in taken:
            name, number = f"{stem}-{number}", number + 1
        self.planned[same_name] = (name if where == PART else f"{where}/{name}.md", note.line)
        return name, None

    def _taken(self, where: str) -> set[str]:
        """The names in use: folders of docs/<lang>/, or stems of a part's folder, on disk or planned."""
        if where == PART:
            return {path.name for language in self.project.languages for path in language.docs_dir.iterdir()} \
                | set(self.parts)
        return {path.stem for language in self.project.languages for path in (language.docs_dir / where).glob("*")} \
            | {Path(path).stem for path in self.pages if path.startswith(where + "/")}

    def _notes(self, page: _NewPage, note: Note, same: int | None) -> None:
        """The note's text added to the new page's notes in its language, and its entry."""
        if note.text:
            texts = page.texts.setdefault(self._language(note), [])
            texts += [""] * bool(texts) + [self.spelling.text(line) for line in note.text]
        details = [f"same page as line {same}"] if same else []
        if same is None and page.category:
            details.append(f"category {page.category}, as most service pages of the part: check it")
        self._entry(note, page.path, True, details)

    def _entry(self, note: Note, page: str, new: bool, details: list[str]) -> None:
        self.entries.append(Entry(note, self._spelled(note), self._language(note), page, new, details))

    def _spelled(self, note: Note) -> str:
        """A service's name as AWS spells it; a part's or topic's with every product in it so spelt."""
        return self.spelling.name(note.name) if note.kind == SERVICE_KIND else self.spelling.text(note.name)

    def _language(self, note: Note) -> str | None:
        code = languages.detect("\n".join([note.name, *note.text]))
        return code if code in self.codes else None

    def _category(self, folder: str) -> str | None:
        """The category most service pages of the part list, else of the site: a guess to check."""
        default = self.project.default
        names_ = category_names(default.config.extra.get("categories"), default.code)
        counts: Counter[str] = Counter()
        for pattern in (f"{folder}/*.md", "*/*.md"):
            for path in sorted(default.docs_dir.glob(pattern)):
                meta = read_page(path, default.docs_dir, self.project.root, outline=True).meta
                if meta.get(TYPE_KEY) == SERVICE and isinstance(meta.get(TAGS_KEY), list):
                    counts.update(tag for tag in meta[TAGS_KEY] if tag in names_)
            if counts:
                break
        ranked = sorted(names_, key=lambda name: (-counts[name], names_.index(name)))
        return ranked[0] if ranked else None  # no categories: plan() says a service page needs one

    def changes(self) -> dict[Path, str]:
        """The text of every file the new parts and pages write, in every language."""
        pending: dict[Path, str] = {}
        for folder, part in self.parts.items():
            titles = self._titles(part.title)
            pending = plan_part(self.project, PartRequest(folder, titles[self.codes[0]], titles, self._blocks(part)),
                                pending)
        for path, page in self.pages.items():
            titles = self._titles(page.title)
            request = Request(path, page.kind, titles[self.codes[0]], titles,
                              [page.category] if page.category else [], page.after, self._blocks(page))
            pending = plan_page(self.project, request, pending)
        return pending

    def _titles(self, title: str) -> dict[str, str]:
        """The title in every language, with that language's typography: the notes give one."""
        return {code: _typeset(title, code) for code in self.codes}

    def _blocks(self, page: _NewPage) -> dict[str, str]:
        """The block of notes to rewrite in every language: that language's notes when there are
        some, else all of them (the writer translates)."""
        everything = [line for lines in page.texts.values() for line in [*lines, ""]][:-1]
        blocks = {}
        for language in self.project.languages:
            own = page.texts.get(language.code)
            lines = own + [""] + page.texts[None] if own and page.texts.get(None) else own or everything
            if lines:
                blocks[language.code] = rewrite.block(rewrite.kind_of(language), lines)
        return blocks


def _typeset(title: str, code: str) -> str:
    """`title` with the typography of the language `code`, as the build wants it."""
    page = read_text(SourcePage(Path(), "", ""), f"# {title}")
    return typography.fixed_text(page, code)[0].removeprefix("# ")


def make(project: Project, notes: Notes) -> Plan:
    """The plan for `notes`: a PageError if a page or a nav cannot take it; nothing is written."""
    planner = _Planner(project)
    for part in notes.parts:
        folder = planner.part(part.note)
        previous = None
        for note in part.notes:
            previous = planner.note(note, folder, previous)
    return Plan(notes, planner.entries, planner.changes())
