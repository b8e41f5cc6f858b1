"""What readers see of the translation records (scripts/translations.py).

- An outdated translated page opens with a short notice in its language, linking to the English page,
  until its record is updated.
- A line that holds nothing but `<!-- translations -->` becomes the table of every page with the
  status of its translation and the day of its record: the status page, in every language.
- A page that `extra.translations.allow_missing` lets a language lack is served from the default
  language's docs under that language's prefix: a notice in the site's language, the English content
  marked `lang="en"`, `noindex`, hreflang alternates to the English page only, and a marker after
  its title in the nav. Without that setting the page is not served, and the build fails (parity).

Each language's build reads every language's pages (the notice needs the English text, the status
page every translation), finding their folders from the config files of extra.languages.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils.yaml import yaml_load

from scripts.checks.navigation import nav_pages
from scripts.project import config_file_for
from scripts.sources import read_pages
from scripts.translations import State, Status, allowed_missing, statuses

MARKER = "<!-- translations -->"
STRINGS = "translation"  # extra.strings.translation: the notices and the status page's words
STATE_STRINGS = {State.UP_TO_DATE: "up_to_date", State.OUTDATED: "outdated", State.MISSING: "missing",
                 State.UNRECORDED: "unrecorded"}
SERVED = "served"  # the state string of a missing page the site serves from the default language
NO_DATE = "\u2014"
HEAD_END = "</head>"
NOINDEX = '<meta name="robots" content="noindex">'
SITEMAP = "sitemap.xml"


@dataclass
class _Build:
    """What this language's build knows of every translation, from on_files on."""

    current: str
    default: str
    names: dict[str, str]  # language code: name
    titles: dict[str, dict[str, str]]  # language code: page uri: title
    statuses: dict[str, dict[str, Status]]  # translation language code: page uri: status
    served: dict[str, str] = field(default_factory=dict)  # uri: url of the pages served from the default language


_build: _Build | None = None


def on_files(files, config):
    global _build
    root = Path(config.config_file_path).parent
    folders = _docs_dirs(config, root)
    _build = _read(config, {code: read_pages(folder, root, outline=True) for code, folder in folders.items()})
    if _build.current != _build.default:
        _serve_missing(files, config, folders[_build.default])
    return files


def _read(config, pages: dict[str, list]) -> _Build:
    """Every page's title, and the status of every translation, from every language's pages."""
    i18n = config.extra["i18n"]
    default = i18n["default"]
    return _Build(
        i18n["current"], default, {language["code"]: language["name"] for language in i18n["languages"]},
        {code: {page.uri: str(page.meta.get("title") or page.uri) for page in found} for code, found in pages.items()},
        {code: {status.uri: status
                for status in statuses(pages[default], found, code, allowed_missing(config.extra, code))}
         for code, found in pages.items() if code != default},
    )


def _serve_missing(files, config, default_docs: Path) -> None:
    """Add to this site, from the default language's docs, each page it may lack and lacks."""
    for status in _build.statuses[_build.current].values():
        if status.state is State.MISSING and status.allowed and files.get_file_from_path(status.uri) is None:
            file = File(status.uri, str(default_docs), config.site_dir, config.use_directory_urls)
            files.append(file)
            _build.served[status.uri] = file.url


def _docs_dirs(config, root: Path) -> dict[str, Path]:
    """Every language's docs folder: this one's from its config, the others' from their config files."""
    i18n = config.extra["i18n"]
    folders = {}
    for language in i18n["languages"]:
        code = language["code"]
        if code == i18n["current"]:
            folders[code] = Path(config.docs_dir)
            continue
        path = config_file_for(root, code, i18n["default"])
        try:
            with path.open("rb") as file:
                folders[code] = (path.parent / yaml_load(file).get("docs_dir", "docs")).resolve()
        except (OSError, ValueError) as error:
            raise PluginError(f"cannot read the docs_dir of {path.name}: {error}") from None
    return folders


def on_page_markdown(markdown, page, config, **_):
    if _build is None:
        return markdown
    uri = page.file.src_uri
    if uri in _build.served:
        _present_as_served(page, config)
    if MARKER not in markdown:
        return markdown
    table = status_table(_build, config.extra.get("strings", {}).get(STRINGS, {}), uri, nav_pages(config.nav))
    return "\n".join(table if line.strip() == MARKER else line for line in markdown.split("\n"))


