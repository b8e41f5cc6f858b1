"""Every page of both languages, as a reader's browser shows it, in the light and the dark scheme.

The pages come from the sources, through MkDocs' own mapping of a source to its built file, not from
a list kept by hand; a test checks that both sitemaps list exactly those pages. Each page is a test
of its own, so that pytest-xdist shares them out between its workers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from scripts.checks.context import Context
from scripts.project import Language, load_project
from scripts.sources import ADMONITION, INLINE_CODE, Admonition, SourcePage, read_pages
from tests.support import REPO, SITE_PATH, Reader, serving

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOC = re.compile(r"<loc>([^<]+)</loc>")
CODE_BLOCK = re.compile(r"<pre\b[^>]*>(?:<span></span>)?<code\b")
PROJECT = load_project(REPO)
# The Markdown page behind each path of the built site, with its language (MkDocs' own mapping).
SOURCES: dict[str, tuple[Language, SourcePage]] = {
    dest.removesuffix("index.html"): found
    for dest, found in Context(PROJECT, {language.code: read_pages(language.docs_dir, REPO)
                                         for language in PROJECT.languages}, site=None).source_by_dest.items()
}
PAGES = sorted(SOURCES)


def sitemap_paths(site: Path) -> list[str]:
    """Every page both sitemaps list, as a path below site_url."""
    production = {urlsplit(loc).path for sitemap in (site / "sitemap.xml", site / "fr" / "sitemap.xml")
                  for loc in LOC.findall(sitemap.read_text())}
    return sorted(path.removeprefix(SITE_PATH) for path in production)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


def test_both_sitemaps_list_every_page_of_the_sources(real_site: Path) -> None:
    paths = sitemap_paths(real_site)
    english = [path for path in paths if not path.startswith("fr/")]
    french = [path.removeprefix("fr/") for path in paths if path.startswith("fr/")]
    assert english == french
    assert paths == PAGES
    assert len(english) > 30


@pytest.fixture(scope="module")
def axe() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tabs(browser: Browser, site: str) -> Iterator[Callable[[str], Reader]]:
    """One tab per colour scheme, for every page of this module: each test starts a new record."""
    opened: dict[str, Reader] = {}

    def tab(scheme: str = "light") -> Reader:
        if scheme not in opened:
            opened[scheme] = Reader(browser, "{0.scheme}://{0.netloc}/".format(urlsplit(site)), color_scheme=scheme)
        opened[scheme].forget()
        return opened[scheme]

    yield tab
    for reader in opened.values():
        reader.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_the_light_scheme(tabs: Callable[[str], Reader], site: str, axe: str, path: str,
                                        subtests: pytest.Subtests) -> None:
    """One visit per page, each property a subtest of its own: accessible, private and error free;
    admonitions titled in the page's language; every copy button copies its code; and, last, since
    it leaves the page, the language switch lands on the counterpart."""
    reader = tabs("light")
    reader.open(site + path)
    reader.settle()
    with subtests.test("accessible, private and error free"):
        assert problems(reader, axe, "light") == []
    with subtests.test("admonitions titled in the page's language"):
        shown = reader.page.evaluate(ADMONITIONS_SHOWN, list(PROJECT.default.config.extra["admonitions"]))
        assert shown == titles_written(*SOURCES[path])
    with subtests.test("every copy button copies its code"):
        assert copy_problems(reader) == []
    with subtests.test("the language switch lands on the counterpart"):
        assert switch_landing(reader, site, path) == site + counterpart(path)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_the_dark_scheme(tabs: Callable[[str], Reader], site: str, axe: str, path: str) -> None:
    reader = tabs("dark")
    reader.open(site + path)
    reader.settle()
    assert problems(reader, axe, "dark") == []


def problems(reader: Reader, axe: str, scheme: str) -> list[str]:
    """No WCAG 2.1 A/AA violation (axe-core), no failed or third-party request, no console error."""
    assert reader.page.evaluate("document.body.dataset.mdColorScheme") == (
        "slate" if scheme == "dark" else "default")
    reader.page.add_script_tag(content=axe)
    result = reader.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    found = [f"{violation['id']} at {violation['nodes'][0]['target']}" for violation in result["violations"]]
    found += [f"request to another host: {url}" for url in reader.foreign_requests()]
    found += [f"failed request: {url}" for url in reader.failures]
    return found + [f"console: {message}" for message in reader.errors]


def counterpart(path: str) -> str:
    english = path.removeprefix("fr/")
    return english if path.startswith("fr/") else "fr/" + english


def switch_landing(reader: Reader, site: str, path: str) -> str:
    """Where the footer's language switch of the page leads, without its fragment."""
    to_french = not path.startswith("fr/")
    reader.page.locator(".md-footer-languages a[aria-current]").wait_for()
    reader.page.locator(f".md-footer-languages a[hreflang={'fr' if to_french else 'en'}]").click()
    # wait until the page is in the other language, wherever in it the switch landed
    reader.page.wait_for_url(lambda url: url.startswith(site + "fr/") == to_french)
    reader.settle()  # what the landing page loads must not fail when the next test leaves it
    return reader.page.url.split("#")[0]


