"""A reader with only a keyboard: skip to the content, open search, reach the language switch and the
colour toggle, and always see where the focus is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support import Reader, serving

pytestmark = pytest.mark.browser

MAX_TABS = 30
FOCUS = """() => {
  const element = document.activeElement;
  // A hidden radio button shows its focus on the label that follows it.
  const shown = element.matches('.md-option') ? element.nextElementSibling : element;
  const box = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  return {
    label: element.getAttribute('aria-label') || element.textContent.trim(),
    className: element.className,
    visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
  };
}"""


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture
def keyboard_page(browser: Browser, site_url: str) -> Iterator[tuple[Page, str]]:
    reader = Reader(browser, site_url)
    reader.open(site_url + "core-services/ec2/")
    yield reader.page, site_url
    reader.context.close()


def tab_to(page: Page, wanted: str) -> dict:
    """Press Tab until the focus is on the element whose class or label contains `wanted`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if wanted in focus["className"] or wanted in focus["label"]:
            return focus
    raise AssertionError(f"{wanted!r} is not reachable with {MAX_TABS} presses of Tab")


def test_the_first_tab_offers_to_skip_to_the_content(keyboard_page: tuple[Page, str]) -> None:
    page, url = keyboard_page
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS)
    assert "md-skip" in focus["className"]
    assert focus["visible"] and focus["ring"]
    page.keyboard.press("Enter")
    assert page.url.startswith(url + "core-services/ec2/#")


@pytest.mark.parametrize("control", ["md-option", "Language", "md-search__input", "md-tabs__link"])
def test_header_controls_are_reachable_with_a_visible_focus(keyboard_page: tuple[Page, str], control: str) -> None:
    page, _ = keyboard_page
    focus = tab_to(page, control)
    assert focus["visible"] and focus["ring"], focus


def test_a_key_opens_search(keyboard_page: tuple[Page, str]) -> None:
    page, _ = keyboard_page
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('[data-md-component=search-query]')")
    page.keyboard.type("lambda")
    page.locator(".md-search-result__item").first.wait_for()


def test_the_language_switch_works_from_the_keyboard(keyboard_page: tuple[Page, str]) -> None:
    page, url = keyboard_page
    tab_to(page, "Language")
    tab_to(page, "Français")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "fr/core-services/ec2/")
