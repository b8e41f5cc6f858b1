"""`make linkcheck`: lychee, configured by lychee.toml, against a local server on 127.0.0.1.

Each test copies the real lychee.toml into a small project, with shorter waits; nothing leaves
127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import Project, page

REPO = Path(__file__).resolve().parents[1]
LYCHEE = Path(sys.executable).parent / "lychee"
STATUSES = {"/gone": 404, "/busy": 503, "/robots-blocked": 403}


class _Handler(BaseHTTPRequestHandler):
    calls: ClassVar[Counter[str]] = Counter()

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.calls[self.path] += 1
        self.send_response(STATUSES.get(self.path, 200))
        self.end_headers()


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.calls = Counter()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def use_lychee_toml(project: Project, extra_exclude: str = "") -> None:
    """The real lychee.toml in `project`, with short waits (and one more prefix never fetched)."""
    text = (REPO / "lychee.toml").read_text(encoding="utf-8")
    for old, new in (('host_request_interval = "1s"', 'host_request_interval = "10ms"'),
                     ("retry_wait_time = 2", "retry_wait_time = 0"), ("exclude = [", f"exclude = [{extra_exclude}")):
        assert old in text
        text = text.replace(old, new)
    (project.root / "lychee.toml").write_text(text, encoding="utf-8")


def test_a_gone_page_is_an_error_wherever_written_and_a_busy_server_a_warning(project: Project, server: str) -> None:
    use_lychee_toml(project)
    links = "\n\n".join(f"[{name}]({server}/{name})" for name in ("ok", "busy", "robots-blocked", "gone"))
    project.write("en/index.md", page("Home", links))
    project.write("fr/index.md", page("Accueil", f'!!! note "Note"\n\n    Voir [la page]({server}/gone).'))
    result = project.run("linkcheck")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"docs/en/index.md:10:1: warning: '{server}/busy': Rejected status code: 503 Service Unavailable "
        "[external-link]",
        f"docs/en/index.md:12:1: warning: '{server}/robots-blocked': Rejected status code: 403 Forbidden "
        "[external-link]",
        f"docs/en/index.md:14:1: '{server}/gone': Rejected status code: 404 Not Found [external-link]",
        f"docs/fr/index.md:10:20: '{server}/gone': Rejected status code: 404 Not Found [external-link]",
    ]


def test_an_excluded_prefix_is_never_fetched(project: Project, server: str) -> None:
    use_lychee_toml(project, extra_exclude=f"'^{server}/private/', ")
    project.write("en/index.md", page("Home", f"[private]({server}/private/gone)\n\n[ok]({server}/ok)"))
    result = project.run("linkcheck")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert _Handler.calls == {"/ok": 1}


def test_cached_results_are_reused_but_not_server_errors(project: Project, server: str) -> None:
    use_lychee_toml(project)
    project.write("en/index.md", page("Home", f"[ok]({server}/ok)\n\n[busy]({server}/busy)"))
    runs = [project.run("linkcheck").returncode for _ in range(2)]
    assert runs == [0, 0], "a 503 is a warning"
    assert _Handler.calls["/ok"] == 1, "the second run takes the success from the cache"
    assert _Handler.calls["/busy"] == 2, "a 5xx is not kept: the second run asks again"
    assert (project.root / ".cache" / ".lycheecache").is_file()
    assert project.run("linkcheck", "--no-cache").returncode == 0
    assert _Handler.calls["/ok"] == 2, "--no-cache asks again"


def test_the_real_configuration_never_fetches_its_excluded_prefixes(tmp_path: Path) -> None:
    """lychee --dump lists what would be fetched, without fetching anything."""
    links = ("https://console.aws.amazon.com/ec2/", "https://github.com/aws-big-picture/aws-big-picture/edit/main/x.md",
             "https://amzn-s3-demo-bucket.s3.eu-west-3.amazonaws.com/logo.png", "https://docs.aws.amazon.com/")
    markdown = tmp_path / "page.md"
    markdown.write_text("\n\n".join(f"[link]({url})" for url in links) + "\n\n    indented: https://aws.amazon.com/\n")
    result = subprocess.run([str(LYCHEE), "--config", str(REPO / "lychee.toml"), "--dump", str(markdown)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://docs.aws.amazon.com/", "https://aws.amazon.com/"]
