"""What the Markdown sources say, with the line and column of each thing.

Every check that needs to point at a place in a page reads it from here: the front matter, the
headings, the admonitions, every link and image, whether written in Markdown or in raw HTML, the
fenced code blocks, and what each line outside them starts (a tab, an admonition, a list item...)
with its indentation, on which the meaning of the Markdown depends. Fenced code and inline code are
skipped, so examples of Markdown are never taken for the real thing. `prose` holds each line as a
reader reads it, markup and code blanked out at their columns, for the checks of the words.
"""

from __future__ import annotations

import html
import re
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
# The openers of Python-Markdown's admonitions, pymdownx.details and pymdownx.tabbed, as those
# extensions match them, and list items: only an exact match opens a block.
OPENERS = {
    "admonition": re.compile(r'^!!! ?(?P<label>[\w-]+(?: +[\w-]+)*)(?: +"(?P<title>.*?)")? *$'),
    "details": re.compile(r'^\?{3}\+? ?(?:(?P<label>[\w-]+(?: +[\w-]+)*?)?(?: +"(?P<title>.*?)")'
                          r'|(?P<bare>[\w-]+(?: +[\w-]+)*?)) *$'),
    "tab": re.compile(r'^={3}(?:\+|\+!|!\+|!)? +"(?P<title>.*?)" *$'),
    "item": re.compile(r"^(?:[*+-]|\d+\.)[ \t]+\S"),
}
RULE = re.compile(r"^([*_-])(?:[ \t]*\1){2,}[ \t]*$")
TAB_SIZE = 4
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


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its opening line, and what pymdownx.superfences makes of it."""

    line: int
    col: int  # of the fence itself
    indent: int  # in columns, tabs expanded
    info: str  # what follows the opening fence: the language, then options; "" when none
    closed: bool = True  # a closing fence at the same indentation ends it
    shallow: int | None = None  # the first line of the body indented less than the fences, if any
    body: tuple[str, ...] = ()  # the lines between the fences, with the fences' indentation removed


@dataclass(frozen=True)
class Line:
    """A non-blank line outside fenced code (or a fence's opening line): what block it starts."""

    number: int
    col: int  # of its first character, from 1
    indent: int  # in columns, tabs expanded: what Python-Markdown compares
    kind: str  # "text", "heading", "fence", or a key of OPENERS: "admonition", "details", "tab", "item"
    text: str  # without its indentation
    after_blank: bool  # a blank line, or the start of the body, comes right before it
    label: str = ""  # the admonition's type or the tab's title


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
    fences: list[Fence] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # the page could not be read as written
    text: list[str] = field(default_factory=list)  # every line of the file, as written
    prose: list[str] = field(default_factory=list)  # every line, with what is not prose turned into MASK
    meta_read: bool = True  # False when the front matter could not be parsed: `meta` says nothing
    body_read: bool = True  # False when the file could not be decoded: nothing was read at all


def read_page(path: Path, docs_dir: Path, project_root: Path, outline: bool = False) -> SourcePage:
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
        page.meta_read = page.body_read = False
        return page
    return read_text(page, text, outline)


def read_text(page: SourcePage, text: str, outline: bool = False) -> SourcePage:
    """Read `text` into `page`: what read_page does once the file is decoded, and what reads an
    older version of a page (from git) that is not on disk. An `outline` is the front matter, the
    headings and the fenced code only (what a translation record hashes), in a third of the time."""
    lines = text.splitlines()
    page.text = lines
    body_start = _read_front_matter(page, lines)
    if not outline:
        _scan_body(page, lines, body_start)
        return page
    page.fences, code = _read_fences(lines, body_start)
    for index in range(body_start, len(lines)):
        if index not in code and lines[index].startswith("#"):
            _scan_line(page, index + 1, _mask_inline_code(lines[index]))
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
        page.meta_read = False
        page.problems.append(
            Finding(page.display, 1, 1, "front-matter", "front matter is not closed", "end it with a line '---'")
        )
        return 0
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        page.meta_read = False
        page.problems.append(_yaml_finding(page.display, error, lines))
        return end + 1
    if not isinstance(meta, dict):
        page.meta_read = False
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


# YAML errors whose cause is where YAML's context starts (a quote or a bracket left open, a key
# without its colon), rather than where it noticed the problem, with the hint for each.
OPENED_HERE = {
    "while scanning a quoted scalar": "close the quote opened here",
    "while scanning a simple key": "write it as 'key: value'",
    "while parsing a flow sequence": "close the '[' opened here, or quote the value if it is text",
    "while parsing a flow mapping": "close the '{' opened here, or quote the value if it is text",
}


def _yaml_finding(display: str, error: yaml.YAMLError, lines: list[str]) -> Finding:
    """The YAML error at the line to fix, in YAML's own words (problem and context), with a hint
    that fits it. YAML counts lines from 0 in the front matter, which starts at line 2."""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    if context in OPENED_HERE and context_mark:
        message = f"{problem} at line {problem_mark.line + 2}, {context} that starts here" if problem_mark \
            else f"{problem}, {context} that starts here"
        return Finding(display, context_mark.line + 2, context_mark.column + 1, "front-matter",
                       f"front matter is not valid YAML: {message}", OPENED_HERE[context])
    where = f" at line {context_mark.line + 2}" if context_mark else ""
    message = f"{problem}, {context}{where}" if context else problem
    line, col = (problem_mark.line + 2, problem_mark.column + 1) if problem_mark else (2, 1)
    return Finding(display, line, col, "front-matter", f"front matter is not valid YAML: {message}",
                   _yaml_hint(problem, lines[line - 1][: col - 1] if line <= len(lines) else ""))


def _yaml_hint(problem: str, before: str) -> str:
    """How to fix a YAML error noticed at a place, given the text of its line before that place."""
    if problem.startswith("mapping values are not allowed"):
        if ": " in before:
            return "quote the value: it contains ': ', as in key: \"a: b\""
        return "start each key at the beginning of its line, without indentation"
    if problem.startswith("found character '\\t'"):
        return "indent with spaces, not tabs"
    if problem.startswith("found character"):
        return "quote the value: it starts with a character that YAML reserves"
    return "check the quotes and the indentation of this line"


def _scan_body(page: SourcePage, lines: list[str], start: int) -> None:
    page.fences, code = _read_fences(lines, start)
    page.prose = _front_matter_prose(lines[:start]) + [
        MASK * len(line) if index in code else prose_of(line) for index, line in enumerate(lines[start:], start)]
    openings = {fence.line - 1 for fence in page.fences}
    for index in range(start, len(lines)):
        line = lines[index]
        after_blank = index == start or not lines[index - 1].strip()
        if index in openings:
            page.lines.append(_classify(index + 1, line, after_blank, "fence"))
        if index in code or not line.strip():
            continue
        page.lines.append(_classify(index + 1, line, after_blank))
        _scan_line(page, index + 1, _mask_inline_code(line))


def _read_fences(lines: list[str], start: int) -> tuple[list[Fence], set[int]]:
    """The fenced code blocks, as pymdownx.superfences reads them, and the indexes of their lines.

    A block ends at the same fence at the same indentation: a deeper one (an example of a fenced
    block inside a fenced block of Markdown) is part of the code.
    """
    fences: list[Fence] = []
    code: set[int] = set()
    opened: tuple[int, str, int] | None = None  # index, fence, indentation
    shallow: int | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        match = FENCE.match(line)
        if opened is None:
            if match:
                opened, shallow = (index, match["fence"], _width(match["indent"])), None
                code.add(index)
            continue
        code.add(index)
        indent = _width(line) if line.strip() else None
        if match and match["fence"] == opened[1] and indent == opened[2] and not line[match.end():].strip():
            fences.append(_fence(lines, opened, shallow, closed=True, closing=index))
            opened = None
        elif indent is not None and indent < opened[2] and shallow is None:
            shallow = index + 1
    if opened is not None:
        fences.append(_fence(lines, opened, shallow, closed=False))
    return fences, code


def _fence(lines: list[str], opened: tuple[int, str, int], shallow: int | None, closed: bool,
           closing: int | None = None) -> Fence:
    index, fence, indent = opened
    line = lines[index]
    position = line.index(fence)
    end = len(lines) if closing is None else closing
    body = tuple(_dedent(text, indent) for text in lines[index + 1:end])
    return Fence(index + 1, position + 1, indent, line[position + len(fence):].strip(), closed, shallow, body)


def _dedent(line: str, indent: int) -> str:
    """`line` without up to `indent` columns of its leading whitespace, tabs expanded."""
    position = width = 0
    while position < len(line) and line[position] in " \t" and width < indent:
        width += TAB_SIZE - width % TAB_SIZE if line[position] == "\t" else 1
        position += 1
    return " " * max(width - indent, 0) + line[position:]


def _width(indentation: str) -> int:
    """The columns that leading whitespace takes, with tab stops every TAB_SIZE columns."""
    width = 0
    for char in indentation:
        if char == "\t":
            width += TAB_SIZE - width % TAB_SIZE
        elif char == " ":
            width += 1
        else:
            break
    return width


def _classify(number: int, line: str, after_blank: bool, kind: str = "") -> Line:
    """The line, with the kind of block it starts and the label that block carries."""
    text = line.strip()
    place = (number, len(line) - len(line.lstrip()) + 1, _width(line))
    if kind or HEADING.match(text):
        return Line(*place, kind or "heading", text, after_blank)
    for name, pattern in OPENERS.items():
        match = pattern.match(text)
        if match and not (name == "item" and RULE.match(text)):
            groups = match.groupdict()
            label = groups["title"] if name == "tab" else (groups.get("label") or groups.get("bare") or "")
            return Line(*place, name, text, after_blank, label)
    return Line(*place, "text", text, after_blank)


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


# Prose ---------------------------------------------------------------------------------------
# What a reader reads of each line: the text of paragraphs, headings, list items, tables, link text,
# alt text, admonition and tab titles, and the title and description of the front matter. The rest
# (code, URLs, HTML tags and their attributes, attribute lists, icons, Markdown markers, front matter
# keys) becomes MASK, so that a check finds words and punctuation at their own columns.

MASK = "\x00"
PROSE_KEYS = ("title", "description")  # the front matter values readers see: titles, search, previews
BLOCK_SCALAR = re.compile(r"^[|>][+-]?$")
WHOLE_LINE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"  # a table's rule, or a horizontal rule
    r"|^[ \t]{0,3}\[[^\]^][^\]]*\]:"  # a reference definition
)
OPENER_TITLE = re.compile(
    r'^(?P<opener>[ \t]*(?:(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*|={3}[+!]*))'
    r'(?:(?P<open>[ \t]+")(?P<title>.*)(?P<close>"[ \t]*))?$'
)
MARKER = re.compile(r"[ \t]*(?:#{1,6}(?=[ \t]|$)|>|[*+-](?=[ \t])|\d+[.)](?=[ \t])|:(?=[ \t])|\*\[[^\]]*\]:)[ \t]*")
ATTR = r"""(?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}"']+))"""
ATTR_LIST = rf"\{{:?[ \t]*{ATTR}(?:[ \t]+{ATTR})*[ \t]*\}}"
FOREIGN_LINK = re.compile(INLINE_LINK.pattern + r"(?=\{[^}]*\blang=)" + ATTR_LIST)  # [text](url){ lang=en }
REFERENCE_LINK = re.compile(r"(?P<open>\[)(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)(?P<close>\]\[[^\]]*\])")
NOT_PROSE = re.compile("|".join((
    r"<!--.*?(?:-->|$)",  # an HTML comment
    r"<(?:https?|ftp|mailto):[^>\s]*>",  # an autolink
    r"</?[A-Za-z][\w-]*(?:[ \t][^<>]*)?/?>",  # an HTML tag, with its attributes
    r"\b(?:https?|ftp)://[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'\"\u2019»]",  # a bare URL
    ATTR_LIST,
    r"(?<![\w:]):[a-z][a-z0-9_+-]*:(?![\w:])",  # an icon or an emoji, :material-earth:
    r"\[\^[^\]]+\]:?",  # a footnote's reference or label
)))
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+\d*);")
NO_BREAK_SPACES = "\u00a0\u202f"


