"""Serve the built site as a static host would: under the path of site_url, with the 404 page of
the language a missing path belongs to. Used by `python -m scripts preview` and the browser tests.
"""

from __future__ import annotations

import posixpath
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

NOT_FOUND_PAGE = "404.html"


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site: Path, base_path: str, **kwargs) -> None:
        self.site, self.base_path = site, base_path
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, *_args) -> None:  # keep test and terminal output quiet
        pass

    def translate_path(self, path: str) -> str:
        # send_head lets only paths that exist below site_url's path through to here
        return str(self.site / (self._relative(path) or ""))

    def send_head(self):
        relative = self._relative(self.path)
        target = self.site / relative if relative is not None else None
        if target is not None and (target.is_file() or (target / "index.html").is_file()):
            return super().send_head()
        page = self._not_found_page(relative or "")
        if not page.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def _relative(self, path: str) -> str | None:
        """The path inside the site, or None when the URL is outside site_url's path."""
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.base_path):
            return None
        relative = posixpath.normpath(path[len(self.base_path):] or ".")
        return None if relative.startswith("..") else relative.lstrip("/")

    def _not_found_page(self, relative: str) -> Path:
        """The 404 page nearest to the missing path: the French one for a path under fr/."""
        parts = Path(relative).parts
        for depth in range(len(parts), -1, -1):
            candidate = self.site.joinpath(*parts[:depth], NOT_FOUND_PAGE)
            if candidate.is_file():
                return candidate
        return self.site / NOT_FOUND_PAGE


def start(site: Path, base_path: str, port: int = 0, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    """Serve `site` at http://<host>:<port><base_path> in a background thread.

    Port 80 is the one to use for a faithful preview: Material's instant navigation drops the port
    when it matches links against the sitemap, so on any other port it falls back to full loads.
    """
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    handler = partial(_Handler, site=site, base_path=base_path)
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port_part = "" if server.server_port == 80 else f":{server.server_port}"  # as browsers write it
    return server, f"http://{host}{port_part}{base_path}"
