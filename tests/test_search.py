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
# The results are in once the box holds the query and the line above them gives their count
# ("24 documents trouvés", or none), rather than "Initializing search" (the index is loading) or
# "Type to start searching".
SEARCH_DONE = r"""query => {
    const translations = JSON.parse(document.getElementById('__config').textContent).translations;
    const counts = ['search.result.none', 'search.result.one', 'search.result.other'].map(key => new RegExp(
        '^' + translations[key].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('#', '\\d+') + '$'));
    const meta = document.querySelector('.md-search-result__meta').textContent.trim();
    return document.querySelector('[data-md-component=search-query]').value === query
        && counts.some(count => count.test(meta));
}"""


@pytest.fixture(scope="module")
def searcher(browser: Browser, real_site: Path) -> Iterator[tuple[Reader, str]]:
    with serving(real_site) as url:
        reader = Reader(browser, url)
        yield reader, url
        reader.context.close()


def search(reader: Reader, query: str) -> list[str]:
    """The pages of the first results, in order, as paths below site_url."""
    box = reader.page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")  # the search runs on key events, not on a programmatic fill
    reader.page.wait_for_function(SEARCH_DONE, arg=query)
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


def index_requests(reader: Reader) -> list[str]:
    return [url for url in reader.requests if url.endswith("/search/search_index.json")]


@pytest.mark.parametrize("width", [1280, 390])  # the search box in the header; the search button on a phone
def test_a_page_loads_the_search_index_only_once_the_reader_opens_search(
        browser: Browser, searcher: tuple[Reader, str], width: int) -> None:
    _, url = searcher
    reader = Reader(browser, url)
    try:
        reader.page.set_viewport_size({"width": width, "height": 800})
        reader.page.goto(url + "fr/core-services/ec2/")
        reader.settle()
        assert index_requests(reader) == []
        if width < 600:
            reader.page.locator("label.md-header__button[for=__search]").click()
        found = search(reader, "stockage objet")
        assert found[0].endswith("/fr/core-services/s3/")
        assert index_requests(reader) == [url + "fr/search/search_index.json"]
    finally:
        reader.context.close()
