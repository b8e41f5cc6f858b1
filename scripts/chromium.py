"""Debian's Chromium, as the browser tests, the audit and the screenshots launch it.

The flags keep it from phoning home at start-up: this machine's network refuses those requests,
and a page must make no request but to the site itself.
"""

from __future__ import annotations

EXECUTABLE = "/usr/bin/chromium"
ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync")
