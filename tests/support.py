"""Helpers for the browser tests: Debian's Chromium, a tab that records what it does, a local host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, Request, Response

from scripts.chromium import SCRIPTS_STARTED, open_page
from scripts.preview import serving as preview_serving
from scripts.project import load_project

REPO = Path(__file__).resolve().parents[1]
QUIET_MS, POLL_MS, SETTLE_TIMEOUT_MS = 100, 25, 15_000

SITE_URL = load_project(REPO).site_url
SITE_PATH = load_project(REPO).base_path


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1, under the path of site_url as its host does, for as
    long as the block runs; yield the URL of site_url's path. Any user can run this."""
    with preview_serving(site, SITE_URL) as url:
        yield url


class Reader:
    """A browser tab that remembers every request it made and every error it saw."""

    def __init__(self, browser: Browser, origin: str, color_scheme: str = "light") -> None:
        self.context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                           color_scheme=color_scheme)
        self.page: Page = self.context.new_page()
        self.origin = origin
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        self.in_flight: set[Request] = set()
        self.page.on("request", self._started)
        self.page.on("requestfinished", lambda request: self.in_flight.discard(request))
        self.page.on("requestfailed", self._failed)
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, url: str) -> Response | None:
        """Load `url` and wait until the site's scripts have started (after the first paint)."""
        return open_page(self.page, url)

    def forget(self) -> None:
        """Start a new record, to reuse the tab for another page (a new tab costs a quarter second)."""
        self.requests.clear()
        self.failures.clear()
        self.errors.clear()

    def _started(self, request: Request) -> None:
        self.requests.append(request.url)
        self.in_flight.add(request)

    def _failed(self, request: Request) -> None:
        self.failures.append(request.url)
        self.in_flight.discard(request)

    def settle(self, quiet_ms: int = QUIET_MS) -> None:
        """Wait for the page to load, its scripts to start (they may start after the load event and
        then make requests of their own), and then for `quiet_ms` with no request in flight: what
        Playwright's "networkidle" does, without its fixed 500 ms, paid on every page."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(SCRIPTS_STARTED)
        quiet = waited = 0
        while quiet < quiet_ms:
            self.page.wait_for_timeout(POLL_MS)  # lets Playwright deliver the request events
            waited += POLL_MS
            quiet = 0 if self.in_flight else quiet + POLL_MS
            if waited > SETTLE_TIMEOUT_MS:
                raise AssertionError(f"requests still running: {[request.url for request in self.in_flight]}")

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.origin) and not url.startswith("data:")]

    def wait_for_sitemap(self) -> None:
        """Wait until the page has loaded its sitemap: Material follows a link instantly only when
        its sitemap lists it, and falls back to a full page load while the sitemap is on its way."""
        self.page.wait_for_function("""() => performance.getEntriesByType('resource')
            .some(entry => new URL(entry.name).pathname.endsWith('/sitemap.xml') && entry.responseEnd > 0)""")

    def mark_document(self) -> None:
        """Tag the current document: the tag survives instant navigation, not a full page load."""
        self.page.evaluate("window.__sameDocument = true")

    def same_document(self) -> bool:
        return self.page.evaluate("window.__sameDocument === true")
