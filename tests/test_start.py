"""Material's scripts start after the first paint (assets/javascripts/start-after-paint.js), and the
page already looks as they leave it (partials/start-state.html): nothing appears or moves when they
start, nothing is downloaded twice, and the colour scheme still follows the palette toggle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.support import Reader, serving

pytestmark = pytest.mark.browser

PAGE = "core-services/ec2/"
BUNDLE = "**/assets/javascripts/bundle.*.min.js"
# Every header control a reader can see, with where it is.
HEADER = """() => [...document.querySelectorAll('.md-header label, .md-header button, .md-header input, .md-header a')]
  .filter(element => element.checkVisibility())
  .map(element => {
    const box = element.getBoundingClientRect();
    const name = element.getAttribute('title') || element.getAttribute('aria-label') || element.textContent.trim();
    const [x, y, width, height] = [box.x, box.y, box.width, box.height].map(Math.round);
    return `${element.tagName} ${name} at ${x},${y} ${width}x${height}`;
  })"""
PALETTE = "() => [document.body.dataset.mdColorScheme, document.documentElement.className]"
SCHEME = "() => document.querySelector('meta[name=color-scheme]')?.content"  # the first one is the one that applies


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture(params=["light", "dark"])
def reader(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Reader]:
    reader = Reader(browser, site_url, color_scheme=request.param)
    yield reader
    reader.context.close()


def test_material_starts_after_the_first_paint(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    first_paint, bundle_requested = reader.page.evaluate("""() => [
        performance.getEntriesByName('first-paint')[0].startTime,
        performance.getEntriesByType('resource')
          .find(entry => /bundle\\.\\w+\\.min\\.js$/.test(entry.name)).startTime]""")
    assert bundle_requested > first_paint
    assert reader.page.evaluate("typeof window.document$") == "object", "Material should have started"
    assert reader.errors == []


def test_the_page_looks_the_same_before_and_after_material_starts(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    started = reader.page.evaluate(HEADER)
    palette = reader.page.evaluate(PALETTE)

    reader.page.route(BUNDLE, lambda route: route.abort())
    reader.open(site_url + PAGE)
    assert reader.page.evaluate("typeof window.document$") == "undefined", "the bundle should not have run"
    assert reader.page.evaluate(HEADER) == started
    assert reader.page.evaluate(PALETTE) == palette, "the page should paint in the reader's palette at once"
    assert any("Switch to" in control for control in started), "the palette toggle should be in the header"


def test_the_colour_scheme_follows_the_palette_toggle(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    before = reader.page.evaluate(SCHEME)
    assert before == reader.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'")

    reader.page.locator("[data-md-component=palette] label:not([hidden])").click()
    reader.page.wait_for_function(f"() => ({SCHEME})() !== '{before}'")
    assert reader.page.evaluate(SCHEME) == {"light": "dark", "dark": "light"}[before]


def test_no_stylesheet_or_script_is_loaded_twice(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    reader.settle()
    loaded = [url for url in reader.requests if url.split("?")[0].endswith((".css", ".js"))]
    assert loaded, "the page should load its stylesheets and scripts"
    assert sorted(url for url in set(loaded) if loaded.count(url) > 1) == []
