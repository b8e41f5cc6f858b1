"""Serve the built site as a static host would: under the path of site_url, with the 404 page of
the language a missing path belongs to. Used by `python -m scripts preview`, the browser tests, the
audit and the screenshots, on any port.

Text (pages, styles, scripts, the search index, SVG) is sent gzip-compressed to a browser that
accepts it, as GitHub Pages and CloudFront (`Compress: true` in infra/site.yaml) send it: the audit
measures what a reader downloads.

One difference from the real host: the sitemaps are served with this server's own origin in place
of site_url's. Material's instant navigation only follows links that its sitemap lists, and it
compares them after copying the page's protocol and host, but not its port, onto the sitemap's
URLs: with the production origin in the sitemap, a local server on any port but 80 would never match.
"""

from __future__ import annotations

import gzip
import posixpath
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

NOT_FOUND_PAGE = "404.html"
SITEMAP = "sitemap.xml"
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site: Path, base_path: str, origin: str, **kwargs) -> None:
        self.site, self.base_path, self.origin = site, base_path, origin
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, *_args) -> None:  # keep test and terminal output quiet
        pass

    def translate_path(self, path: str) -> str:
        # send_head lets only paths that exist below site_url's path through to here
        return str(self.site / (self._relative(path) or ""))

    def send_head(self):
        relative = self._relative(self.path)
        target = self.site / relative if relative is not None else None
        if target is not None and target.name == SITEMAP and target.is_file():
            return self._send_sitemap(target)
        if target is not None and target.is_dir() and (target / "index.html").is_file() and self.path.endswith("/"):
            target = target / "index.html"
        if target is not None and target.is_file() and self.guess_type(str(target)).startswith(COMPRESSED_TYPES):
            return self._send(HTTPStatus.OK, self.guess_type(str(target)), target.read_bytes())
        if target is not None and (target.is_file() or (target / "index.html").is_file()):
            return super().send_head()
        page = self._not_found_page(relative or "")
        if not page.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", page.read_bytes())

    def _send_sitemap(self, sitemap: Path):
        """The sitemap with this server's origin (as the browser wrote it) in place of site_url's."""
        host, port = self.server.server_address[:2]
        own_origin = "http://" + (self.headers.get("Host") or f"{host}:{port}")
        text = sitemap.read_text(encoding="utf-8").replace(f"<loc>{self.origin}/", f"<loc>{own_origin}/")
        return self._send(HTTPStatus.OK, "application/xml", text.encode("utf-8"))

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if content_type.startswith(COMPRESSED_TYPES):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
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


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that leaves before the end of a response (a cancelled request, a page left
        mid-load) is no error of the site's: only the other failures print their traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start(site: Path, site_url: str, port: int = 0, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, str]:
    """Serve `site` at http://<host>:<port><path of site_url> in a background thread; port 0 picks
    a free port. Returns the server and the URL of the site's home page."""
    parts = urlsplit(site_url or "/")
    base_path = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    handler = partial(_Handler, site=site, base_path=base_path, origin=origin)
    server = _Server((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port_part = "" if server.server_port == 80 else f":{server.server_port}"  # as browsers write it
    return server, f"http://{host}{port_part}{base_path}"


@contextmanager
def serving(site: Path, site_url: str) -> Iterator[str]:
    """`site` served on a free port of 127.0.0.1 for as long as the block runs: the URL of its home."""
    server, url = start(site, site_url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
