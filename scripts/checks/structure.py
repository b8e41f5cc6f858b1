"""What the source puts in a block reaches that block on the page, and nothing is published as text
by mistake.

Python-Markdown nests by indentation: the content of a content tab (`=== "Title"`), an admonition
(`!!! type`), a collapsible block (`??? type`) or a list item must be indented by 4 spaces more
than its opener. With less, the build succeeds and the page shows an empty tab and the content
after it, or a list cut in two; so every such block is checked here, line by line. An opener that
Markdown did not parse at all shows as text on the built page (`!!! note`), and is found there.
Fenced code always names its language (the contributor page's rule), and is closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.site import HtmlText
from scripts.sources import TAB_SIZE, Line, SourcePage

OPENERS = ("admonition", "details", "tab")
BLOCKS = (*OPENERS, "item", "fence", "heading")
NAMES = {"admonition": "admonition", "details": "collapsible block", "tab": "tab", "item": "list item",
         "fence": "code block", "heading": "heading", "text": "line"}
SPACES = re.compile(r"\s+")
INDENT = "indent"  # the code of an indentation finding


@dataclass
class Open:
    """A block whose content is still being read: an opener, or a list item."""

    line: Line
    has_body: bool = False

    @property
    def body(self) -> int:
        """The indentation its content needs."""
        return self.line.indent + TAB_SIZE

    @property
    def name(self) -> str:
        label = f" '{self.line.label}'" if self.line.label else ""
        return f"{NAMES[self.line.kind]}{label}"


def check_sources(context: Context) -> list[Finding]:
    return [finding for pages in context.sources.values() for page in pages for finding in in_source(page)]


def check_site(context: Context) -> list[Finding]:
    literal = _literal_markup(context)
    # Where an opener was not parsed at all, the page shows why better than its indentation does.
    context.superseded |= {(finding.path, finding.line, INDENT) for finding in literal}
    return literal


def in_source(page: SourcePage) -> list[Finding]:
    """What the Markdown of one page shows, before any build: fences and indentation."""
    return _fences(page) + _indentation(page)


# Fenced code ---------------------------------------------------------------------------------

def _fences(page: SourcePage) -> list[Finding]:
    findings = []
    for fence in page.fences:
        if not fence.info:
            findings.append(Finding(page.display, fence.line, fence.col, "fence-language",
                                    "code block without a language",
                                    "name it after the opening fence: ```bash, ```python, ```json, or "
                                    "```text for output"))
        if not fence.closed:
            findings.append(Finding(page.display, fence.line, fence.col, "fence",
                                    "code block never closed: the page shows its fences as text",
                                    f"end it with the same fence, at column {fence.col}"))
        elif fence.shallow:
            findings.append(Finding(page.display, fence.shallow, 1, "indent",
                                    f"line indented less than the fences of its code block (line {fence.line}): "
                                    "the page shows the block as text",
                                    f"indent every line of the block to column {fence.col} at least"))
    return findings


# Indentation ---------------------------------------------------------------------------------

def _indentation(page: SourcePage) -> list[Finding]:
    """Walk the lines with the blocks they are in, and report each line that does not land where
    its indentation says (Python-Markdown's rules: 4 spaces a level, lazy lines in list items)."""
    findings: list[Finding] = []
    stack: list[Open] = []
    previous: Line | None = None
    for line in page.lines:
        new_block = line.after_blank or previous is None or previous.kind in (*OPENERS, "heading")
        findings += _awaited(page, stack, line)
        in_list = bool(stack) and stack[-1].line.kind == "item"
        findings += _close(page, stack, line, new_block)
        _open(stack, line, new_block or in_list)
        previous = line
    findings += [_empty(page, block, None) for block in stack if block.line.kind in OPENERS and not block.has_body]
    return findings


def _awaited(page: SourcePage, stack: list[Open], line: Line) -> list[Finding]:
    """The first line after an opener is its content, or the opener is left empty."""
    if not stack or stack[-1].line.kind not in OPENERS or stack[-1].has_body:
        return []
    if line.indent >= stack[-1].body:
        stack[-1].has_body = True
        return []
    return [_empty(page, stack.pop(), line)]


def _close(page: SourcePage, stack: list[Open], line: Line, new_block: bool) -> list[Finding]:
    """Close the blocks `line` is not in; report it when its indentation says it meant to be in one."""
    findings = []
    while stack and line.indent < stack[-1].body:
        block = stack[-1]
        if block.line.kind == "item":
            if not new_block and line.kind not in BLOCKS:
                break  # a lazy line: it continues the item's paragraph
            if line.indent > block.line.indent:
                findings.append(_outside_item(page, block, line))
        elif line.indent > block.line.indent:
            findings.append(_outside(page, block, line, lazy=False))
        elif not new_block and line.kind == "text" and not line.text.startswith("<"):
            findings.append(_outside(page, block, line, lazy=True))
        stack.pop()
    return findings


def _open(stack: list[Open], line: Line, may_start: bool) -> None:
    """Start a block at `line` when Python-Markdown would: an opener at the indentation of the
    content around it, not in the middle of a list item's paragraph; a list item where a block may
    start (after a blank line, an opener, a heading, or in a list)."""
    base = stack[-1].body if stack else 0
    in_item = bool(stack) and stack[-1].line.kind == "item"
    if line.kind in OPENERS:
        opens = line.indent == base and not (in_item and not line.after_blank)
    else:
        opens = line.kind == "item" and line.indent < base + TAB_SIZE and (may_start or in_item)
    if opens:
        stack.append(Open(line))


def _empty(page: SourcePage, block: Open, after: Line | None) -> Finding:
    opener = block.line
    if after is None:
        why = "nothing is indented under it"
    elif after.indent > opener.indent:
        why = f"line {after.number} is indented {after.indent - opener.indent} spaces under it, not {TAB_SIZE}"
    else:
        why = f"line {after.number} is not indented under it"
    return Finding(page.display, opener.number, opener.col, "indent", f"{block.name} is empty: {why}",
                   f"indent its content by {TAB_SIZE} spaces more than the opener, to column {block.body + 1}")


def _outside(page: SourcePage, block: Open, line: Line, lazy: bool) -> Finding:
    """A line under an opener's content that lands after the block: indented too little, or not at
    all but right under the content (no lazy lines in these blocks)."""
    how = "not indented under" if lazy else f"indented less than {TAB_SIZE} spaces under"
    after = "leave a blank line before it" if lazy else f"indent it to column {block.line.indent + 1}"
    return Finding(page.display, line.number, line.col, "indent",
                   f"{NAMES[line.kind]} {how} the {block.name} of line {block.line.number}: it lands after the block",
                   f"indent it to column {block.body + 1} to keep it in the {NAMES[block.line.kind]}, or {after} "
                   "to put it after")


def _outside_item(page: SourcePage, block: Open, line: Line) -> Finding:
    if line.kind == "item":
        effect = "so it is the next item of the same list, not a nested one"
    elif line.after_blank:
        effect = "so the list ends before it"
    else:
        effect = "so it runs into the text of the item"
    hint = f"indent it to column {block.body + 1}"
    if not line.after_blank and line.kind != "item":
        hint = f"leave a blank line before it and indent it to column {block.body + 1}"
    return Finding(page.display, line.number, line.col, "indent",
                   f"{NAMES[line.kind]} indented {line.indent - block.line.indent} spaces under the list item "
                   f"of line {block.line.number}: Python-Markdown needs {TAB_SIZE}, {effect}", hint)


# Openers shown as text -----------------------------------------------------------------------

def _literal_markup(context: Context) -> list[Finding]:
    findings = []
    for page_path in context.site.html_pages():
        literals = context.site.page(page_path).literal_openers
        if not literals:
            continue
        source = context.source_by_dest.get(page_path)
        taken: set[int] = set()
        for literal in literals:
            findings.append(_literal_finding(page_path, source[1] if source else None, literal, taken))
    return findings


def _literal_finding(page_path: str, page: SourcePage | None, literal: HtmlText, taken: set[int]) -> Finding:
    message = f"'{_shorten(literal.text)}' shows as text on the page: Markdown did not read it as an opener"
    hint = ('write the opener alone on its line, after a blank line and at the indentation of the text around '
            'it, as !!! type "Title", ??? type "Title" or === "Title"')
    line = _source_line(page, literal.text, taken) if page else None
    if line is None:
        where = f" (built from {page.display})" if page else ""
        return Finding(f"site/{page_path}", literal.line, literal.col, "literal-markup", message + where, hint)
    taken.add(line.number)
    return Finding(page.display, line.number, line.col, "literal-markup", message, hint)


def _source_line(page: SourcePage, text: str, taken: set[int]) -> Line | None:
    """The line of the source that wrote `text`: the same words, else the same opener and label."""
    wanted = SPACES.sub(" ", text)
    candidates = [line for line in page.lines if line.number not in taken and line.text[:3] == wanted[:3]]
    for same in (lambda line: SPACES.sub(" ", line.text) == wanted,
                 lambda line: SPACES.sub(" ", line.text).split(" ")[:2] == wanted.split(" ")[:2],
                 lambda line: True):
        match = next((line for line in candidates if same(line)), None)
        if match:
            return match
    return None


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
