"""The whole course, printable: the print page of each language (scripts/hooks/print_page.py) and
its PDF (scripts/pdf.py, `make pdf`).

The print page is read in headless Chromium, as a reader (or `make pdf`) opens it; the PDF is read
back with pypdf: its pages, its outline, its links and its text. What each language's course holds
comes from the configuration and the sources (the nav, extra.print.leave_out, each page's title),
not from the print page itself.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from scripts.audit import validate_html
from scripts.build import read_sources, run_checks
from scripts.checks.navigation import nav_pages
from scripts.hooks.print_page import PAGE, settings, strings
from scripts.pdf import Rendered, render
from scripts.project import Language, load_project
from scripts.sources import read_pages
from tests.conftest import Project, page
from tests.support import REPO, Reader, serving
from tests.test_pages import AXE, problems

PROJECT = load_project(REPO)
LANGUAGES = {language.code: language for language in PROJECT.languages}
SPACES = re.compile(r"\s+")


def course(language: Language) -> list[tuple[str, str]]:
    """Each page of the course, in nav order, with its title (its `#` heading): the nav of the
    language's config, less the pages extra.print leaves out."""
    titles = {source.uri: next(heading.text for heading in source.headings if heading.level == 1)
              for source in read_pages(language.docs_dir, REPO)}
    leave_out = settings(language.config).leave_out
    return [(uri, titles[uri]) for uri in nav_pages(language.config.nav) if uri not in leave_out]


def plain(text: str) -> str:
    """Text with every run of spaces (no-break ones, line breaks) as one space."""
    return SPACES.sub(" ", text).strip()


def test_the_course_leaves_out_the_site_pages_only() -> None:
    for language in PROJECT.languages:
        listed = nav_pages(language.config.nav)
        pages = [uri for uri, _ in course(language)]
        assert set(listed) - set(pages) == {"categories.md", "translations.md", "contributing.md"}
        assert len(pages) > 25


# The print page, built -------------------------------------------------------------------------