ADMONITIONS_SHOWN = """types => [...document.querySelectorAll('article .admonition, article details')].map(box => [
    [...box.classList].find(name => types.includes(name)) || box.className,
    box.querySelector(':scope > .admonition-title, :scope > summary').textContent.trim(),
])"""


# What a reader clicks to bring a hidden code block into view: the summary of the closed
# collapsible admonition around it, or else the label of the content tab that holds it.
REVEALER = """block => {
    const closed = [...document.querySelectorAll('article details:not([open])')].find(d => d.contains(block));
    if (closed) return closed.querySelector(':scope > summary');
    const tab = block.closest('.tabbed-block');
    const position = [...tab.parentElement.children].indexOf(tab) + 1;
    return tab.closest('.tabbed-set').querySelector(`:scope > .tabbed-labels > label:nth-child(${position})`);
}"""


def titles_written(language: Language, source: SourcePage) -> list[list[str]]:
    """Each admonition of the page's source, with the title the reader must see: the author's own,
    or the default title of its type in the page's language."""
    defaults = language.config.extra["admonitions"]
    return [[admonition.kind, defaults[admonition.kind] if admonition.title is None else as_shown(source, admonition)]
            for admonition in source.admonitions]


def as_shown(source: SourcePage, admonition: Admonition) -> str:
    """The title as written (the sources mask inline code), as the reader sees it: code without backticks."""
    written = ADMONITION.match(source.text[admonition.line - 1])
    return INLINE_CODE.sub(lambda code: code.group(0).strip("`"), written["title"])


def test_the_site_has_admonitions_to_show() -> None:
    assert sum(len(source.admonitions) for _, source in SOURCES.values()) > 100


def copy_problems(reader: Reader) -> list[str]:
    """Click each code block's copy button, as a reader would, and compare the clipboard with the code."""
    blocks = reader.page.locator("article pre:has(> code)")
    wrong = []
    for index in range(blocks.count()):
        block = blocks.nth(index)
        button = block.locator("button[data-md-type=copy]")
        if button.count() != 1:
            wrong.append(f"code block {index + 1} has no copy button")
            continue
        for _ in range(3):  # in a closed admonition or a content tab: open it, as a reader would
            if block.is_visible():
                break
            block.evaluate_handle(REVEALER).as_element().click()
        reader.page.evaluate("navigator.clipboard.writeText('')")
        button.click()  # Playwright moves the mouse over the block, which shows the button
        text = reader.page.evaluate("navigator.clipboard.readText()")
        if text != block.locator("code").text_content().rstrip("\n"):
            wrong.append(f"code block {index + 1} copied {text[:60]!r}")
    return wrong


def test_the_site_has_code_examples_to_copy(real_site: Path) -> None:
    blocks = sum(len(CODE_BLOCK.findall(page.read_text(encoding="utf-8"))) for page in real_site.rglob("index.html"))
    assert blocks > 50
