"""What the built site holds: which files exist, the ids of each page and the links it makes.

Each HTML page is parsed once, on first use, and shared by every check that asks about it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
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


@dataclass(frozen=True)
class HtmlLink:
    url: str
    line: int
    col: int
    tag: str
    hreflang: str | None


@dataclass
class HtmlPage:
    ids: set[str] = field(default_factory=set)
    links: list[HtmlLink] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        attribute = URL_ATTRIBUTES.get(tag)
        url = values.get(attribute) if attribute else None
        if url is None or (tag == "link" and SELF_REFERENCES & set((values.get("rel") or "").split())):
            return
        line, offset = self.getpos()
        self.page.links.append(HtmlLink(url, line, offset + 1, tag, values.get("hreflang")))


@dataclass(frozen=True)
class Target:
    """Where a URL lands in the built site: a path relative to the site root, and a fragment."""

    path: str
    fragment: str


class BuiltSite:
    def __init__(self, root: Path) -> None:
        self.root = root

    def html_pages(self) -> list[str]:
        return sorted(path.relative_to(self.root).as_posix() for path in self.root.rglob("*.html"))

    @cache  # noqa: B019 (one BuiltSite per build: the cache lives as long as the build)
    def page(self, path: str) -> HtmlPage:
        parser = _PageParser()
        parser.feed((self.root / path).read_text(encoding="utf-8"))
        parser.close()
        return parser.page

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
        if path.endswith("/") or (self.root / normalized).is_dir():
            normalized = posixpath.join(normalized, "index.html") if normalized != "." else "index.html"
        return Target(normalized, parts.fragment)

    def exists(self, target: Target) -> bool:
        return not target.path.startswith("..") and (self.root / target.path).is_file()

    def has_anchor(self, target: Target) -> bool:
        if not target.fragment or not target.path.endswith(".html"):
            return True
        return unquote(target.fragment) in self.page(target.path).ids
