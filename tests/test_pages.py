"""Every page of both languages, as a reader's browser shows it, in the light and the dark scheme.

The pages come from the two sitemaps, not from a list kept by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from scripts.checks.context import Context
from scripts.project import Language, load_project
from scripts.site import BuiltSite
from scripts.sources import SourcePage, read_pages
from tests.support import REPO, SITE_PATH, Reader, serving

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOC = re.compile(r"<loc>([^<]+)</loc>")
PROJECT = load_project(REPO)


def sitemap_paths(site: Path) -> list[str]:
    """Every page both sitemaps list, as a path below site_url."""
    production = {urlsplit(loc).path for sitemap in (site / "sitemap.xml", site / "fr" / "sitemap.xml")
                  for loc in LOC.findall(sitemap.read_text())}
    return sorted(path.removeprefix(SITE_PATH) for path in production)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Iterator[str]:
    with serving(real_site, "127.0.0.3") as url:
        yield url


def test_both_sitemaps_list_the_same_pages(real_site: Path) -> None:
    paths = sitemap_paths(real_site)
    english = [path for path in paths if not path.startswith("fr/")]
    french = [path.removeprefix("fr/") for path in paths if path.startswith("fr/")]
    assert english == french
    assert len(english) > 30


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_private_and_error_free(browser: Browser, real_site: Path, site: str,
                                                         scheme: str) -> None:
    """No console error, no failed or third-party request, no WCAG 2.1 A/AA violation (axe-core)."""
    axe = AXE.read_text(encoding="utf-8")
    problems: list[str] = []
    reader = Reader(browser, "{0.scheme}://{0.netloc}/".format(urlsplit(site)), color_scheme=scheme)
    try:
        for path in sitemap_paths(real_site):
            reader.page.goto(site + path)
            reader.page.wait_for_load_state("networkidle")
            assert reader.page.evaluate("document.body.dataset.mdColorScheme") == (
                "slate" if scheme == "dark" else "default")
            reader.page.add_script_tag(content=axe)
            result = reader.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                          WCAG_21_AA)
            problems += [f"{path}: {violation['id']} at {violation['nodes'][0]['target']}"
                         for violation in result["violations"]]
        problems += [f"request to another host: {url}" for url in reader.foreign_requests()]
        problems += [f"failed request: {url}" for url in reader.failures]
        problems += [f"console: {message}" for message in reader.errors]
    finally:
        reader.context.close()
    assert problems == []


def test_the_language_switch_of_every_page_lands_on_its_counterpart(browser: Browser, real_site: Path,
                                                                      site: str) -> None:
    reader = Reader(browser, site)
    wrong = []
    try:
        for path in sitemap_paths(real_site):
            english = path.removeprefix("fr/")
            counterpart = english if path.startswith("fr/") else "fr/" + english
            reader.page.goto(site + path)
            reader.page.locator(".md-footer-languages a[aria-current]").wait_for()
            to_french = not path.startswith("fr/")
            reader.page.locator(f".md-footer-languages a[hreflang={'fr' if to_french else 'en'}]").click()
            # wait until the page is in the other language, wherever in it the switch landed
            reader.page.wait_for_url(lambda url, french=to_french: url.startswith(site + "fr/") == french)
            reader.page.wait_for_load_state()
            if reader.page.url.split("#")[0] != site + counterpart:
                wrong.append(f"{path} -> {reader.page.url}")
    finally:
        reader.context.close()
    assert wrong == []


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


@pytest.fixture(scope="module")
def sources(real_site: Path) -> dict[str, tuple[Language, SourcePage]]:
    """The Markdown page behind each path of the built site, with its language (MkDocs' own mapping)."""
    context = Context(PROJECT, {language.code: read_pages(language.docs_dir, REPO) for language in PROJECT.languages},
                      BuiltSite(real_site))
    return {dest.removesuffix("index.html"): found for dest, found in context.source_by_dest.items()}


def titles_written(language: Language, source: SourcePage) -> list[list[str]]:
    """Each admonition of the page's source, with the title the reader must see: the author's own,
    or the default title of its type in the page's language."""
    defaults = language.config.extra["admonitions"]
    return [[admonition.kind, defaults[admonition.kind] if admonition.title is None else admonition.title]
            for admonition in source.admonitions]


def test_every_admonition_shows_its_title_in_the_page_language(browser: Browser, real_site: Path, site: str,
                                                               sources: dict[str, tuple[Language, SourcePage]]) -> None:
    reader = Reader(browser, site)
    wrong, seen = [], 0
    types = list(PROJECT.default.config.extra["admonitions"])
    try:
        for path in sitemap_paths(real_site):
            reader.page.goto(site + path)
            shown = reader.page.evaluate(ADMONITIONS_SHOWN, types)
            written = titles_written(*sources[path])
            seen += len(shown)
            if shown != written:
                wrong.append(f"{path}: {shown} != {written}")
    finally:
        reader.context.close()
    assert wrong == []
    assert seen > 100, "the site's pages should hold their admonitions"


def test_every_copy_button_copies_its_code(browser: Browser, real_site: Path, site: str) -> None:
    reader = Reader(browser, site)
    wrong, copied = [], 0
    try:
        for path in sitemap_paths(real_site):
            reader.page.goto(site + path)
            blocks = reader.page.locator("article pre:has(> code)")
            for index in range(blocks.count()):
                block = blocks.nth(index)
                button = block.locator("button[data-md-type=copy]")
                if button.count() != 1:
                    wrong.append(f"{path}: code block {index + 1} has no copy button")
                    continue
                for _ in range(3):  # in a closed admonition or a content tab: open it, as a reader would
                    if block.is_visible():
                        break
                    block.evaluate_handle(REVEALER).as_element().click()
                reader.page.evaluate("navigator.clipboard.writeText('')")
                block.hover()
                button.click()
                text = reader.page.evaluate("navigator.clipboard.readText()")
                if text != block.locator("code").text_content().rstrip("\n"):
                    wrong.append(f"{path}: code block {index + 1} copied {text[:60]!r}")
                copied += 1
    finally:
        reader.context.close()
    assert wrong == []
    assert copied > 50, "the site's pages should hold their code examples"
