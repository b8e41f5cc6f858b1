"""Debian's Chromium, as the browser tests, the audit and the screenshots launch it.

The flags keep it from phoning home at start-up: this machine's network refuses those requests,
and a page must make no request but to the site itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

EXECUTABLE = "/usr/bin/chromium"
# Resolves once the site's scripts have started (overrides/assets/javascripts/start-after-paint.js).
SCRIPTS_STARTED = "window.scriptsStarted"
ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync")


@contextmanager
def launched() -> Iterator:
    """Debian's Chromium, headless, with these flags, for as long as the block runs (a Playwright
    Browser). Playwright is a test dependency: only the commands that need a browser import it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=EXECUTABLE, args=list(ARGS))
        try:
            yield browser
        finally:
            browser.close()


def open_page(tab, url: str, **goto_options):
    """Load `url` in `tab` (a Playwright Page) and wait until the site's scripts have started, which
    is after the first paint and may be after the load event: a key pressed or a box filled before
    that reaches a page that Material has not set up yet. Returns goto's response."""
    response = tab.goto(url, **goto_options)
    tab.evaluate(SCRIPTS_STARTED)
    return response