def test_a_small_site_gets_a_print_page_with_links_inside_it(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "See [the pricing](#pricing) and [home](index.md).\n\n"
                                               "## Pricing { #pricing }\n\n??? question \"Why?\"\n\n    Because."))
    project.write("fr/guide.md", page("Guide", "Voir [les tarifs](#pricing) et [l\u2019accueil](index.md).\n\n"
                                               "## Tarifs { #pricing }\n\n??? question \"Pourquoi\u00a0?\"\n\n"
                                               "    Parce que."))
    outcome = project.validate()
    assert outcome.errors == 0, outcome.findings
    printed = (project.root / "out" / PAGE).read_text(encoding="utf-8")
    article = printed[printed.index("<article"):printed.index("</article>")]
    assert re.findall(r'data-source="([^"]+)"', article) == ["index.md", "guide.md"]
    assert 'href="#guide"' in article  # the home page's link to the guide
    assert 'href="#guide--pricing"' in article and 'id="guide--pricing"' in article
    assert 'href="#home"' in article
    assert re.search(r"<details [^>]*\bopen\b", article), "collapsed blocks print open"
    assert '<meta name="robots" content="noindex">' in printed
    assert PAGE not in (project.root / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert (project.root / "out" / "fr" / PAGE).is_file()


def test_the_build_checks_the_print_page_after_the_pages_it_repeats(project: Project) -> None:
    out = project.root / "out"
    assert project.validate(out).errors == 0
    printed = out / PAGE
    printed.write_text(printed.read_text(encoding="utf-8").replace(
        "</article>", '<a href="#nowhere">Lost</a></article>'), encoding="utf-8")
    loaded = load_project(project.root)
    assert [(finding.path, finding.code) for finding in run_checks(loaded, read_sources(loaded), out, [])] == [
        ("site/print.html", "anchor")]
    # A page's own problem, which the print page repeats, is reported at the page only.
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\n![A diagram](nowhere.svg)"))
    outcome = project.validate(out)
    assert [(finding.path, finding.code) for finding in outcome.findings] == [("docs/en/guide.md", "image")]


def test_a_wrong_pdf_setting_is_one_line_per_language(project: Project) -> None:
    # Links to anchors: the site checks must not read the pages of a build that stopped.
    project.write("en/index.md", page("Home", "See [the pricing](guide.md#pricing)."))
    project.write("fr/index.md", page("Accueil", "Voir [les tarifs](guide.md#pricing)."))
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(\n    pdf: )\S+", r"\1course.txt", text, count=1), encoding="utf-8")
    result = project.run("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all("extra.print.pdf must name a .pdf file" in line for line in lines), lines
    assert "Traceback" not in result.stdout + result.stderr


def test_make_pdf_without_a_built_site_is_one_line(project: Project, tmp_path: Path) -> None:
    result = project.run("pdf", "--site-dir", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "run 'make build' first" in result.stderr
    assert "Traceback" not in result.stderr


# The print page, in the browser ----------------------------------------------------------------

@pytest.fixture(scope="module")
def site(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def reader(browser: Browser, site: str) -> Iterator[Reader]:
    tab = Reader(browser, "{0.scheme}://{0.netloc}/".format(urlsplit(site)))
    yield tab
    tab.context.close()


def visit(reader: Reader, url: str) -> None:
    """Open `url` on a screen (a test before may have emulated print)."""
    reader.forget()
    reader.page.emulate_media(media="screen")
    reader.open(url)
    reader.settle()


def open_print_page(reader: Reader, site: str, language: Language) -> None:
    visit(reader, site + language.prefix + PAGE)


SECTIONS = """() => [...document.querySelectorAll('article section.print-page')].map(section => [
    section.dataset.source, section.querySelector('h1, h2, h3').textContent.trim()])"""
# Material's scripts make every link of the page absolute: a link stays inside the document when it
# leads to this very address, with a fragment.
CONTENTS = """() => [...document.querySelectorAll('article .print-toc a')].map(link => {
    const url = new URL(link.href);
    const inside = url.origin + url.pathname === location.origin + location.pathname && url.hash.length > 1;
    return [link.textContent.trim(), inside ? document.getElementById(url.hash.slice(1))?.dataset.source : null];
})"""
LINKS = """() => [...document.querySelectorAll('article a[href]')].map(link => {
    const url = new URL(link.href);
    if (url.origin + url.pathname + url.search !== location.origin + location.pathname) {
        return [link.getAttribute('href'), url.protocol, url.origin === location.origin ? 'this site' : 'the web'];
    }
    const target = url.hash.length > 1 ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
    return [link.getAttribute('href'), url.protocol, target === null ? 'missing anchor' : 'inside'];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_print_page_holds_every_page_of_the_course_in_nav_order(reader: Reader, site: str, code: str) -> None:
    language = LANGUAGES[code]
    open_print_page(reader, site, language)
    expected = course(language)
    shown = [(source, plain(title)) for source, title in reader.page.evaluate(SECTIONS)]
    assert shown == [(source, plain(title)) for source, title in expected]
    # The table of contents lists them too, each linked to its page's section.
    contents = reader.page.evaluate(CONTENTS)
    assert [(source, plain(title)) for title, source in contents] == shown
    assert reader.page.locator("article .print-toc h2").text_content() == strings(language.config)["contents"]


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_no_link_of_the_print_page_leaves_the_document(reader: Reader, site: str, code: str) -> None:
    """Every link of the course is an anchor of the document that exists, or a web address."""
    language = LANGUAGES[code]
    open_print_page(reader, site, language)
    links = reader.page.evaluate(LINKS)
    assert len(links) > 500
    assert [(href, where) for href, _, where in links if where in ("this site", "missing anchor")] == []
    assert [href for href, protocol, _ in links if protocol not in ("http:", "https:")] == []
    assert sum(1 for *_, where in links if where == "inside") > 300, "links between pages lead inside"
    # A page the course leaves out is reached on the site, by its full address.
    own_site = [href for href, *_ in links if href.startswith(PROJECT.site_url)]
    assert own_site and all(urlsplit(href).path.rstrip("/").endswith(("contributing", "categories", "translations"))
                            for href in own_site), own_site


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_print_page_is_accessible_and_private(reader: Reader, site: str, code: str) -> None:
    open_print_page(reader, site, LANGUAGES[code])
    assert problems(reader, AXE.read_text(encoding="utf-8"), "light") == []


PRINTED = """() => ({
    hiddenTabs: [...document.querySelectorAll('article .tabbed-block')].filter(b => !b.checkVisibility()).length,
    tabs: document.querySelectorAll('article .tabbed-block').length,
    closed: document.querySelectorAll('article details:not([open])').length,
    details: document.querySelectorAll('article details').length,
    images: [...document.querySelectorAll('article img')].filter(i => i.checkVisibility()).map(i => i.naturalWidth),
    diagrams: document.querySelectorAll('article img[src*="#only-light"]').length,
    chrome: [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .md-tabs')]
        .filter(e => e.checkVisibility()).length,
})"""


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_printing_shows_every_tab_collapsed_block_and_diagram_without_the_chrome(reader: Reader, site: str,
                                                                                  code: str) -> None:
    open_print_page(reader, site, LANGUAGES[code])
    reader.page.emulate_media(media="print")
    printed = reader.page.evaluate(PRINTED)
    assert printed["tabs"] > 40 and printed["hiddenTabs"] == 0
    assert printed["details"] > 80 and printed["closed"] == 0
    # The diagrams, drawn for the light scheme, as paper is; each one loaded.
    assert printed["diagrams"] >= 4 and len(printed["images"]) == printed["diagrams"]
    assert all(width > 0 for width in printed["images"])
    assert printed["chrome"] == 0


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_links_to_the_pdf_and_the_print_page(reader: Reader, site: str, code: str) -> None:
    language = LANGUAGES[code]
    words = strings(language.config)
    visit(reader, site + language.prefix + "core-services/s3/")
    pdf = reader.page.get_by_role("link", name=words["download"])
    assert urljoin(reader.page.url, pdf.get_attribute("href")) == site + language.prefix + settings(language.config).pdf
    print_page = reader.page.get_by_role("link", name=words["page_link"])
    print_page.click()
    reader.page.wait_for_url(site + language.prefix + PAGE)
    assert reader.page.locator("article section.print-page").count() == len(course(language))


@pytest.mark.nu
def test_the_print_pages_are_valid_html(real_site: Path, tmp_path: Path) -> None:
    """Also in tests/test_html.py, with every page: here alone, for a quick run."""
    for language in PROJECT.languages:
        target = tmp_path / language.prefix / PAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real_site / language.prefix / PAGE, target)
    assert validate_html(REPO, tmp_path) == []


# The PDF ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(real_site: Path, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """`make pdf`'s function on a copy of the real site (the shared one stays as the build left it)."""
    copy = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(real_site, copy)
    return {rendered.language.code: rendered for rendered in render(PROJECT, copy, browser=browser)}


def outline_titles(reader: PdfReader) -> list[tuple[str, int, int]]:
    """Every entry of the outline, nested ones included, in order, with its depth (0 for the
    top level) and its sheet (from 0)."""
    found = []

    def walk(entries: list, depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((plain(entry.title), depth, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_pdf_has_every_page_of_the_course_in_its_outline_and_text(pdfs: dict[str, Rendered],
                                                                       code: str) -> None:
    language, rendered = LANGUAGES[code], pdfs[code]
    expected = [plain(title) for _, title in course(language)]
    assert rendered.path.as_posix().endswith("/site/" + language.prefix + settings(language.config).pdf)
    pdf = PdfReader(rendered.path)
    assert len(pdf.pages) == rendered.pages > 3 * len(expected), "every page of the course starts a sheet"
    # The parts and the pages outside them are the top level of the outline, the pages of a part
    # the level below: every page of the course is there, in nav order, each on a sheet after the
    # previous one's.
    pages = [(title, number) for title, depth, number in outline_titles(pdf) if depth <= 1]
    titles = [title for title, _ in pages]
    assert [title for title in expected if title not in titles] == []
    firsts = [next(number for title, number in pages if title == wanted) for wanted in expected]
    assert firsts == sorted(firsts) and len(set(firsts)) == len(firsts)
    # Each title is in the text of the sheet the outline leads to (pypdf reads a sheet in a tenth
    # of a second: all of them would take half a minute).
    assert [title for title, number in zip(expected, firsts, strict=True)
            if title not in plain(pdf.pages[number].extract_text())] == []
    number = strings(language.config)["page_number"].format(page=1, pages=len(pdf.pages))
    assert number in plain(pdf.pages[0].extract_text())


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_links_of_the_pdf_lead_inside_it(pdfs: dict[str, Rendered], code: str) -> None:
    """The contents link each page to the sheet that shows its title; links between pages stay links."""
    language = LANGUAGES[code]
    pdf = PdfReader(pdfs[code].path)
    destinations = pdf.named_destinations
    internal = 0
    for sheet in pdf.pages:
        for annotation in sheet.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link" and "/Dest" in link:
                assert str(link["/Dest"]) in destinations
                internal += 1
    assert internal > 300
    contents = [annotation.get_object() for sheet in pdf.pages[:3] for annotation in sheet.get("/Annots") or []]
    targets = [pdf.get_destination_page_number(destinations[str(link["/Dest"])]) for link in contents
               if "/Dest" in link]
    expected = course(language)
    assert len(targets) >= len(expected)
    for (_, title), target in zip(expected, targets, strict=False):
        assert plain(title) in plain(pdf.pages[target].extract_text()), (title, target + 1)
