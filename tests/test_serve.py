"""`make serve`: both languages from one live server, rebuilt by language, checked after each rebuild."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.conftest import Project, page
from tests.support import REPO, Reader

pytestmark = pytest.mark.serve

BUILT = re.compile(r"^built (?P<languages>.+) in [\d.]+ s, checked every language: (?P<verdict>.+)$")
URL = re.compile(r"^(?P<name>English|Français): (?P<url>http://\S+)$")
WAIT = 60  # seconds for a build on a busy 2-core machine


class LiveServer:
    """`python -m scripts serve` on a free port, its output read line by line as it comes."""

    def __init__(self, root: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts", "--root", str(root), "serve", *args],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.urls: dict[str, str] = {}

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_matching(self, pattern: re.Pattern[str]) -> re.Match[str]:
        """The next line of output that matches `pattern`, waiting for it."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            self.seen.append(line)
            match = pattern.match(line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern.pattern!r} in:\n" + "\n".join(self.seen))

    def wait_until_serving(self) -> None:
        self.next_matching(BUILT)
        for _ in range(2):
            match = self.next_matching(URL)
            self.urls[match["name"]] = match["url"]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=WAIT)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def live(project: Project) -> Iterator[LiveServer]:
    server = LiveServer(project.root, "--port", "0")
    try:
        server.wait_until_serving()
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def test_one_address_serves_both_languages_with_their_own_404_pages(live: LiveServer) -> None:
    english, french = live.urls["English"], live.urls["Français"]
    assert french == english + "fr/"
    status, home = fetch(french + "guide/")
    assert status == 200 and '<html lang="fr"' in home
    status, missing = fetch(french + "nulle/part/")
    assert status == 404 and '<html lang="fr"' in missing
    status, missing = fetch(english + "nowhere/")
    assert status == 404 and '<html lang="en"' in missing


def test_the_sitemaps_carry_the_live_server_origin(live: LiveServer) -> None:
    """Material's instant navigation only follows links its sitemap lists, port included."""
    origin = live.urls["English"].split("/aws-big-picture/")[0]
    for url in live.urls.values():
        _, sitemap = fetch(url + "sitemap.xml")
        locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert locations and all(location.startswith(origin + "/") for location in locations)


def test_editing_a_french_page_rebuilds_only_the_french_site(live: LiveServer, project: Project) -> None:
    guide = project.root / "docs" / "fr" / "guide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nUn marqueur de rechargement.\n", encoding="utf-8")
    built = live.next_matching(BUILT)
    assert built["languages"] == "Français"
    assert "marqueur de rechargement" in fetch(live.urls["Français"] + "guide/")[1]


def test_a_shared_setting_rebuilds_every_language(live: LiveServer, project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert live.next_matching(BUILT)["languages"] == "English, Français"


def test_findings_are_printed_after_a_rebuild_and_the_preview_goes_on(live: LiveServer, project: Project) -> None:
    project.write("en/index.md", page("Home", "See [the guide](gide.md)."))
    built = live.next_matching(BUILT)
    # an English page is what the French records compare with: both languages rebuild
    assert built["languages"] == "English, Français" and built["verdict"] == "1 error(s)"
    assert any(line.startswith("docs/en/index.md:8:") and "[link]" in line for line in live.seen)
    project.write("en/index.md", page("Home", "See [the guide](guide.md)."))
    assert live.next_matching(BUILT)["verdict"] == "no errors"
    assert fetch(live.urls["English"])[0] == 200


def test_sigterm_stops_the_server_and_frees_the_port(live: LiveServer) -> None:
    port = int(live.urls["English"].split(":")[2].split("/")[0])
    assert live.stop() == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # raises if anything still listens there


def test_a_port_in_use_is_one_line_and_exit_code_2(project: Project) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = project.run("serve", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"python -m scripts serve: cannot serve on 127.0.0.1:{port}: address already in use "
        "(pick another port: PORT=8001 make serve)"
    ]
    assert result.stdout == ""


@pytest.mark.browser
def test_the_language_switch_and_instant_navigation_work_on_the_live_server(browser: Browser,
                                                                            live: LiveServer) -> None:
    english = live.urls["English"]
    reader = Reader(browser, english.split("/aws-big-picture/")[0] + "/")
    try:
        reader.open(english)
        reader.wait_for_sitemap()
        reader.mark_document()
        reader.page.locator("article a[href$='guide/']").first.click()
        reader.page.wait_for_url(english + "guide/")
        assert reader.same_document(), "Material's instant navigation should have loaded the guide"
        reader.page.locator(".md-footer-languages a[hreflang=fr]").click()
        reader.page.wait_for_url(english + "fr/guide/")
        assert reader.page.evaluate("document.documentElement.lang") == "fr"
    finally:
        reader.context.close()
