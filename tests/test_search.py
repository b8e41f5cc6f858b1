"""Search finds the right page, in each language, with or without accents (tests/search-queries.yml)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from scripts.project import load_project
from scripts.search_rank import GOALS, ranks_on, shares
from scripts.search_rank import QUERIES as LEARNER_QUERIES
from scripts.search_rank import search as find_pages
from tests.support import REPO, Reader, serving

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).with_name("search-queries.yml")).read_text(encoding="utf-8"))
FIRST_RESULTS = 5
PREFIX = {"en": "", "fr": "fr/"}


@pytest.fixture(scope="module")
def searcher(browser: Browser, real_site: Path) -> Iterator[tuple[Reader, str]]:
    with serving(real_site) as url:
        reader = Reader(browser, url)
        yield reader, url
        reader.context.close()


def search(reader: Reader, query: str) -> list[str]:
    """The pages of the first results, in order, as paths below site_url."""
    return find_pages(reader.page, query)[:FIRST_RESULTS]


def test_the_query_list_covers_both_languages() -> None:
    assert len(QUERIES["en"]) >= 10 and len(QUERIES["fr"]) >= 10


def test_the_learner_queries_are_forty_per_language_and_name_real_pages() -> None:
    learners = yaml.safe_load((REPO / LEARNER_QUERIES).read_text(encoding="utf-8"))
    assert set(learners) == {"en", "fr"}
    for language, queries in learners.items():
        assert len(queries) >= 40, language
        missing = [page for page in queries.values()
                   if not (REPO / "docs" / language / (page.rstrip("/") + ".md")).is_file()]
        assert missing == [], language


@pytest.mark.parametrize(("language", "query", "expected"),
                         [(language, query, page) for language, queries in QUERIES.items()
                          for query, page in queries.items()])
def test_search_finds_the_page(searcher: tuple[Reader, str], language: str, query: str, expected: str) -> None:
    reader, url = searcher
    home = url + PREFIX[language]
    if reader.page.url != home:
        reader.open(home)
    found = search(reader, query)
    site_path = url.split("://", 1)[1].split("/", 1)[1]
    assert "/" + site_path + PREFIX[language] + expected in found, found


def test_the_learner_queries_find_the_page_that_explains_them(searcher: tuple[Reader, str]) -> None:
    reader, url = searcher
    learners = yaml.safe_load((REPO / LEARNER_QUERIES).read_text(encoding="utf-8"))
    found = ranks_on(reader.page, url, load_project(REPO), learners)
    for language, share in shares(found).items():
        misses = [(rank.query, rank.rank) for rank in found if rank.language == language and rank.rank != 1]
        assert share["first"] >= GOALS["first"] and share["top3"] >= GOALS["top3"], (language, share, misses)


@pytest.mark.parametrize(("language", "query", "expected"), [
    # a word no section holds: the sections holding the others still come, after those holding all
    pytest.param("en", "shared responsibility zebra", "big-picture/how-aws-works/", id="en-unknown-word"),
    pytest.param("fr", "responsabilité partagée zèbre", "big-picture/how-aws-works/", id="fr-unknown-word"),
    # a page whose title holds the whole query, stop words and apostrophes included, comes first
    pytest.param("en", "what is AWS", "big-picture/what-is-aws/", id="en-title"),
    pytest.param("fr", "qu\u2019est-ce qu\u2019AWS", "big-picture/what-is-aws/", id="fr-title"),
    pytest.param("fr", "qu'est-ce qu'aws", "big-picture/what-is-aws/", id="fr-title-typed"),
])
def test_the_query_rewriting_puts_the_page_first(
        searcher: tuple[Reader, str], language: str, query: str, expected: str) -> None:
    """overrides/assets/javascripts/workers/search-query.js, case by case."""
    reader, url = searcher
    reader.open(url + PREFIX[language])
    assert search(reader, query)[0].endswith("/" + PREFIX[language] + expected)


def index_requests(reader: Reader) -> list[str]:
    return [url for url in reader.requests if url.endswith("/search/search_index.json")]


@pytest.mark.parametrize("width", [1280, 390])  # the search box in the header; the search button on a phone
def test_a_page_loads_the_search_index_only_once_the_reader_opens_search(
        browser: Browser, searcher: tuple[Reader, str], width: int) -> None:
    _, url = searcher
    reader = Reader(browser, url)
    try:
        reader.page.set_viewport_size({"width": width, "height": 800})
        reader.open(url + "fr/core-services/ec2/")
        reader.settle()
        assert index_requests(reader) == []
        if width < 600:
            reader.page.locator("label.md-header__button[for=__search]").click()
        found = search(reader, "stockage objet")
        assert found[0].endswith("/fr/core-services/s3/")
        assert index_requests(reader) == [url + "fr/search/search_index.json"]
    finally:
        reader.context.close()