def prose_of(line: str) -> str:
    """`line` of a page's body (outside fenced code) with everything but its prose turned into MASK,
    each character at its column."""
    if WHOLE_LINE.match(line):
        return MASK * len(line)
    # Each pattern runs only on a line that holds the character it starts with: most lines are
    # plain text, and the build reads every line of every page.
    text = INLINE_CODE.sub(_masked, line) if "`" in line else line
    text = _mask_markers(text)
    if "[" in text:
        if "lang=" in text:
            text = FOREIGN_LINK.sub(_masked, text)
        for _ in range(3):  # an image inside a link: the outer one first
            masked = REFERENCE_LINK.sub(_masked_around_text, INLINE_LINK.sub(_masked_around_text, text))
            if masked == text:
                break
            text = masked
    if any(character in text for character in "<{:[/"):
        text = NOT_PROSE.sub(_masked, text)
    return ENTITY.sub(_entity, text) if "&" in text else text


def _mask_markers(text: str) -> str:
    """Blank out what opens the line: an admonition, collapsible or tab opener (not its title), then
    the markers of headings, quotes, list items and definitions."""
    opener = OPENER_TITLE.match(text)
    if opener:
        spans = [(opener.start(name), opener.end(name)) for name in ("opener", "open", "close") if opener[name]]
        return _blank(text, spans)
    position = 0
    while (marker := MARKER.match(text, position)) and marker.end() > position:
        position = marker.end()
    return _blank(text, [(0, position)])


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + MASK * (end - start) + text[end:]
    return text


