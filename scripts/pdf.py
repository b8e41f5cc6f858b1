"""`make pdf`: the whole course as one PDF per language, printed from the built site's print page.

Each language's `print.html` (scripts/hooks/print_page.py) is opened from a local server in headless
Chromium (Debian's, as the browser tests use it) and printed with Playwright's `page.pdf`: A4, the
print styles of the site (no header, navigation or footer; every content tab and collapsed block
shown), an outline made from the headings (part > page > section), a tagged PDF, and a footer
with the site's name and "Page X of Y" in the language of the course. The table of contents and
every link between pages are links inside the document, which Chromium keeps.

The PDF goes where extra.print.pdf says, below each language's root in the site folder
(site/pdf/aws-big-picture-en.pdf, site/fr/pdf/aws-big-picture-fr.pdf), where the footer of every
page links to it: publish the site after `make pdf`, not after `make build` alone.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import ConfigurationError

from scripts import chromium
from scripts.hooks.print_page import PAGE, settings, strings
from scripts.project import Language, Project

FORMAT = "A4"
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
LOAD_TIMEOUT_MS = 60_000
# Chromium prints the header and footer templates at a font size of zero unless they set one.
FOOTER = ('<div style="width:100%;margin:0 14mm;display:flex;justify-content:space-between;'
          'font-family:system-ui,sans-serif;font-size:8px;color:#555">'
          '<span>{title}</span><span>{number}</span></div>')
EMPTY_HEADER = "<span></span>"
# Wait for every image (the diagrams) and font before printing.
READY = "() => [...document.images].every(image => image.complete) && document.fonts.status === 'loaded'"


class PdfError(Exception):
    """Something the PDFs cannot be made without: one line for the reader."""


@dataclass(frozen=True)
class Rendered:
    language: Language
    path: Path
    pages: int
    size: int  # bytes


def pdf_targets(project: Project) -> dict[str, Language]:
    """Where each language's PDF goes, relative to the site's root: 'pdf/aws-big-picture-en.pdf'."""
    targets = {}
    for language in project.languages:
        try:
            found = settings(language.config)
        except ConfigurationError:  # the build reports it, at the configuration
            continue
        if found is not None:
            targets[language.prefix + found.pdf] = language
    return targets


def print_pages(project: Project) -> list[str]:
    """Each language's print page, relative to the site's root: 'print.html', 'fr/print.html'."""
    return [language.prefix + PAGE for language in pdf_targets(project).values()]


def footer(language: Language) -> str:
    words = strings(language.config)
    number = html.escape(words.get("page_number", "{page} / {pages}"))
    number = number.replace("{page}", '<span class="pageNumber"></span>')
    number = number.replace("{pages}", '<span class="totalPages"></span>')
    return FOOTER.format(title=html.escape(language.config.site_name or ""), number=number)


def render(project: Project, site: Path, browser=None) -> list[Rendered]:
    """Print every language's print page of the built `site` into its PDF, in the site, with
    `browser` (a Playwright Browser) or a headless Chromium of its own."""
    from playwright.sync_api import Error as PlaywrightError  # test dependencies: only this command needs them

    from scripts.preview import serving

    targets = pdf_targets(project)
    if not targets:
        raise PdfError("mkdocs.yml has no extra.print: there is no print page to make a PDF of")
    for language in targets.values():
        page = site / language.prefix / PAGE
        if not page.is_file():
            raise PdfError(f"no print page in {project.display(site)}/: {project.display(page)} is missing "
                           "(run 'make build' first)")
    if browser is None and not Path(chromium.EXECUTABLE).is_file():
        raise PdfError(f"make pdf needs Debian's chromium at {chromium.EXECUTABLE} (sudo apt-get install chromium)")
    try:
        with serving(site, project.site_url) as url:
            if browser is not None:
                return [_print(browser, url, site, target, language) for target, language in targets.items()]
            with chromium.launched() as own:
                return [_print(own, url, site, target, language) for target, language in targets.items()]
    except PlaywrightError as error:
        raise PdfError(f"Chromium could not print the course: {str(error).splitlines()[0]}") from None


def _print(browser, url: str, site: Path, target: str, language: Language) -> Rendered:
    """One language's print page, served at `url`, into `site/target`."""
    from pypdf import PdfReader

    output = site / target
    output.parent.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(color_scheme="light")
    try:
        tab = context.new_page()
        chromium.open_page(tab, url + language.prefix + PAGE, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        tab.wait_for_function(READY, timeout=LOAD_TIMEOUT_MS)
        tab.pdf(path=str(output), format=FORMAT, margin=MARGIN, print_background=True, outline=True, tagged=True,
                display_header_footer=True, header_template=EMPTY_HEADER, footer_template=footer(language))
    finally:
        context.close()
    return Rendered(language, output, len(PdfReader(output).pages), output.stat().st_size)


def run(project: Project, site: Path) -> int:
    try:
        rendered = render(project, site)
    except PdfError as error:
        print(f"python -m scripts pdf: {error}", file=sys.stderr)
        return 2
    for done in rendered:
        print(f"{project.display(done.path)}: {done.language.name}, {done.pages} pages, "
              f"{done.size / 1_000_000:.1f} MB")
    return 0
