"""The first paint shows the whole page (partials/first-paint.html), Material's scripts start after
it (assets/javascripts/start-after-paint.js), and the page already looks as they leave it
(partials/start-state.html, scripts/hooks/tables.py): nothing appears or moves when they start,
nothing is downloaded twice, and the colour scheme still follows the palette toggle. What the
start would change is done before it, where it costs less, and a phone does not style the closed
navigation drawer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

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
# Where each table of the article is, and where what follows it starts.
TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
  let outer = table;
  while (outer.parentElement.matches('.md-typeset__table, .md-typeset__scrollwrap')) outer = outer.parentElement;
  const box = table.getBoundingClientRect(), next = outer.nextElementSibling.getBoundingClientRect();
  return [box.x, box.y, box.width, box.height, next.y].map(Math.round).join(' ');
})"""
PHONE = {"width": 412, "height": 823}
SCHEME = "() => document.querySelector('meta[name=color-scheme]')?.content"  # the first one is the one that applies
# What the parser had reached at the first frame (`requestAnimationFrame` runs just before it).
FIRST_FRAME = """requestAnimationFrame(() => {
  window.firstFrame = { parsed: document.getElementById("__config") !== null };
});"""
# When the first paint and the largest paint of the first screen came, and whether the latter is the article's.
PAINTS = """() => new Promise(resolve => new PerformanceObserver(list => {
  const largest = list.getEntries().at(-1);
  resolve([performance.getEntriesByName("first-contentful-paint")[0].startTime, largest.startTime,
           largest.element?.closest("article") !== null]);
}).observe({ type: "largest-contentful-paint", buffered: true }))"""
# Every change of an element's address once the page has parsed: `window.readdressed` lists them.
WATCH_ADDRESSES = """
  window.readdressed = [];
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver((changes) => {
      for (const change of changes) {
        const value = change.target.getAttribute(change.attributeName);
        if (value !== change.oldValue) window.readdressed.push(`${change.oldValue} -> ${value}`);
      }
    }).observe(document, { subtree: true, attributeFilter: ["href", "src"], attributeOldValue: true });
  }, { once: true });
"""


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
    assert reader.page.evaluate(f"({SCHEME})() === getComputedStyle(document.body).colorScheme"), \
        "the color-scheme meta should say what Material's stylesheet gives the palette"
    assert any("Switch to" in control for control in started), "the palette toggle should be in the header"


def test_the_first_paint_shows_the_whole_page(reader: Reader, site_url: str) -> None:
    """A long page is painted once it has all been parsed, not in slices: the article's first
    screen comes with the header, and laying out the rest of the page is not left to a long task
    after the first paint."""
    reader.page.set_viewport_size(PHONE)
    reader.page.add_init_script(FIRST_FRAME)
    reader.open(site_url + PAGE)
    assert reader.page.evaluate("window.firstFrame") == {"parsed": True}, \
        "the first frame should come after the parser has reached the end of the page"
    first_paint, largest_paint, in_article = reader.page.evaluate(PAINTS)
    assert in_article, "the largest element of the first screen should be the article's"
    assert largest_paint == first_paint, "the article should be in the first paint"


def test_tables_do_not_move_when_material_starts(reader: Reader, site_url: str) -> None:
    reader.page.set_viewport_size(PHONE)
    reader.open(site_url + PAGE)
    started = reader.page.evaluate(TABLES)
    assert started, f"{PAGE} should hold a table"
    assert reader.page.locator("article table").first.evaluate("table => table.closest('.md-typeset__scrollwrap')")

    reader.page.route(BUNDLE, lambda route: route.abort())
    reader.open(site_url + PAGE)
    assert reader.page.evaluate(TABLES) == started


def test_the_closed_drawer_is_skipped_on_a_phone_and_opens_at_once(reader: Reader, site_url: str) -> None:
    reader.page.set_viewport_size(PHONE)
    reader.open(site_url + PAGE)
    # the page after this one in the drawer's panel, which opens on this page's section
    following = reader.page.locator(".md-sidebar--primary li:has(> a.md-nav__link--active) + li > a.md-nav__link")
    assert not following.is_visible(), "the closed drawer's links should not be rendered"
    for _ in range(25):
        reader.page.keyboard.press("Tab")
        assert not reader.page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), \
            "Tab should not reach the links of the closed drawer"

    reader.open(site_url + PAGE)  # Tab has been through the search box, which opens search
    reader.page.locator(".md-header label[for=__drawer]").click()
    expect(following).to_be_visible()
    target = following.get_attribute("href")
    following.click()
    reader.page.wait_for_url(target)
    assert reader.errors == []


def test_the_sidebar_is_shown_on_a_wide_screen(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    expect(reader.page.locator(".md-sidebar--primary a.md-nav__link--active")).to_be_visible()


def test_the_colour_scheme_follows_the_palette_toggle(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    before = reader.page.evaluate(SCHEME)
    assert before == reader.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'")

    reader.page.locator("[data-md-component=palette] label:not([hidden])").click()
    reader.page.wait_for_function(f"() => ({SCHEME})() !== '{before}'")
    assert reader.page.evaluate(SCHEME) == {"light": "dark", "dark": "light"}[before]


def test_material_changes_no_address_when_it_starts(reader: Reader, site_url: str) -> None:
    """Instant navigation makes every relative address absolute as it starts: after the first
    paint, that restyles every link in the middle of the bundle's evaluation. The page has
    already done it while it parsed, so Material's pass finds nothing to change."""
    reader.page.add_init_script(WATCH_ADDRESSES)
    reader.open(site_url + PAGE)
    assert reader.page.evaluate("document.querySelectorAll('a[href]').length") > 50
    assert reader.page.evaluate("window.readdressed") == []
    assert reader.errors == []


def test_no_stylesheet_or_script_is_loaded_twice(reader: Reader, site_url: str) -> None:
    reader.open(site_url + PAGE)
    reader.settle()
    loaded = [url for url in reader.requests if url.split("?")[0].endswith((".css", ".js"))]
    assert loaded, "the page should load its stylesheets and scripts"
    assert sorted(url for url in set(loaded) if loaded.count(url) > 1) == []
