"""Helpers for the browser tests: Debian's Chromium, a tab that records what it does, a local host."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from scripts.preview import start
from scripts.project import load_project

REPO = Path(__file__).resolve().parents[1]

SITE_PATH = load_project(REPO).base_path


@contextmanager
def serving(site: Path, host: str) -> Iterator[str]:
    """Serve `site` on port 80, like the real host (Material's instant navigation ignores other
    ports), for as long as the block runs; yield the URL of site_url's path."""
    try:
        server, url = start(site, SITE_PATH, port=80, host=host)
    except PermissionError:
        pytest.fail("the browser tests serve the site on port 80, like its host: run them as root (as CI does)")
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


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
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failures.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.origin) and not url.startswith("data:")]

    def mark_document(self) -> None:
        """Tag the current document: the tag survives instant navigation, not a full page load."""
        self.page.evaluate("window.__sameDocument = true")

    def same_document(self) -> bool:
        return self.page.evaluate("window.__sameDocument === true")
