"""`python -m scripts page`: start a page in every language, with every place that lists it.

A new page takes the same file under each docs/<lang>/, the same nav entry in each mkdocs*.yml and a
line in its part's index.md list, in every language: easy to get half right by hand. This writes
them all from the templates of scripts/page_templates/<lang>/ (TODO wherever text goes, and a page
that already passes every check), editing the YAML and Markdown as text so that comments and layout
stay. Every argument is checked and every new text is ready before the first write: a mistake
changes nothing. `make import` (scripts/importer/) plans many pages, and new parts (plan_part, from
the `part` template), with the same functions, each plan reading what the ones before it will write.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import yaml

from scripts.checks.context import did_you_mean_page
from scripts.checks.navigation import nav_pages
from scripts.checks.template import SERVICE, category_names, template_of
from scripts.project import Language, Project
from scripts.translations import keep_records

TOPIC = "topic"  # the template of a page that is not a service
KINDS = (SERVICE, TOPIC)
TEMPLATES = Path(__file__).resolve().parent / "page_templates"
INDEX_LINE = "index-line"
PART = "part"  # the template of a part's index.md
PART_INDEX = "index.md"
PAGE_PATH = re.compile(r"^(?P<part>[a-z0-9][a-z0-9-]*)/(?P<name>[a-z0-9][a-z0-9-]*)\.md$")
NAV_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?:.*:[ \t]+)?(?P<uri>[\w./-]+\.md)[ \t]*(?:#.*)?$")
TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_]")
HEADING = re.compile(r"^#{1,6}[ \t]")
LIST_ITEM = re.compile(r"^(?:(?P<number>\d+)\.|-)[ \t]+")


class PageError(Exception):
    """An argument that cannot be honoured: one line, and nothing written."""


@dataclass(frozen=True)
class Request:
    path: str  # <part>/<name>.md, the same in every language
    kind: str | None
    title: str | None
    titles: dict[str, str] = field(default_factory=dict)  # by language code, where it differs
    categories: list[str] = field(default_factory=list)  # in any language
    after: str | None = None
    notes: dict[str, str] = field(default_factory=dict)  # by language code: Markdown put under the title


@dataclass(frozen=True)
class PartRequest:
    """A new part: its folder below docs/<lang>/, its title in the default language, and where it differs."""

    folder: str
    title: str
    titles: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def scaffold(project: Project, request: Request) -> list[Path]:
    """Write the page and list it everywhere; return the files written, in the order written."""
    changes = plan(project, request)
    for path, text in changes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(changes)


def plan(project: Project, request: Request, pending: dict[Path, str] | None = None) -> dict[Path, str]:
    """The new text of every file to write, after checking every argument. `pending` holds the texts
    that earlier plans of the same run will write (`make import` plans several pages at once): this
    plan reads them instead of the files, and returns them with its own."""
    pending = pending or {}
    part, name = _parse_path(request.path)
    kind = _kind(request.kind)
    if not (request.title or "").strip():
        raise PageError("--title is required: the page's title in " + project.default.name)
    _known_part(project, part, pending)
    _not_there(project, request.path, pending)
    after = _after(project, part, request.after, pending)
    categories = _categories(project, kind, request.categories)
    titles = {language.code: (request.titles.get(language.code) or request.title).strip()
              for language in project.languages}
    changes = dict(pending)
    changes |= {language.docs_dir / request.path: _with_notes(_page_text(language, kind, titles[language.code],
                                                                         categories),
                                                              request.notes.get(language.code, ""))
                for language in project.languages}
    changes |= {language.config_file: _with_nav_entry(project, language, part, request.path, after, pending)
                for language in project.languages}
    changes |= {language.docs_dir / part / PART_INDEX: _with_index_line(project, language, part, name,
                                                                        titles[language.code], after, pending)
                for language in project.languages}
    return keep_records(project, changes, datetime.date.today())


def plan_part(project: Project, request: PartRequest, pending: dict[Path, str] | None = None) -> dict[Path, str]:
    """A new part: its index.md in every language from the `part` template, with an empty list of
    pages, and its section in every nav, after the last part. `pending` as for plan()."""
    pending = pending or {}
    if not PAGE_PATH.match(f"{request.folder}/{PART_INDEX}") or not request.title.strip():
        raise PageError(f"'{request.folder}' is not a part's folder in lowercase letters, digits and hyphens, "
                        "with a title")
    if request.folder in _parts(project, pending):
        raise PageError(f"the part '{request.folder}' exists: nothing changed")
    _not_there(project, f"{request.folder}/{PART_INDEX}", pending)
    changes = dict(pending)
    for language in project.languages:
        title = (request.titles.get(language.code) or request.title).strip()
        text = _template(language, PART).substitute(front_title=_yaml_scalar(title), title=title,
                                                    section=language.config.extra.get("part_pages_section"))
        changes[language.docs_dir / request.folder / PART_INDEX] = _with_notes(text, request.notes.get(language.code,
                                                                                                       ""))
        changes[language.config_file] = _with_nav_section(project, language, request.folder, title, pending)
    return keep_records(project, changes, datetime.date.today())


def _read(path: Path, pending: dict[Path, str]) -> str:
    """The text a file will have: as an earlier plan of the same run leaves it, else as it is."""
    return pending[path] if path in pending else path.read_text(encoding="utf-8")


def _parse_path(path: str) -> tuple[str, str]:
    match = PAGE_PATH.match(path)
    if not match:
        raise PageError(f"'{path}' is not <part>/<name>.md in lowercase letters, digits and hyphens, "
                        "such as app-services/sqs.md")
    return match["part"], match["name"]


def _kind(kind: str | None) -> str:
    if kind not in KINDS:
        shown = f"unknown kind '{kind}'" if kind else "--kind is required"
        raise PageError(f"{shown}: use one of {', '.join(KINDS)}")
    return kind


def parts(project: Project) -> list[str]:
    """The folders the default nav lists an index.md of: the parts of the site."""
    return [uri.removesuffix("/" + PART_INDEX) for uri in nav_pages(project.default.config.nav)
            if uri.endswith("/" + PART_INDEX) and uri.count("/") == 1]


def _parts(project: Project, pending: dict[Path, str]) -> list[str]:
    """The parts of the site, with those an earlier plan of the same run adds to the nav."""
    listed = _nav_items(_read(project.default.config_file, pending).split("\n")) if pending else {}
    added = [uri.removesuffix("/" + PART_INDEX) for uri in listed
             if uri.endswith("/" + PART_INDEX) and uri.count("/") == 1]
    return parts(project) + [part for part in added if part not in parts(project)]


def _known_part(project: Project, part: str, pending: dict[Path, str]) -> None:
    known = _parts(project, pending)
    if part not in known:
        match = difflib.get_close_matches(part, known, n=1, cutoff=0.6)
        hint = f"did you mean '{match[0]}'? " if match else ""
        raise PageError(f"unknown part '{part}': {hint}the parts are {', '.join(known)}")


def _not_there(project: Project, path: str, pending: dict[Path, str]) -> None:
    for language in project.languages:
        if (language.docs_dir / path).exists() or language.docs_dir / path in pending:
            raise PageError(f"{project.display(language.docs_dir / path)} already exists: nothing changed")


def _after(project: Project, part: str, after: str | None, pending: dict[Path, str]) -> str | None:
    """The page of the part to follow, as the nav lists it; None for the end of the part."""
    if after is None:
        return None
    after = after if "/" in after else f"{part}/{after}"
    after = after if after.endswith(".md") else f"{after}.md"
    planned = _nav_items(_read(project.default.config_file, pending).split("\n")) if pending else {}
    listed = [uri for uri in [*nav_pages(project.default.config.nav), *planned] if uri.startswith(part + "/")]
    listed = list(dict.fromkeys(listed))
    if after not in listed:
        hint = did_you_mean_page(after, listed) or f"the part lists {', '.join(listed)}"
        raise PageError(f"--after '{after}' is not a page of the part '{part}' in the nav: {hint}")
    return after


def _categories(project: Project, kind: str, wanted: list[str]) -> list[int]:
    """The index in extra.categories of each category asked for, named in any language."""
    if kind != SERVICE:
        if wanted:
            raise PageError(f"--category is for service pages only: a {kind} page has no categories")
        return []
    template = template_of(project.default)
    if not template.fewest <= len(wanted) <= template.most:
        raise PageError(f"{len(wanted)} categories: a service page has {template.how_many}, each given with "
                        f"--category, such as --category '{next(iter(template.categories), '')}'")
    entries = project.default.config.extra.get("categories") or []
    index = {name: number for language in project.languages
             for number, name in enumerate(category_names(entries, language.code))}
    unknown = [name for name in wanted if name not in index]
    if unknown:
        match = difflib.get_close_matches(unknown[0], list(index), n=1, cutoff=0.6)
        hint = f"did you mean '{match[0]}'?" if match else f"use one of {', '.join(template.categories)}"
        raise PageError(f"unknown category '{unknown[0]}': {hint}")
    numbers = [index[name] for name in wanted]
    if len(set(numbers)) < len(numbers):
        raise PageError(f"the same category twice: {', '.join(wanted)}")
    return numbers


def _template(language: Language, stem: str) -> Template:
    path = TEMPLATES / language.code / f"{stem}.md"
    if not path.is_file():
        raise PageError(f"no template {path.relative_to(TEMPLATES.parent.parent)} for {language.name}")
    return Template(path.read_text(encoding="utf-8"))


def _page_text(language: Language, kind: str, title: str, categories: list[int]) -> str:
    names = category_names(language.config.extra.get("categories"), language.code)
    tags = "\n".join(f"  - {_yaml_scalar(names[number])}" for number in categories)
    return _template(language, kind).substitute(front_title=_yaml_scalar(title), title=title, tags=tags)


def _with_notes(text: str, notes: str) -> str:
    """`text` with `notes`, a block of Markdown, right under its `#` title: the first thing a writer sees."""
    if not notes.strip():
        return text
    lines = text.split("\n")
    title = next(number for number, line in enumerate(lines) if HEADING.match(line) and line.startswith("# "))
    return "\n".join([*lines[:title + 1], "", notes.strip("\n"), *lines[title + 1:]])


def _yaml_scalar(text: str) -> str:
    """`text` as YAML reads it back: as written when it can be, else double-quoted."""
    try:
        plain = yaml.safe_load(text) == text and "\n" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _with_nav_entry(project: Project, language: Language, part: str, path: str, after: str | None,
                    pending: dict[Path, str]) -> str:
    """The config with `path` in its nav, after `after` or after the last page of the part."""
    lines = _read(language.config_file, pending).split("\n")
    items = _nav_items(lines)
    config = project.display(language.config_file)
    index = items.get(f"{part}/{PART_INDEX}")
    if index is None:
        raise PageError(f"the nav of {config} has no '{part}/{PART_INDEX}': list the part there first")
    indent = _indent(lines[index])
    if after is not None:
        if after not in items:
            raise PageError(f"the nav of {config} has no '{after}': make the navs match first")
        anchor = items[after]
    else:
        anchor = max(line for uri, line in items.items()
                     if uri.startswith(part + "/") and _indent(lines[line]) == indent)
    lines.insert(anchor + 1, f"{indent}- {path}")
    return "\n".join(lines)


def _nav_items(lines: list[str]) -> dict[str, int]:
    """The line of each page in the `nav:` block, by its path."""
    start = next((number for number, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    items: dict[str, int] = {}
    if start is None:
        return items
    for number in range(start + 1, len(lines)):
        if TOP_LEVEL_KEY.match(lines[number]):
            break
        item = NAV_ITEM.match(lines[number])
        if item:
            items.setdefault(item["uri"], number)
    return items


def _with_nav_section(project: Project, language: Language, folder: str, title: str,
                      pending: dict[Path, str]) -> str:
    """The config with a section for the part `folder`, holding its index.md, after the last part,
    indented as that part is."""
    lines = _read(language.config_file, pending).split("\n")
    items = _nav_items(lines)
    known = _parts(project, pending)
    part_lines = [line for uri, line in items.items() if uri.split("/")[0] in known and "/" in uri]
    if not part_lines:
        raise PageError(f"the nav of {project.display(language.config_file)} has no part to put a new one after")
    last = max(part_lines)
    last_part = next(uri.split("/")[0] for uri, line in items.items() if line == last)
    first = items.get(f"{last_part}/{PART_INDEX}", last)
    label = next(lines[number] for number in range(first, -1, -1)
                 if len(_indent(lines[number])) < len(_indent(lines[first])))
    lines[last + 1:last + 1] = [f"{_indent(label)}- {_yaml_scalar(title)}:",
                                f"{_indent(lines[first])}- {folder}/{PART_INDEX}"]
    return "\n".join(lines)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _with_index_line(project: Project, language: Language, part: str, name: str, title: str,
                     after: str | None, pending: dict[Path, str]) -> str:
    """The part's index.md with a line for the page in its list of pages, numbered if the list is."""
    index = language.docs_dir / part / PART_INDEX
    section = language.config.extra.get("part_pages_section")
    lines = _read(index, pending).split("\n")
    items = _list_items(lines, section)
    if not items:
        return _with_first_index_line(project, language, index, lines, name, title)
    after_link = f"]({after.split('/', 1)[1]})" if after else None
    position = next((number + 1 for number, (start, end) in enumerate(items)
                     if after_link and after_link in "\n".join(lines[start:end])), len(items))
    numbered = LIST_ITEM.match(lines[items[0][0]])["number"] is not None
    line = _template(language, INDEX_LINE).substitute(title=title, name=f"{name}.md").strip()
    lines.insert(items[position - 1][1], f"{position + 1}. {line}" if numbered else f"- {line}")
    if numbered:
        for number, (start, _end) in enumerate(items[position:], position + 2):
            start += 1  # below the inserted line
            lines[start] = LIST_ITEM.sub(f"{number}. ", lines[start], count=1)
    return "\n".join(lines)


