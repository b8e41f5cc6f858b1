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

from tests.support import REPO, SITE_PATH, Reader, serving

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOC = re.compile(r"<loc>([^<]+)</loc>")


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
