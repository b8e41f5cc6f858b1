"""Search finds the right page, in each language, with or without accents (tests/search-queries.yml)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from tests.support import Reader, serving

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).with_name("search-queries.yml")).read_text(encoding="utf-8"))
FIRST_RESULTS = 5
PREFIX = {"en": "", "fr": "fr/"}


@pytest.fixture(scope="module")
def searcher(browser: Browser, real_site: Path) -> Iterator[tuple[Reader, str]]:
    with serving(real_site, "127.0.0.4") as url:
        reader = Reader(browser, url)
        yield reader, url
        reader.context.close()


def search(reader: Reader, query: str) -> list[str]:
    """The pages of the first results, in order, as paths below site_url."""
    box = reader.page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")  # the search runs on key events, not on a programmatic fill
    reader.page.wait_for_function(
        "query => document.querySelector('[data-md-component=search-query]').value === query"
        " && document.querySelector('.md-search-result__meta').textContent.trim() !== ''", arg=query)
    reader.page.wait_for_timeout(300)
    hrefs = reader.page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.pathname)")
    pages = list(dict.fromkeys(hrefs))
    return pages[:FIRST_RESULTS]


def test_the_query_list_covers_both_languages() -> None:
    assert len(QUERIES["en"]) >= 10 and len(QUERIES["fr"]) >= 10


@pytest.mark.parametrize(("language", "query", "expected"),
                         [(language, query, page) for language, queries in QUERIES.items()
                          for query, page in queries.items()])
def test_search_finds_the_page(searcher: tuple[Reader, str], language: str, query: str, expected: str) -> None:
    reader, url = searcher
    home = url + PREFIX[language]
    if reader.page.url != home:
        reader.page.goto(home)
    found = search(reader, query)
    site_path = url.split("://", 1)[1].split("/", 1)[1]
    assert "/" + site_path + PREFIX[language] + expected in found, found
