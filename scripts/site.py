"""What the built site holds: which files exist, the ids of each page, the links it makes, and any
block syntax of the Markdown (`!!!`, `???`, `===`) that reached the page as text.

Each HTML page is parsed once, on first use, and shared by every check that asks about it.
"""

from __future__ import annotations

import bisect
import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that hold a URL the browser loads or follows, by tag.
URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
}
# <link rel=...> values that name the page itself elsewhere, not something it loads.
SELF_REFERENCES = {"canonical", "alternate", "x-alternate"}
# MkDocs and Material write well-formed HTML with quoted attributes, so a few regular expressions
# read what the checks need several times faster than a full HTML parser.
ID = re.compile(r"""\sid=["']([^"']*)["']""")
A_NAME = re.compile(r"""<a\s[^>]*?\bname=["']([^"']*)["']""", re.IGNORECASE)
URL_TAG = re.compile(rf"<({'|'.join(URL_ATTRIBUTES)})(\s[^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
NEWLINE = re.compile(r"\n")
COMMENT_OR_CODE = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1>", re.DOTALL)
CODE = re.compile(r"<(pre|code)\b[^>]*>.*?</\1>", re.DOTALL | re.IGNORECASE)
# An opener of an admonition, a collapsible block or a content tab at the start of a line of text:
# after a newline, or right after the start tag of an element that holds text.
TEXT_HOLDERS = "p|li|td|th|dd|dt|div|summary|blockquote"
LITERAL_OPENER = re.compile(
    rf"(?:^|\n|<(?:{TEXT_HOLDERS})\b[^>]*>)[ \t]*"
    rf"(?P<opener>(?:!!!|\?\?\?|===)[+!]*[ \t]*[\w\"'&][^\n]*?)(?=</(?:{TEXT_HOLDERS})>|\n|$)"
)
TAG = re.compile(r"<[^>]*>")
OPENER_TOKENS = ("!!!", "???", "===")


@dataclass(frozen=True)
class HtmlLink:
    url: str
    line: int
    col: int
    tag: str
    hreflang: str | None


@dataclass(frozen=True)
class HtmlText:
    """Text of a page, as the reader sees it (tags left out), where it starts."""

    text: str
    line: int
    col: int


@dataclass
class HtmlPage:
    ids: set[str] = field(default_factory=set)
    links: list[HtmlLink] = field(default_factory=list)
    literal_openers: list[HtmlText] = field(default_factory=list)  # Markdown block syntax shown as text


def parse_page(text: str) -> HtmlPage:
    """The ids of a built page and the URLs it loads or links to, with their positions."""
    hidden = _blank_out(text)
    page = HtmlPage(ids={match.group(1) for pattern in (ID, A_NAME) for match in pattern.finditer(hidden)})
    line_starts = [0] + [newline.end() for newline in NEWLINE.finditer(text)]
    for tag in URL_TAG.finditer(hidden):
        name = tag.group(1).lower()
        attributes = {match.group(1).lower(): html.unescape(match.group(2) if match.group(2) is not None
                                                            else match.group(3))
                      for match in ATTRIBUTE.finditer(tag.group(2))}
        url = attributes.get(URL_ATTRIBUTES[name])
        if url is None or (name == "link" and SELF_REFERENCES & set(attributes.get("rel", "").split())):
            continue
        line = bisect.bisect_right(line_starts, tag.start())
        col = tag.start() - line_starts[line - 1] + 1
        page.links.append(HtmlLink(url, line, col, name, attributes.get("hreflang")))
    page.literal_openers = _literal_openers(hidden, line_starts)
    return page


def _literal_openers(hidden: str, line_starts: list[int]) -> list[HtmlText]:
    """Each `!!!`, `???` or `===` that starts a line of text outside code: an opener that Markdown
    did not parse, so the reader sees it as written and its block is missing."""
    if not any(token in hidden for token in OPENER_TOKENS):
        return []  # most pages: no need to blank out their code to look closer
    text = CODE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), hidden)
    found = []
    for match in LITERAL_OPENER.finditer(text):
        start = match.start("opener")
        line = bisect.bisect_right(line_starts, start)
        shown = html.unescape(TAG.sub("", match["opener"])).strip()
        found.append(HtmlText(shown, line, start - line_starts[line - 1] + 1))
    return found


def _blank_out(text: str) -> str:
    """`text` with comments and the bodies of scripts and styles blanked, positions kept."""
    def blank(match: re.Match) -> str:
        kept = match.group(0)
        if match.group(1):  # keep the <script ...> start tag itself: its src is a link
            opening = kept[: kept.index(">") + 1]
            return opening + re.sub(r"[^\n]", " ", kept[len(opening):])
        return re.sub(r"[^\n]", " ", kept)
    return COMMENT_OR_CODE.sub(blank, text)


@dataclass(frozen=True)
class Target:
    """Where a URL lands in the built site: a path relative to the site root, and a fragment."""

    path: str
    fragment: str


class BuiltSite:
    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def _tree(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every file and folder of the site, relative to its root, read once: the checks ask about
        thousands of links, and a disk lookup for each one cost more than the rest of the check."""
        files, folders = set(), {"."}
        for folder, subfolders, names in os.walk(self.root):
            relative = os.path.relpath(folder, self.root).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            folders.update(prefix + name for name in subfolders)
            files.update(prefix + name for name in names)
        return frozenset(files), frozenset(folders)

    def html_pages(self) -> list[str]:
        return sorted(path for path in self._tree[0] if path.endswith(".html"))

    def is_file(self, path: str) -> bool:
        return path in self._tree[0]

    def is_dir(self, path: str) -> bool:
        return path in self._tree[1]

    @cache  # noqa: B019 (one BuiltSite per build: the cache lives as long as the build)
    def page(self, path: str) -> HtmlPage:
        return parse_page((self.root / path).read_text(encoding="utf-8"))

    def resolve(self, page_path: str, url: str, base_path: str = "/") -> Target | None:
        """Where `url`, found in the page at `page_path`, lands; None when it leaves the site.

        `base_path` is the path of site_url: absolute URLs below it (used by 404 pages, which can be
        served at any depth) land in this site.
        """
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(base_path):
                return None
            joined = path[len(base_path):]
        else:
            joined = posixpath.join(posixpath.dirname(page_path), path) if path else page_path
        normalized = posixpath.normpath(joined) if joined else "."
        if normalized.startswith(".."):
            return Target("../" + normalized, parts.fragment)
        if path.endswith("/") or self.is_dir(normalized):
            normalized = posixpath.join(normalized, "index.html") if normalized != "." else "index.html"
        return Target(normalized, parts.fragment)

    def exists(self, target: Target) -> bool:
        return not target.path.startswith("..") and self.is_file(target.path)

    def has_anchor(self, target: Target) -> bool:
        if not target.fragment or not target.path.endswith(".html"):
            return True
        return unquote(target.fragment) in self.page(target.path).ids
