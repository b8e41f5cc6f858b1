"""Service pages follow the template of the contributor page, as mkdocs.yml describes it.

Parity only keeps the languages alike: a pricing section dropped from both, or a category nobody
else uses, passed. A page whose front matter says `type: service` is held here to
`extra.service_page` (its sections in order, the admonitions and content tabs some of them hold, how
many categories it has) and its categories to `extra.categories`, named in the page's language. A
page with `tags` but no `type: service` is reported too, so that no service page skips the template
by leaving out its marker.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.checks.context import Context, did_you_mean
from scripts.checks.navigation import line_of
from scripts.findings import Finding
from scripts.project import Language
from scripts.sources import SourcePage

TYPE_KEY = "type"
SERVICE = "service"
TAGS_KEY = "tags"
TAB = "tab"  # the kind of line (scripts/sources.py) that opens a content tab


@dataclass(frozen=True)
class Template:
    """extra.service_page and extra.categories, in one language."""

    sections: list[str]
    admonitions: dict[str, list[str]]  # section id -> admonition types
    tabs: dict[str, list[str]]  # section id -> tab titles in this language
    fewest: int
    most: int
    categories: list[str]  # in this language
    translations: dict[str, str]  # a category in another language -> its name in this one

    @property
    def how_many(self) -> str:
        """How many categories a service page has, in words: '1 or 2'."""
        joint = "or" if self.most == self.fewest + 1 else "to"
        return f"{self.fewest} {joint} {self.most}"


def template_of(language: Language) -> Template:
    """The template as `language` reads it: its tab titles and category names are that language's."""
    extra = language.config.extra
    shape = extra.get("service_page") or {}
    count = shape.get("categories") or {}
    entries = [entry for entry in extra.get("categories") or [] if isinstance(entry, dict)]
    names = category_names(entries, language.code)
    translations = {str(other): name for entry, name in zip(entries, names, strict=True)
                    for code, other in entry.items() if code != language.code}
    return Template(
        sections=[str(section) for section in shape.get("sections") or []],
        admonitions={str(section): [str(kind) for kind in kinds]
                     for section, kinds in (shape.get("admonitions") or {}).items()},
        tabs={str(section): [str(tab.get(language.code, "")) for tab in tabs]
              for section, tabs in (shape.get("tabs") or {}).items()},
        fewest=int(count.get("min", 0)),
        most=int(count.get("max", 0)) or max(len(names), 1),  # no maximum: at most every category
        categories=names,
        translations=translations,
    )


def category_names(categories: list | None, code: str) -> list[str]:
    """The name of each of extra.categories in the language `code`."""
    return [str(entry.get(code, "")) for entry in categories or [] if isinstance(entry, dict)]


def check(context: Context) -> list[Finding]:
    findings = _category_data(context)
    for language in context.project.languages:
        template = template_of(language)
        for page in context.sources[language.code]:
            if page.problems:
                continue
            findings += _marker(page)
            if page.meta.get(TYPE_KEY) == SERVICE:
                findings += _service_page(page, template, language)
    return findings


def _category_data(context: Context) -> list[Finding]:
    """Every category is named in every language: a missing name would fail every page using it."""
    project = context.project
    findings = []
    for entry in project.default.config.extra.get("categories") or []:
        missing = [language.name for language in project.languages
                   if not isinstance(entry, dict) or not str(entry.get(language.code, "")).strip()]
        if missing:
            shown = next(iter(entry.values()), "") if isinstance(entry, dict) else str(entry)
            findings.append(Finding(
                project.display(project.default.config_file), *line_of(project.default.config_file, str(shown)),
                "template", f"the category '{shown}' of extra.categories has no name in {', '.join(missing)}",
                "write it as {" + ", ".join(f"{language.code}: ..." for language in project.languages) + "}",
            ))
    return findings


def _marker(page: SourcePage) -> list[Finding]:
    kind = page.meta.get(TYPE_KEY)
    if kind is not None and kind != SERVICE:
        return [Finding(page.display, page.meta_lines.get(TYPE_KEY, 1), 1, "template",
                        f"unknown page type '{kind}'",
                        f"write '{TYPE_KEY}: {SERVICE}' on a service page; other pages have no '{TYPE_KEY}'")]
    if kind is None and TAGS_KEY in page.meta:
        return [Finding(page.display, page.meta_lines[TAGS_KEY], 1, "template",
                        "the page lists categories but is not marked as a service page",
                        f"add '{TYPE_KEY}: {SERVICE}' to its front matter, or remove '{TAGS_KEY}' if it is not "
                        "a service page")]
    return []


def _service_page(page: SourcePage, template: Template, language: Language) -> list[Finding]:
    return _sections(page, template) + _admonitions(page, template) + _tabs(page, template) \
        + _categories(page, template, language)