def _masked(match: re.Match) -> str:
    return MASK * len(match[0])


def _masked_around_text(match: re.Match) -> str:
    """A link or an image with only its text left: its brackets, `!` and target are markup."""
    whole, start, end = match[0], match.start("text") - match.start(), match.end("text") - match.start()
    return MASK * start + whole[start:end] + MASK * (len(whole) - end)


def _entity(match: re.Match) -> str:
    """A no-break space written as an entity (`&nbsp;`) reads as one across its columns; any other
    entity is markup."""
    character = html.unescape(match[0])
    return (character if character in NO_BREAK_SPACES else MASK) * len(match[0])


def _front_matter_prose(lines: list[str]) -> list[str]:
    """The front matter, with only the values of PROSE_KEYS left (without their quotes), on their
    line or on the indented lines of a block scalar."""
    prose, in_value = [], False
    for line in lines:
        key = FRONT_MATTER_KEY.match(line)
        if key:
            in_value = key["key"] in PROSE_KEYS
            value = line[key.end():].strip()
            start = len(line) - len(line[key.end():].lstrip())
            if not in_value or not value or BLOCK_SCALAR.match(value):
                prose.append(MASK * len(line))
                continue
            quoted = len(value) > 1 and value[0] in "\"'" and value[-1] == value[0]
            spans = [(0, start + quoted)] + ([(start + len(value) - 1, len(line))] if quoted else [])
            prose.append(_blank(line, spans))
        else:
            in_value = in_value and line[:1] in (" ", "\t")
            prose.append(line if in_value else MASK * len(line))
    return prose


def read_pages(docs_dir: Path, project_root: Path, outline: bool = False) -> list[SourcePage]:
    """Every Markdown page under `docs_dir`, in path order."""
    return [read_page(path, docs_dir, project_root, outline) for path in sorted(docs_dir.rglob("*.md"))]
