"""Links and images written in the Markdown sources (Markdown syntax and raw HTML) lead somewhere.

A link is resolved the way the built site resolves it: a link to a `.md` file, or to any file that
MkDocs copies into the site (an image, a download, a theme asset), is relative to the source file;
any other relative link (`../s3/`) is left as written, so it is relative to the page's URL. An
anchor is compared with the ids MkDocs generated in the target page. A link to a page that exists in
another language only is left to the parity check, which reports the missing translation once.
"""

from __future__ import annotations

import difflib
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.checks.context import Context, did_you_mean, did_you_mean_page
from scripts.diagrams import OUTPUT_FOLDER as DIAGRAMS
from scripts.findings import Finding
from scripts.project import Language
from scripts.site import Target
from scripts.sources import Link, SourcePage

NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:")


def check(context: Context) -> list[Finding]:
    findings: list[Finding] = []
    for language in context.project.languages:
        for page in context.sources[language.code]:
            for link in page.links:
                finding = _check_link(context, language, page, link)
                if finding:
                    findings.append(finding)
                    context.reported_places.add((finding.path, finding.line, finding.col))
    return findings


def _check_link(context: Context, language: Language, page: SourcePage, link: Link) -> Finding | None:
    def found(message: str, hint: str = "", code: str = "link") -> Finding:
        return Finding(page.display, link.line, link.col, code, message, hint)

    if link.is_image and not link.text.strip():
        return found("image without a text alternative", "describe the image between the brackets: ![...](...)",
                     "image-alt")
    parts = urlsplit(link.url)
    if not link.url or link.url.startswith(NOT_CHECKED) or parts.scheme or parts.netloc:
        return None  # external: `make linkcheck` fetches those
    path = unquote(parts.path)
    if path.startswith("/"):
        return found(f"absolute link '{link.url}': it breaks when the site is served under a sub-path",
                     _relative_hint(page.uri, path.lstrip("/")), "absolute-link")

    page_dest = context.dest_of(language, page.uri)
    if not path:
        return _check_anchor(context, page_dest, Target(page_dest, parts.fragment), link, found)

    source_target = posixpath.normpath(posixpath.join(posixpath.dirname(page.uri), path))
    if source_target.startswith(".."):
        return _outside_docs(context, language, page, path, found)

    pages = context.pages(language)
    if source_target in pages and link.kind.startswith("html"):
        return found(f"raw HTML link to '{link.url}': MkDocs only rewrites Markdown links to pages",
                     f"write it as a Markdown link, [text]({link.url})")
    if source_target in pages:
        target = Target(context.dest_of(language, source_target), parts.fragment)
        return _check_anchor(context, page_dest, target, link, found)
    if path.endswith(".md"):
        if context.in_other_language(language, source_target):
            return None  # the parity check asks for the translation
        hint = did_you_mean_page(source_target, pages, page.uri)
        return found(f"link to '{link.url}': no such page in {context.project.display(language.docs_dir)}/", hint)
    copied = Target(language.prefix + source_target, parts.fragment)
    if context.site.exists(copied):
        return None  # a file MkDocs copies into the site: from the docs or from the theme
    target = context.site.resolve(page_dest, link.url)
    if target and context.site.exists(target):
        return _check_anchor(context, page_dest, target, link, found)
    context.reported.add((page_dest, target.path if target else "", parts.fragment))
    if link.is_image:
        return _missing_image(context, language, page, source_target, found)
    return found(f"link '{link.url}' leads nowhere in the built site",
                 "link to the page's .md file, relative to this file")


def _check_anchor(context: Context, page_dest: str, target: Target, link: Link, found) -> Finding | None:
    if context.site.has_anchor(target):
        return None
    context.reported.add((page_dest, target.path, target.fragment))
    ids = {anchor for anchor in context.site.page(target.path).ids if not anchor.startswith("__")}
    where = "on this page" if target.path == page_dest else f"in {context.source_name(target.path)}"
    return found(f"anchor '#{target.fragment}' does not exist {where}",
                 did_you_mean(target.fragment, ids, "did you mean '#{}'?"), "anchor")


def _missing_image(context: Context, language: Language, page: SourcePage, source_target: str, found) -> Finding:
    """An image that is not there: the file it names, the nearest file in that folder, and where
    the diagrams come from."""
    folder = posixpath.dirname(source_target)
    built = context.site.root / language.prefix / folder
    names = sorted(path.name for path in built.iterdir() if path.is_file()) if built.is_dir() else []
    nearest = difflib.get_close_matches(posixpath.basename(source_target), names, n=1, cutoff=0.6)
    diagram = f"/{folder}/".endswith(f"/{DIAGRAMS}/")
    if nearest:
        hint = f"did you mean '{_relative_path(page.uri, posixpath.join(folder, nearest[0]))}'?"
        hint += " A new diagram goes in docs/diagrams.yml, then `make diagrams` draws it" if diagram else ""
    elif diagram:
        hint = "a new diagram goes in docs/diagrams.yml, then `make diagrams` draws it"
    else:
        hint = "check the name and the folder: the path is relative to this file"
    return found(f"image not found: no file {context.project.display(language.docs_dir / source_target)}",
                 hint, "image")


def _outside_docs(context: Context, language: Language, page: SourcePage, path: str, found) -> Finding:
    landing = (page.path.parent / path).resolve()
    for other in context.project.languages:
        docs = other.docs_dir.resolve()
        if other is not language and landing.is_relative_to(docs):
            counterpart = landing.relative_to(docs).as_posix()
            return found(
                f"link into the {other.name} pages ({context.project.display(landing)})",
                f"link to this language's page instead: '{_relative_path(page.uri, counterpart)}'",
                "cross-language",
            )
    return found(f"link '{path}' leads outside {context.project.display(language.docs_dir)}/",
                 "put the file in the docs, or link to it with a full URL")


def _relative_path(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _relative_hint(from_uri: str, to_path: str) -> str:
    candidate = to_path.rstrip("/")
    if not Path(candidate).suffix:
        candidate = (candidate + ".md") if candidate else "index.md"
    return f"use a relative link, such as '{_relative_path(from_uri, candidate)}'"
