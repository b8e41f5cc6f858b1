"""The preview server serves the built site as the hosts do: text gzip-compressed when the browser
accepts it, so that `make audit` measures what a reader downloads."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from scripts.preview import serving

SITE_URL = "https://example.org/docs/"


def fetch(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_text_is_sent_gzip_compressed_to_a_browser_that_accepts_it_and_images_as_they_are(tmp_path: Path) -> None:
    page = "<!doctype html><title>Home</title>" + "<p>Text that compresses.</p>" * 50
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red; }\n" * 50, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with serving(tmp_path, SITE_URL) as url:
        headers, body = fetch(url, "gzip, deflate, br")
        assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(body).decode("utf-8") == page and len(body) < len(page)
        headers, body = fetch(url + "style.css", "gzip")
        assert headers["Content-Type"] == "text/css" and headers["Content-Encoding"] == "gzip"
        headers, body = fetch(url, None)
        assert "Content-Encoding" not in headers and body.decode("utf-8") == page
        headers, body = fetch(url + "logo.png", "gzip")
        assert "Content-Encoding" not in headers and body == (tmp_path / "logo.png").read_bytes()
