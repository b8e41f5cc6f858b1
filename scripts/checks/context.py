"""What every check reads: the project, the Markdown sources and the built site."""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, field
from functools import cached_property

from mkdocs.structure.files import File

from scripts.project import Language, Project
from scripts.site import BuiltSite
from scripts.sources import SourcePage


@dataclass
class Context:
    project: Project
    sources: dict[str, list[SourcePage]]  # by language code
    site: BuiltSite  # the whole site: the default language at its root, the others below it
    # What the source-level link check reported, so that the built-site check does not report it
    # a second time: the broken targets, as (page, target, fragment) in the built site, and the
    # places in the sources, as (path, line, col).
    reported: set[tuple[str, str, str]] = field(default_factory=set)
    reported_places: set[tuple[str, int, int]] = field(default_factory=set)
    # Findings on the sources that one on the built site replaces, as (path, line, code).
    superseded: set[tuple[str, int, str]] = field(default_factory=set)

    def pages(self, language: Language) -> dict[str, SourcePage]:
        return {page.uri: page for page in self.sources[language.code]}

    def dest_of(self, language: Language, uri: str) -> str:
        """The built file of the source `uri`, relative to the site root (MkDocs' own mapping)."""
        config = language.config
        file = File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        return language.prefix + file.dest_uri

    @cached_property
    def source_by_dest(self) -> dict[str, tuple[Language, SourcePage]]:
        return {
            self.dest_of(language, page.uri): (language, page)
            for language in self.project.languages
            for page in self.sources[language.code]
        }

    def source_name(self, site_path: str) -> str:
        """The page a built file comes from, as its docs folder names it ('part/page.md'): what a
        contributor edits and links to. The built path when no page makes it."""
        source = self.source_by_dest.get(site_path)
        return source[1].uri if source else site_path

    def in_other_language(self, language: Language, uri: str) -> bool:
        """Whether the page `uri` is missing in `language` but exists in another one: the parity
        check reports that once, as a missing translation."""
        return uri not in self.pages(language) and any(
            uri in self.pages(other) for other in self.project.languages if other is not language)

    def language_at(self, site_path: str) -> Language:
        """The language a path of the built site belongs to."""
        prefixed = [language for language in self.project.languages if language.prefix]
        for language in sorted(prefixed, key=lambda language: -len(language.prefix)):
            if site_path.startswith(language.prefix):
                return language
        return self.project.default


def did_you_mean(wanted: str, candidates: list[str] | set[str], template: str = "did you mean '{}'?") -> str:
    match = difflib.get_close_matches(wanted, sorted(candidates), n=1, cutoff=0.75)
    return template.format(match[0]) if match else ""


def did_you_mean_page(wanted: str, pages: list[str] | set[str] | dict, relative_to: str = "") -> str:
    """A hint naming the page whose file name is closest to `wanted`'s, as a path from `relative_to`.

    Names, not whole paths: 'core-services/s3.md' is not a typo of 'core-services/ec2.md'.
    """
    by_name: dict[str, list[str]] = {}
    for uri in pages:
        by_name.setdefault(_page_name(uri), []).append(uri)
    match = difflib.get_close_matches(_page_name(wanted), sorted(by_name), n=1, cutoff=0.75)
    if not match:
        return ""
    uri = by_name[match[0]][0]
    shown = posixpath.relpath(uri, posixpath.dirname(relative_to) or ".") if relative_to else uri
    return f"did you mean '{shown}'?"


def _page_name(uri: str) -> str:
    """What tells a page apart: its file name, or its folder's name for an index page."""
    folder, name = posixpath.split(uri)
    return posixpath.basename(folder) + "/" if name == "index.md" and folder else name
