"""What the Markdown sources say, with the line and column of each thing.

Every check that needs to point at a place in a page reads it from here: the front matter, the
headings, the admonitions, and every link and image, whether written in Markdown or in raw HTML.
Fenced code and inline code are skipped, so examples of Markdown are never taken for the real thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.findings import Finding

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+\{(?P<attrs>[^}]*)\})?[ \t#]*$")
ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
ADMONITION = re.compile(
    r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+\"(?P<title>[^\"]*)\")?"
)
INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\([ \t]*(?P<url><[^>\n]*>|[^)\s]+)(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*\)"
)
REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]^][^\]]*)\]:[ \t]*(?P<url><[^>]*>|\S+)")
HTML_URL = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*?\b(?P<attr>href|src)[ \t]*=[ \t]*(?P<q>[\"'])(?P<url>.*?)(?P=q)"
)
FRONT_MATTER_KEY = re.compile(r"^(?P<key>[\w-]+)[ \t]*:")
HTML_ALT = re.compile(r"\balt[ \t]*=")


@dataclass(frozen=True)
class Link:
    """A link or an image, as written. `col` is the column of the URL itself, from 1."""

    url: str
    line: int
    col: int
    kind: str  # "link", "image", "reference", "html-link" or "html-image"
    text: str = ""

    @property
    def is_image(self) -> bool:
        return self.kind in ("image", "html-image")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None  # the explicit id, `{ #id }`, if the author gave one
    line: int
    col: int


@dataclass(frozen=True)
class Admonition:
    kind: str
    line: int
    col: int
    title: str | None = None  # the author's own title, `!!! cost "Title"`; None for the default one


@dataclass
class SourcePage:
    """One Markdown page of one language."""

    path: Path  # on disk
    uri: str  # relative to its docs_dir, with "/" separators: MkDocs' src_uri
    display: str  # relative to the project root: what findings show
    meta: dict = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)  # the line of each front matter key
    headings: list[Heading] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # the page could not be read as written


def read_page(path: Path, docs_dir: Path, project_root: Path) -> SourcePage:
    page = SourcePage(
        path=path,
        uri=path.relative_to(docs_dir).as_posix(),
        display=_display(path, project_root),
    )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        page.problems.append(Finding(page.display, line, col, "encoding", "not valid UTF-8", "save the file as UTF-8"))
        return page
    lines = text.splitlines()
    body_start = _read_front_matter(page, lines)
    _scan_body(page, lines, body_start)
    return page


def _display(path: Path, project_root: Path) -> str:
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_front_matter(page: SourcePage, lines: list[str]) -> int:
    """Parse the YAML front matter into `page.meta`; return the index of the first body line."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        page.problems.append(
            Finding(page.display, 1, 1, "front-matter", "front matter is not closed", "end it with a line '---'")
        )
        return 0
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        problem = getattr(error, "problem", None) or "invalid YAML"
        page.problems.append(
            Finding(page.display, line, col, "front-matter", f"front matter is not valid YAML: {problem}",
                    "quote values that contain ': ' or start with a special character")
        )
        return end + 1
    if not isinstance(meta, dict):
        page.problems.append(
            Finding(page.display, 2, 1, "front-matter", "front matter must be a mapping of keys to values",
                    "write it as 'key: value' lines")
        )
        return end + 1
    page.meta = meta
    for number in range(1, end):
        key = FRONT_MATTER_KEY.match(lines[number])
        if key:
            page.meta_lines.setdefault(key["key"], number + 1)
    return end + 1


def _scan_body(page: SourcePage, lines: list[str], start: int) -> None:
    for number, line in _prose_lines(lines, start):
        masked = _mask_inline_code(line)
        _scan_line(page, number, masked)


def _prose_lines(lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) for every line outside fenced code blocks."""
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        opener = FENCE.match(line)
        if fence is None:
            if opener:
                fence = opener["fence"]
                continue
            yield index + 1, line
        elif opener and opener["fence"][0] == fence[0] and len(opener["fence"]) >= len(fence) \
                and not line[opener.end():].strip():
            fence = None


def _mask_inline_code(line: str) -> str:
    """Blank out inline code spans, keeping every other character at its column."""
    return INLINE_CODE.sub(lambda match: " " * len(match.group(0)), line)


def _scan_line(page: SourcePage, number: int, line: str) -> None:
    heading = HEADING.match(line)
    if heading:
        attrs = heading["attrs"] or ""
        explicit = ATTR_ID.search(attrs)
        page.headings.append(
            Heading(len(heading["hashes"]), heading["text"].strip(), explicit["id"] if explicit else None,
                    number, 1)
        )
    admonition = ADMONITION.match(line)
    if admonition:
        page.admonitions.append(
            Admonition(admonition["type"].lower(), number, admonition.start("type") + 1, admonition["title"])
        )
    for match in INLINE_LINK.finditer(line):
        bracketed = match["url"].startswith("<")
        kind = "image" if match["bang"] else "link"
        page.links.append(Link(match["url"].strip("<>"), number, match.start("url") + 1 + bracketed, kind,
                               match["text"]))
    definition = REFERENCE_DEFINITION.match(line)
    if definition:
        page.links.append(Link(definition["url"].strip("<>"), number, definition.start("url") + 1, "reference"))
    if "<" in line:
        for match in HTML_URL.finditer(line):
            is_image = match["tag"].lower() == "img"
            tag = line[match.start():line.find(">", match.end()) + 1 or len(line)]
            text = "alt" if is_image and HTML_ALT.search(tag) else ""
            page.links.append(
                Link(match["url"], number, match.start("url") + 1, "html-image" if is_image else "html-link", text)
            )


def read_pages(docs_dir: Path, project_root: Path) -> list[SourcePage]:
    """Every Markdown page under `docs_dir`, in path order."""
    return [read_page(path, docs_dir, project_root) for path in sorted(docs_dir.rglob("*.md"))]
