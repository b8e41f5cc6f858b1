"""What a reader's browser does with the built site, in headless Chromium (Debian's package)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import Project, page
from tests.support import Reader, serving

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    """The real site, served under the path of site_url, as its host will serve it."""
    with serving(real_site) as url:
        yield url


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))
    reader = Reader(browser, origin)
    yield reader
    reader.context.close()


def instant_navigate(reader: Reader, link_selector: str, url: str) -> None:
    reader.wait_for_sitemap()
    reader.mark_document()
    reader.page.locator(link_selector).first.click()
    # navigation.tracking may add the anchor of the section in view
    reader.page.wait_for_url(re.compile(re.escape(url) + r"(#[\w-]*)?$"))
    reader.page.wait_for_load_state()
    assert reader.same_document(), "Material's instant navigation should have loaded this page"


def test_english_to_french_keeps_the_page_after_instant_navigation(reader: Reader, site_url: str) -> None:
    reader.open(site_url)
    instant_navigate(reader, "article a[href$='/core-services/ec2/']", site_url + "core-services/ec2/")

    reader.page.locator(".md-footer-languages a[hreflang=fr]").click()
    reader.page.wait_for_url(site_url + "fr/core-services/ec2/")
    assert reader.page.evaluate("document.documentElement.lang") == "fr"
    assert not reader.same_document(), "another language is another site: a full page load"


def test_french_to_english_keeps_the_page_after_instant_navigation(reader: Reader, site_url: str) -> None:
    reader.open(site_url + "fr/")
    instant_navigate(reader, "article a[href$='/core-services/s3/']", site_url + "fr/core-services/s3/")

    reader.page.locator(".md-header .md-select").hover()
    reader.page.locator(".md-header a[hreflang=en]").click()
    reader.page.wait_for_url(site_url + "core-services/s3/")
    assert reader.page.evaluate("document.documentElement.lang") == "en"


def test_the_switch_links_follow_instant_navigation_for_a_middle_click(reader: Reader, site_url: str) -> None:
    reader.open(site_url)
    instant_navigate(reader, "article a[href$='/core-services/ec2/']", site_url + "core-services/ec2/")
    expect(reader.page.locator(".md-footer-languages a[hreflang=fr]")).to_have_attribute(
        "href", site_url + "fr/core-services/ec2/")


def test_no_request_leaves_the_site_and_none_fails(reader: Reader, site_url: str) -> None:
    reader.open(site_url)
    instant_navigate(reader, "article a[href$='/core-services/ec2/']", site_url + "core-services/ec2/")
    reader.page.locator(".md-footer-languages a[hreflang=fr]").click()
    reader.page.wait_for_url(site_url + "fr/core-services/ec2/")
    reader.settle()
    assert reader.requests, "the tab should have loaded the site"
    assert reader.foreign_requests() == []
    assert reader.failures == []
    assert reader.errors == []


def test_every_page_head_lists_its_counterparts(reader: Reader, site_url: str) -> None:
    reader.open(site_url + "fr/core-services/ec2/")
    reader.settle()
    alternates = reader.page.eval_on_selector_all(
        "link[rel=alternate][hreflang]", "links => links.map(l => [l.hreflang, l.getAttribute('href')])")
    production = "https://aws-big-picture.github.io/aws-big-picture/"
    assert alternates == [
        ["en", production + "core-services/ec2/"],
        ["fr", production + "fr/core-services/ec2/"],
        ["x-default", production + "core-services/ec2/"],
    ]


def test_admonitions_are_titled_in_the_page_language(reader: Reader, site_url: str) -> None:
    titles = {}
    for language, path in (("en", ""), ("fr", "fr/")):
        reader.open(site_url + path + "contributing/")
        titles[language] = reader.page.locator("article .admonition.cost > .admonition-title").first.inner_text()
    assert titles == {"en": "Pricing", "fr": "Tarifs"}


def test_the_copy_button_copies_the_code(reader: Reader, site_url: str) -> None:
    reader.open(site_url + "contributing/")
    block = reader.page.locator("article pre").first
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = reader.page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator("code").inner_text().rstrip()


@pytest.mark.parametrize(("path", "title"), [("no/such/page/", "Page not found"),
                                             ("fr/pas/de/page/", "Page introuvable")])
def test_each_language_serves_its_own_404_page(reader: Reader, site_url: str, path: str, title: str) -> None:
    response = reader.open(site_url + path)
    assert response.status == 404
    assert reader.page.locator("article h1").inner_text() == title
    assert reader.foreign_requests() == []


def test_the_switch_falls_back_to_the_home_page_when_the_counterpart_is_missing(
        browser: Browser, project: Project, tmp_path: Path) -> None:
    project.write("en/only-english.md", page("Only in English"))
    project.set_nav(["index.md", "guide.md", "only-english.md"], ["index.md", "guide.md"])
    out = tmp_path / "site"
    assert project.validate(out).errors, "the build itself rejects the missing translation"
    with serving(out) as url:
        reader = Reader(browser, url)
        reader.open(url + "only-english/")
        reader.page.locator(".md-footer-languages a[hreflang=fr]").click()
        reader.page.wait_for_url(url + "fr/")
        assert reader.page.evaluate("document.documentElement.lang") == "fr"
        reader.context.close()


def still_for(reader: Reader, quiet_ms: int) -> None:
    """Wait until the page's scroll position and address have not changed for `quiet_ms`."""
    last, still = None, 0
    while still < quiet_ms:
        reader.page.wait_for_timeout(100)
        now = reader.page.evaluate("[scrollY, location.href]")
        still = still + 100 if now == last else 0
        last = now


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_check_yourself_answers_are_collapsed_and_their_links_land_on_their_section(
        reader: Reader, site_url: str, prefix: str) -> None:
    reader.open(site_url + prefix + "core-services/s3/")
    questions = reader.page.locator("h2#check-yourself ~ details.question")
    count = questions.count()
    assert 3 <= count <= 5
    for index in range(count):
        question = questions.nth(index)
        assert question.get_attribute("open") is None
        expect(question.locator("p").first).to_be_hidden()
    first = questions.first
    first.locator("summary").click()
    link = first.locator("a[href*='#']").first
    expect(link).to_be_visible()
    # Scrolling to the question may make navigation.tracking write the section in view into the
    # address a moment later; a click before that races with it (Material then scrolls to neither). A
    # reader reads the answer first: wait until the address and the scroll stay still.
    still_for(reader, 500)
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    # Where the reader lands: the section in view (Material's navigation.tracking may then move the
    # address's fragment on to a subsection in view, so the address is not what is asserted).
    expect(reader.page.locator(f"[id='{target}']")).to_be_in_viewport()