def _sections(page: SourcePage, template: Template) -> list[Finding]:
    """Each section of the template, as a `##` heading with its id, after the one before it."""
    sections = [heading for heading in page.headings if heading.level == 2]
    position = {heading.anchor: index for index, heading in reversed(list(enumerate(sections))) if heading.anchor}
    order = ", ".join(template.sections)
    findings = []
    previous: tuple[str, int] | None = None
    for wanted in template.sections:
        index = position.get(wanted)
        if index is None:
            findings.append(_missing_section(page, wanted, previous, sections))
        elif previous and index < previous[1]:
            heading = sections[index]
            findings.append(Finding(page.display, heading.line, heading.col, "template",
                                    f"the section #{wanted} comes before #{previous[0]}",
                                    f"move it after #{previous[0]}: the sections go {order}"))
        else:
            previous = (wanted, index)
    return findings


def _missing_section(page: SourcePage, wanted: str, previous: tuple[str, int] | None, sections: list) -> Finding:
    other_level = next((heading for heading in page.headings if heading.anchor == wanted), None)
    if other_level:
        return Finding(page.display, other_level.line, other_level.col, "template",
                       f"the section #{wanted} is a level-{other_level.level} heading",
                       "make it a '##' heading, as every section of the template is")
    place = sections[previous[1]] if previous else (page.headings[0] if page.headings else None)
    where = f"after the section #{previous[0]}" if previous else "first, after the summary sentence"
    return Finding(page.display, place.line if place else 1, 1, "template", f"no section with the id #{wanted}",
                   f"add '## ... {{ #{wanted} }}' {where}")


def section_span(page: SourcePage, section: str) -> tuple[int, int] | None:
    """The lines of a `##` section, from its heading to the next heading of level 2 or less."""
    for index, heading in enumerate(page.headings):
        if heading.level == 2 and heading.anchor == section:
            end = next((later.line for later in page.headings[index + 1:] if later.level <= 2), 10**9)
            return heading.line, end
    return None


def _admonitions(page: SourcePage, template: Template) -> list[Finding]:
    findings = []
    for section, kinds in template.admonitions.items():
        span = section_span(page, section)
        if span is None:
            continue  # reported as a missing section
        found = {admonition.kind for admonition in page.admonitions if span[0] < admonition.line < span[1]}
        findings += [Finding(page.display, span[0], 1, "template", f"no '{kind}' admonition under #{section}",
                             f"add '!!! {kind}' to the section, its text indented by 4 spaces")
                     for kind in kinds if kind not in found]
    return findings


def _tabs(page: SourcePage, template: Template) -> list[Finding]:
    findings = []
    for section, wanted in template.tabs.items():
        span = section_span(page, section)
        if span is None:
            continue
        found = {line.label for line in page.lines if line.kind == TAB and span[0] < line.number < span[1]}
        findings += [Finding(page.display, span[0], 1, "template", f"no '{title}' tab under #{section}",
                             f"add '=== \"{title}\"' to the section, its content indented by 4 spaces")
                     for title in wanted if title not in found]
    return findings


def _categories(page: SourcePage, template: Template, language: Language) -> list[Finding]:
    tags = page.meta.get(TAGS_KEY) or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return []  # scripts/checks/tags.py reports it
    line = page.meta_lines.get(TAGS_KEY) or page.meta_lines.get(TYPE_KEY, 1)
    allowed = template.how_many
    findings = []
    if not tags and template.fewest:
        findings.append(Finding(page.display, line, 1, "template",
                                f"no category: a service page lists {allowed} under '{TAGS_KEY}'",
                                f"add '{TAGS_KEY}:' with {allowed} of the categories of contributing.md"))
    elif not template.fewest <= len(tags) <= template.most:
        findings.append(Finding(page.display, line, 1, "template",
                                f"{len(tags)} categories: a service page lists {allowed}",
                                f"keep the {allowed} that fit the service best"))
    if template.categories:
        findings += [_unknown(page, tag, template, language) for tag in tags if tag not in template.categories]
    return findings


def _unknown(page: SourcePage, tag: str, template: Template, language: Language) -> Finding:
    line, col = _tag_place(page, tag)
    if tag in template.translations:
        hint = f"write '{template.translations[tag]}', its name in {language.name}"
    else:
        hint = did_you_mean(tag, template.categories) or (
            "use a category listed on contributing.md, or add it to extra.categories in mkdocs.yml "
            "with its name in every language")
    return Finding(page.display, line, col, "template", f"unknown category '{tag}'", hint)


def _tag_place(page: SourcePage, tag: str) -> tuple[int, int]:
    """Where the front matter writes `tag`, from the `tags:` line on; that line when not found.
    The sources only keep the line of each key, so the front matter is read again here."""
    lines = page.path.read_text(encoding="utf-8").splitlines()
    start = page.meta_lines.get(TAGS_KEY, 1)
    for number in range(start, len(lines) + 1):
        text = lines[number - 1]
        if number > start and text.rstrip() in ("---", "..."):
            break
        col = text.find(tag, len(TAGS_KEY) + 1 if number == start else 0)
        if col >= 0:
            return number, col + 1
    return start, 1
