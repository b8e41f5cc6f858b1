"""The whole course on one page per language, `print.html`: to print, and for `make pdf` (scripts/pdf.py).

The page holds every page of the nav, in its order, except those `extra.print.leave_out` names,
each in a `<section class="print-page" id="<key>" data-source="<part/page.md>">`, after the site's
name and a table of contents. It is the pages' own HTML, as the other hooks left it (admonition titles, glossary
tooltips, translation notices), made to live in one document:

- every id gets its page's key as a prefix (`core-services-s3--pricing`), and so do the links to
  it, the labels of the content tabs and their radio groups;
- a link to a page of the course becomes a link to its section (or to the heading it names); a link
  to anything else (a page left out, a file, the other language) becomes its full address on the
  site, so that nothing in the document leads to a relative address that breaks once printed;
- images are found from the print page's place; collapsed blocks (`???`) are open;
- a page inside a part (after the part's index page) goes one heading level down, so that the
  document, and the outline of the PDF, read part > page > section;
- the permalinks and the line anchors of the code blocks are left out: no use on paper.

The print page is generated, not a file of docs/: the source checks never see it, it is left out of
the nav, the sitemap and search, and marked `noindex`; the checks of the built site (links,
anchors, the HTML checker) read it like any other page. It is a file, `print.html`, rather than a
folder, and so is the PDF: a host that knows the pages from the nav serves them as files.

Material's print styles hide the header, the navigation and the footer, and show every content
tab; the rest of the print layout is in overrides/assets/stylesheets/theme.css (`.print-course`).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File, InclusionLevel

SOURCE = "print.md"  # the generated page; use_directory_urls aside, it is built as print.html
PAGE = "print.html"
SETTINGS = "print"  # extra.print: the PDF's name and the pages left out
STRINGS = "print"  # extra.strings.print: the words of the page, the footer link and the PDF
SEPARATOR = "--"  # between a page's key and one of its ids
NOINDEX = '<meta name="robots" content="noindex">'
HEAD_END = "</head>"
SITEMAP = "sitemap.xml"

# MkDocs and Material write quoted attributes; raw HTML in the pages may not quote them.
QUOTED = r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""  # an attribute's value, in one of three groups
ATTRIBUTE = re.compile(rf"""([^\s=<>/"']+)(?:\s*=\s*{QUOTED})?""")
START_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)((?:\s+[^\s=<>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)"""
                       r"""\s*(/?)>""")
HEADING = re.compile(r"<(/?)h([1-6])\b")
FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
LINE_ANCHOR = re.compile(r'<a id="__codelineno-[^"]*" name="[^"]*" href="[^"]*"></a>')
IDS = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
ID_ATTRIBUTES = {"id", "for"}
ID_LIST_ATTRIBUTES = {"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-details"}
NAME_TAGS = {"a", "input", "map"}  # where `name` is an anchor or a group, not a form field's key
LINK_ATTRIBUTES = {"href", "xlink:href"}
SOURCE_ATTRIBUTES = {"src"}
NOT_PAGES = ("mailto:", "tel:", "data:", "javascript:")


@dataclass(frozen=True)
class Settings:
    pdf: str  # the PDF of this language, relative to its root: 'pdf/aws-big-picture-en.pdf'
    leave_out: frozenset[str]  # pages of the nav the document leaves out


def settings(config) -> Settings | None:
    """extra.print of this language's config, checked; None when the site has no print page. A
    mistake is a ConfigurationError, which MkDocs passes on with its message (a PluginError would
    reach the build as "Aborted with a BuildError!")."""
    options = config.extra.get(SETTINGS)
    if not options:
        return None
    pdf = options.get("pdf") if isinstance(options, dict) else None
    if not isinstance(pdf, str) or not pdf.endswith(".pdf") or pdf.startswith(("/", "../")):
        raise ConfigurationError("extra.print.pdf must name a .pdf file below the site's root, such as "
                                 "'pdf/aws-big-picture-{lang}.pdf'")
    leave_out = options.get("leave_out") or []
    if not isinstance(leave_out, list) or not all(isinstance(uri, str) for uri in leave_out):
        raise ConfigurationError("extra.print.leave_out must be a list of pages, such as [contributing.md]")
    return Settings(pdf.replace("{lang}", config.theme["language"]), frozenset(leave_out))


def strings(config) -> dict[str, str]:
    return (config.extra.get("strings") or {}).get(STRINGS) or {}


# The page itself ------------------------------------------------------------------------------

def on_config(config):
    found = settings(config)
    if found is not None:
        # What the templates link to (the footer), relative to the language's root.
        config.extra["print_files"] = {"page": PAGE, "pdf": found.pdf}
    return config


def on_files(files, config):
    if settings(config) is None:
        return files
    if files.get_file_from_path(SOURCE) is not None:
        raise ConfigurationError(f"{SOURCE} in {config.docs_dir}: this name is the print page's, which the build "
                                 "makes; rename the page")
    words = strings(config)
    front_matter = {
        "title": words.get("title", "The whole course"),
        "description": words.get("description", ""),
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
    }
    content = "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                                 for key, value in front_matter.items()) + "---\n"
    file = File.generated(config, SOURCE, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    file.use_directory_urls = False  # print.html: a file, as the hosts serve it
    files.append(file)
    return files


def is_print_page(page) -> bool:
    return page is not None and page.file is not None and page.file.src_uri == SOURCE


def on_page_context(context, page, config, nav):
    """Every other page is rendered by now (MkDocs renders every page's Markdown before any
    template): the print page's content is theirs."""
    found = settings(config)
    if found is not None and is_print_page(page):
        page.content = combine(nav, config, found)
    return context


def on_post_page(output, page, config):
    if not is_print_page(page):
        return output
    return output.replace(HEAD_END, NOINDEX + HEAD_END, 1)


def on_post_template(output_content, template_name, config):
    """The sitemap leaves the print page out: it repeats every page, and is not to be indexed."""
    if template_name != SITEMAP or settings(config) is None:
        return output_content
    address = re.escape((config.site_url or "") + PAGE)
    return re.sub(rf"\s*<url>\s*<loc>{address}</loc>.*?</url>", "", output_content, flags=re.DOTALL)


# The document ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    page: object  # a MkDocs Page
    depth: int  # 0 for a top-level page and a part's index page, 1 for the pages of a part
    key: str  # the id of its section, and the prefix of its ids


def course_pages(items, leave_out: frozenset[str], depth: int = 0) -> list[tuple[object, int]]:
    """The pages of the nav, in order, with their depth: a section's index page stands for the
    section, and the other pages of the section sit one level below it."""
    found: list[tuple[object, int]] = []
    for item in items:
        if item.is_page:
            if item.file.src_uri not in leave_out:
                found.append((item, depth))
        elif item.is_section:
            children = [child for child in item.children if not child.is_link]
            first = children[0] if children else None
            if first is not None and first.is_page and first.is_index:
                found += course_pages([first], leave_out, depth)
                found += course_pages(children[1:], leave_out, depth + 1)
            else:
                found += course_pages(children, leave_out, depth)
    return found


def page_key(src_uri: str) -> str:
    """'core-services/s3.md' -> 'core-services-s3', 'big-picture/index.md' -> 'big-picture',
    'index.md' -> 'home'."""
    stem = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return re.sub(r"[^\w-]+", "-", stem).strip("-").lower() or "home"


def combine(nav, config, found: Settings) -> str:
    entries, keys = [], set()
    for page, depth in course_pages(nav.items, found.leave_out):
        key = page_key(page.file.src_uri)
        while key in keys:
            key += "-"
        keys.add(key)
        entries.append(Entry(page, depth, key))
    by_url = {_normal(entry.page.url): entry.key for entry in entries}
    ids = {entry.key: set(IDS.findall(entry.page.content or "")) for entry in entries}
    site_url = config.site_url or ""
    sections = [_section(entry, by_url, ids, site_url) for entry in entries]
    words = strings(config)
    cover = (f'<header class="print-cover"><p class="print-cover__site">{html.escape(config.site_name or "")}</p>'
             f'<p class="print-cover__title">{html.escape(words.get("title", ""))}</p></header>')
    return (f'<div class="print-course">\n{cover}\n{_contents(entries, words)}\n'
            + "\n".join(sections) + "\n</div>")


def _contents(entries: list[Entry], words: dict[str, str]) -> str:
    """The table of contents: a nested list of the pages, linked to their sections."""
    parts = ['<nav class="print-toc" aria-labelledby="print-contents">',
             f'<h2 id="print-contents">{html.escape(words.get("contents", "Contents"))}</h2>', "<ol>"]
    depth = 0
    for index, entry in enumerate(entries):
        while depth < entry.depth:
            parts.append("<ol>")
            depth += 1
        while depth > entry.depth:
            parts.append("</ol></li>")
            depth -= 1
        nested = index + 1 < len(entries) and entries[index + 1].depth > entry.depth
        parts.append(f'<li><a href="#{entry.key}">{html.escape(title_of(entry.page))}</a>'
                     + ("" if nested else "</li>"))
    parts += ["</ol></li>"] * depth + ["</ol>", "</nav>"]
    return "\n".join(parts)


def title_of(page) -> str:
    """The page's title as its first heading shows it, else as the nav names it."""
    heading = FIRST_H1.search(PERMALINK.sub("", page.content or ""))
    text = html.unescape(TAG.sub("", heading.group(1))).strip() if heading else ""
    return text or str(page.title or "")


def _section(entry: Entry, by_url: dict[str, str], ids: dict[str, set[str]], site_url: str) -> str:
    page = entry.page
    content = LINE_ANCHOR.sub("", PERMALINK.sub("", page.content or ""))
    shift = entry.depth
    if shift:
        content = HEADING.sub(lambda match: f"<{match[1]}h{min(6, int(match[2]) + shift)}", content)
    base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
    rewrite = _Rewriter(entry.key, base, by_url, ids, urljoin(site_url, page.url) if site_url else "")
    content = START_TAG.sub(rewrite.tag, content)
    return (f'<section class="print-page print-page--depth-{entry.depth}" id="{entry.key}" '
            f'data-source="{html.escape(page.file.src_uri)}">\n{content}\n</section>')


def _normal(url: str) -> str:
    """A page's address below the site's root, as one spelling: 'core-services/s3', or '.'."""
    path = unquote(url).removesuffix("index.html").strip("/")
    return posixpath.normpath(path) if path else "."


@dataclass
class _Rewriter:
    """Rewrites the start tags of one page's HTML for its place in the document."""

    key: str
    base: str  # the page's folder below the site's root, '' or ending in '/'
    by_url: dict[str, str]  # page address: key
    ids: dict[str, set[str]]  # key: the ids of that page, as it was
    address: str  # the page's full address on the site, or '' when the site has no site_url

    def tag(self, match: re.Match) -> str:
        name = match[1].lower()
        attributes = []
        for attribute in ATTRIBUTE.finditer(match[2]):
            attribute_name = attribute[1].lower()
            raw = next((value for value in attribute.groups()[1:] if value is not None), None)
            if raw is None:
                attributes.append(attribute[1])
                continue
            value = html.unescape(raw)
            changed = self.value(name, attribute_name, value)
            attributes.append(f'{attribute[1]}="{html.escape(changed if changed is not None else value)}"')
        if name == "details" and not any(re.match(r"open\b", text) for text in attributes):
            attributes.append("open")
        return f"<{match[1]}{''.join(' ' + text for text in attributes)}{' /' if match[3] else ''}>"

    def value(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute in ID_ATTRIBUTES or (attribute == "name" and tag in NAME_TAGS):
            return f"{self.key}{SEPARATOR}{value}"
        if attribute in ID_LIST_ATTRIBUTES:
            return " ".join(f"{self.key}{SEPARATOR}{token}" for token in value.split())
        if attribute in LINK_ATTRIBUTES:
            return self.link(value)
        if attribute in SOURCE_ATTRIBUTES:
            return self.source(value)
        return None

    def link(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(NOT_PAGES):
            return url
        if not parts.path:
            return "#" + self.anchor(self.key, parts.fragment)
        target = self.by_url.get(_normal(posixpath.join(self.base, parts.path)))
        if target is not None:
            return "#" + self.anchor(target, parts.fragment)
        # Not in the document: a page left out, a file, the other language.
        return urljoin(self.address, url) if self.address else self.source(url)

    def anchor(self, key: str, fragment: str) -> str:
        """The id a fragment of the page `key` now has; the page's section when the page has no
        such id (the link check reports it at the source)."""
        fragment = unquote(fragment)
        return f"{key}{SEPARATOR}{fragment}" if fragment in self.ids.get(key, ()) else key

    def source(self, url: str) -> str:
        """A file's address from the print page, at the root of the language's site."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(NOT_PAGES) or not parts.path:
            return url
        path = posixpath.normpath(posixpath.join(self.base, parts.path))
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return path + query + fragment
