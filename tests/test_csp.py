"""The content security policy of infra/site.yaml, sent with every response of the built site, as
CloudFront sends it: the pages of both languages run, search included, without one violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route

from scripts.publish import infra
from scripts.search_rank import SEARCH_DONE
from tests.support import REPO, Reader, serving

pytestmark = pytest.mark.browser

POLICY = infra.content_security_policy((REPO / "infra" / "site.yaml").read_text(encoding="utf-8"))
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
    event => window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline')));"""


def with_policy(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-security-policy": POLICY})


def test_pages_of_both_languages_run_under_the_content_security_policy(browser: Browser, real_site: Path) -> None:
    with serving(real_site) as url:
        reader = Reader(browser, url)
        reader.context.add_init_script(RECORD_VIOLATIONS)
        reader.context.route("**/*", with_policy)
        violations = []
        for path, query in (("core-services/s3/", "bucket"), ("fr/app-services/cloudfront/", "compartiment")):
            reader.open(url + path)
            reader.settle()
            assert reader.page.evaluate("window.__violations") == [], path
            box = reader.page.locator("input[data-md-component=search-query]")
            box.click()
            box.fill(query)
            box.press("End")  # the search worker starts, and fetches the index
            reader.page.wait_for_function(SEARCH_DONE, arg=query)
            reader.settle()
            violations += reader.page.evaluate("window.__violations")
        reader.context.close()
    assert violations == []
    assert [error for error in reader.errors if "Content Security Policy" in error] == []
