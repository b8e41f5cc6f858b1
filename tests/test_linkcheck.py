"""`make linkcheck` against a local server: gone pages are errors, network trouble is a warning."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from tests.conftest import Project, page


class _Handler(BaseHTTPRequestHandler):
    calls: ClassVar[dict[str, int]] = {}

    def log_message(self, *_args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.calls[self.path] = self.calls.get(self.path, 0) + 1
        if self.path == "/slow":
            time.sleep(1.5)
        status = {"/ok": 200, "/gone": 404, "/slow": 200, "/blocked": 403}.get(self.path, 200)
        if self.path == "/flaky":
            status = 503 if self.calls[self.path] == 1 else 200
        if self.path == "/head-refused":
            status = 405
        self.send_response(status)
        self.end_headers()

    def do_GET(self) -> None:
        self.calls["GET " + self.path] = self.calls.get("GET " + self.path, 0) + 1
        self.send_response(200)
        self.end_headers()


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.calls = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def fast_settings(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text()
    for old, new in (("timeout_seconds: 10", "timeout_seconds: 0.5"), ("retries: 2", "retries: 1"),
                     ("per_host_delay_seconds: 1.0", "per_host_delay_seconds: 0.01")):
        assert old in text
        text = text.replace(old, new)
    config.write_text(text)


def test_gone_is_an_error_and_network_trouble_a_warning(project: Project, server: str) -> None:
    fast_settings(project)
    links = "\n\n".join(f"[{name}]({server}/{name})" for name in ("ok", "gone", "slow", "flaky", "head-refused"))
    project.write("en/index.md", page("Home", links))
    result = project.run("linkcheck", "--no-cache")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines == [
        f"docs/en/index.md:10:8: '{server}/gone': HTTP 404 Not Found [external-link]",
        f"docs/en/index.md:12:8: warning: '{server}/slow': no answer (timed out) [external-link]",
    ]
    assert _Handler.calls["/flaky"] == 2, "a 503 is tried again"
    assert _Handler.calls["GET /head-refused"] == 1, "a server that refuses HEAD gets a GET"


def test_allowed_prefixes_are_never_fetched_and_successes_are_cached(project: Project, server: str) -> None:
    fast_settings(project)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("    allow:", f"    allow:\n      - {server}/gone"))
    project.write("en/index.md", page("Home", f"[gone]({server}/gone)\n\n[ok]({server}/ok)"))
    first = project.run("linkcheck")
    second = project.run("linkcheck")
    assert (first.returncode, second.returncode) == (0, 0)
    assert "/gone" not in _Handler.calls
    assert _Handler.calls["/ok"] == 1, "the second run takes the success from the cache"
