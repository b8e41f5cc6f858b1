"""Every link of every built page leads somewhere, including those the theme and overrides add.

This catches what the sources cannot show: the header, navigation, footer, language switch and
anything a template writes. A finding points at the Markdown source when the link is written there,
and at the built page otherwise. Links between languages are allowed only from the language switch
(links that carry `hreflang`). The PDF of the course is made after the build (`make pdf`), so a link
to it is not reported when it is not there yet.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.pdf import pdf_targets
from scripts.site import HtmlLink

NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:")
SITE_DIR_LABEL = "site"


def check(context: Context) -> list[Finding]:
    base_path = context.project.base_path
    findings: list[Finding] = []
    made_later = set(pdf_targets(context.project))
    for page_path in context.site.html_pages():
        # A 404 page is served at any depth, so MkDocs gives it absolute URLs below site_url.
        page_base = base_path if page_path.rsplit("/", 1)[-1] == "404.html" else "/"
        for link in context.site.page(page_path).links:
            finding = _check_link(context, page_path, page_base, link, made_later)
            if finding:
                findings.append(finding)
    return findings


def _check_link(context: Context, page_path: str, page_base: str, link: HtmlLink,
                made_later: set[str] = frozenset()) -> Finding | None:
    parts = urlsplit(link.url)
    if not link.url or link.url.startswith(NOT_CHECKED) or parts.scheme or parts.netloc:
        return None
    if parts.path.endswith(".md"):
        # MkDocs rewrites every link to an existing page; one left as '.md' comes from a Markdown
        # link or a nav entry to a missing page, which the source-level checks already point at.
        return None
    if link.url.startswith("/") and page_base == "/":
        return _finding(context, page_path, link, "absolute-link",
                        f"absolute link '{link.url}': it breaks when the site is served under a sub-path",
                        "make the link relative")
    target = context.site.resolve(page_path, link.url, page_base)
    if target is None:
        return None
    key = (page_path, target.path, target.fragment)
    if key in context.reported:
        return None
    if not context.site.exists(target):
        if link.hreflang:
            return None  # the language switch falls back to the home page; parity reports the gap
        if target.path in made_later:
            return None  # the PDF of the course: `make pdf` prints it from the built site
        return _finding(context, page_path, link, "link", f"'{link.url}' leads nowhere in the built site")
    if not context.site.has_anchor(target):
        return _finding(context, page_path, link, "anchor",
                        f"'{link.url}': no id '{target.fragment}' in {context.source_name(target.path)}")
    here, there = context.language_at(page_path), context.language_at(target.path)
    if here is not there and link.hreflang is None:
        return _finding(context, page_path, link, "cross-language",
                        f"'{link.url}' leads from the {here.name} pages into the {there.name} ones",
                        "link to the page of the same language; only the language switch crosses over")
    return None


def _finding(context: Context, page_path: str, link: HtmlLink, code: str, message: str, hint: str = "") -> Finding:
    """Point at the Markdown line that wrote the link if there is one, else at the built page."""
    source = context.source_by_dest.get(page_path)
    if source:
        _, page = source
        written = next((candidate for candidate in page.links if candidate.url == link.url), None)
        if written:
            if (page.display, written.line, written.col) in context.reported_places:
                return None
            return Finding(page.display, written.line, written.col, code, message, hint)
        hint = hint or f"the link comes from the theme or overrides/, on the page built from {page.display}"
    else:
        hint = hint or "the link comes from the theme or overrides/"
    return Finding(f"{SITE_DIR_LABEL}/{page_path}", link.line, link.col, code, message, hint)