def _with_first_index_line(project: Project, language: Language, index: Path, lines: list[str], name: str,
                           title: str) -> str:
    """A part's index.md whose section of pages has no list yet (a new part) with its first line."""
    section = language.config.extra.get("part_pages_section")
    heading = _section_heading(lines, section)
    if heading is None:
        raise PageError(f"{project.display(index)} has no list of pages under a heading {{ #{section} }}")
    line = _template(language, INDEX_LINE).substitute(title=title, name=f"{name}.md").strip()
    lines[heading + 1:heading + 1] = ["", f"1. {line}"]
    return "\n".join(lines)


def _section_heading(lines: list[str], section: str | None) -> int | None:
    return next((number for number, line in enumerate(lines)
                 if section and HEADING.match(line) and f"{{ #{section} }}" in line), None)


def _list_items(lines: list[str], section: str | None) -> list[tuple[int, int]]:
    """(first line, line after the last) of each item of the first list under `{ #section }`."""
    items: list[tuple[int, int]] = []
    heading = _section_heading(lines, section)
    if heading is None:
        return items
    for number in range(heading + 1, len(lines)):
        line = lines[number]
        if HEADING.match(line):
            break
        if LIST_ITEM.match(line):
            items.append((number, number + 1))
        elif items and line.startswith((" ", "\t")):
            items[-1] = (items[-1][0], number + 1)
        elif items and line.strip():
            break
    return items