def _present_as_served(page, config) -> None:
    """The served page's title carries the nav's marker, its categories are named in this language
    (extra.categories), and it has no edit link: there is no file of this language to edit."""
    strings = config.extra.get("strings", {}).get(STRINGS, {})
    page.meta["title"] = f"{page.meta.get('title') or page.title} {strings.get('nav_marker', '')}".strip()
    names = {entry.get(_build.default): entry.get(_build.current) for entry in config.extra.get("categories") or []}
    if isinstance(page.meta.get("tags"), list):
        page.meta["tags"] = [names.get(tag) or tag for tag in page.meta["tags"]]
    page.edit_url = None


def status_table(build: _Build, strings: dict, here: str, order: list[str]) -> str:
    """A Markdown table: a row per page of the default language, in nav order, linked from `here`;
    for each translation language, its status and the day of its record."""
    states = strings.get("states", {})
    header = [strings.get("page", "Page")]
    updated = strings.get("updated", "Last update")
    for code in build.statuses:
        header += [build.names[code], f"{updated} ({build.names[code]})" if len(build.statuses) > 1 else updated]
    rows = [header, ["---"] * len(header)]
    pages = build.titles[build.default]
    for uri in [uri for uri in order if uri in pages] + sorted(set(pages) - set(order)):
        row = [_page_cell(build, uri, here)]
        for found in build.statuses.values():
            status = found.get(uri)
            key = SERVED if status and status.allowed else STATE_STRINGS[status.state] if status else ""
            row += [states.get(key, key), status.record.date if status and status.record and status.record.date
                    else NO_DATE]
        rows.append(row)
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)


def _page_cell(build: _Build, uri: str, here: str) -> str:
    """The page's title in this site's language (the default one's when it has none), linked when
    this site serves the page."""
    own = build.titles.get(build.current, {})
    title = own.get(uri) or build.titles[build.default][uri]
    if uri not in own and uri not in build.served:
        return title
    return f"[{title}]({posixpath.relpath(uri, posixpath.dirname(here) or '.')})"


def on_page_content(content, page, config, **_):
    if _build is None or _build.current == _build.default:
        return content
    uri = page.file.src_uri
    status = _build.statuses[_build.current].get(uri)
    strings = config.extra.get("strings", {}).get(STRINGS, {})
    if uri in _build.served:
        return notice(strings, "missing", page.url, _build.default) + f'<div lang="{_build.default}">{content}</div>'
    if status and status.state is State.OUTDATED:
        return notice(strings, "outdated", page.url, _build.default) + content
    return content


def notice(strings: dict, kind: str, url: str, default: str) -> str:
    """A note in the site's language, before the page's content, linking to the default language's
    page (`hreflang`: the only links that cross languages, like the language switch)."""
    to_original = "../" * url.count("/") + "../" + url
    return (
        f'<div class="translation-notice" role="note">'
        f'<p class="translation-notice__title">{html.escape(strings.get(kind + "_title", ""))}</p>'
        f'<p>{html.escape(strings.get(kind, ""))} '
        f'<a href="{html.escape(to_original)}" hreflang="{default}">{html.escape(strings.get("original", ""))}</a></p>'
        f"</div>\n"
    )


def on_post_page(output, page, config):
    """A served page is not indexed in this language, and its alternates name the English page only."""
    if _build is None or page.file.src_uri not in _build.served:
        return output
    own = re.compile(rf'<link rel="alternate" hreflang="{re.escape(_build.current)}" href="[^"]*">\s*')
    return own.sub("", output).replace(HEAD_END, NOINDEX + HEAD_END, 1)


def on_post_template(output_content, template_name, config):
    """The sitemap leaves out the served pages: a search engine is not to index them (noindex)."""
    if template_name != SITEMAP or _build is None or not _build.served:
        return output_content
    for url in _build.served.values():
        entry = re.compile(rf"\s*<url>\s*<loc>{re.escape((config.site_url or '') + url)}</loc>.*?</url>", re.DOTALL)
        output_content = entry.sub("", output_content)
    return output_content
