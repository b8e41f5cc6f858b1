"""`make linkcheck`: fetch every external link of the sources, politely.

Never part of the build, which must work offline. Settings live under `extra.linkcheck` in
mkdocs.yml: a timeout, retries, a delay between two requests to the same host, how long a success
is remembered (in .cache/linkcheck.json) and an allow-list of URL prefixes never fetched. A page
that is gone (404, 410) is an error; anything the network or a server may fix by itself (a
time-out, a refused connection, a 5xx, a 403 from a site that blocks robots) is a warning.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scripts.findings import Finding, Severity
from scripts.project import Project
from scripts.sources import read_pages

CACHE_FILE = Path(".cache") / "linkcheck.json"
GONE = {404, 410}
RETRY_STATUSES = {429, 500, 502, 503, 504}
HEAD_REFUSED = {403, 405, 501}  # servers that answer HEAD badly get a GET
USER_AGENT = "aws-big-picture-linkcheck/1.0 (+https://github.com/aws-big-picture/aws-big-picture)"


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    retries: int = 2
    per_host_delay: float = 1.0
    cache_days: float = 7.0
    allow: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, extra: dict) -> Settings:
        raw = extra.get("linkcheck") or {}
        return cls(
            timeout=float(raw.get("timeout_seconds", cls.timeout)),
            retries=int(raw.get("retries", cls.retries)),
            per_host_delay=float(raw.get("per_host_delay_seconds", cls.per_host_delay)),
            cache_days=float(raw.get("cache_days", cls.cache_days)),
            allow=tuple(raw.get("allow") or ()),
        )


@dataclass(frozen=True)
class Result:
    status: int | None  # the HTTP status, or None when no answer came
    reason: str


def run(project: Project, use_cache: bool = True) -> list[Finding]:
    settings = Settings.from_config(project.default.config.extra)
    places = external_links(project)
    cache_path = project.root / CACHE_FILE
    cache = _load_cache(cache_path) if use_cache else {}
    checker = _Checker(settings)
    findings: list[Finding] = []
    for url, where in sorted(places.items()):
        if url.startswith(settings.allow) or _fresh(cache.get(url), settings):
            continue
        result = checker.check(url)
        if result.status is not None and result.status < 400:
            cache[url] = {"status": result.status, "checked": time.time()}
            continue
        severity = Severity.ERROR if result.status in GONE else Severity.WARNING
        findings += [Finding(path, line, col, "external-link", f"'{url}': {result.reason}", "", severity)
                     for path, line, col in where]
    _save_cache(cache_path, cache)
    return findings


def external_links(project: Project) -> dict[str, list[tuple[str, int, int]]]:
    """Every http(s) URL of every page, with the places it is written."""
    places: dict[str, list[tuple[str, int, int]]] = {}
    for language in project.languages:
        for page in read_pages(language.docs_dir, project.root):
            for link in page.links:
                if urlsplit(link.url).scheme in ("http", "https"):
                    url = link.url.split("#", 1)[0]
                    places.setdefault(url, []).append((page.display, link.line, link.col))
    return places


class _Checker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.last_request: dict[str, float] = {}

    def check(self, url: str) -> Result:
        result = Result(None, "not checked")
        for attempt in range(self.settings.retries + 1):
            result = self._fetch(url, "HEAD")
            if result.status in HEAD_REFUSED:
                result = self._fetch(url, "GET")
            if result.status is not None and result.status not in RETRY_STATUSES:
                return result
            if attempt < self.settings.retries:
                time.sleep(min(2**attempt, 8) * self.settings.per_host_delay)
        return result

    def _fetch(self, url: str, method: str) -> Result:
        self._wait_for(urlsplit(url).netloc)
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                return Result(response.status, "OK")
        except urllib.error.HTTPError as error:
            return Result(error.code, f"HTTP {error.code} {error.reason}")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return Result(None, f"no answer ({reason})")

    def _wait_for(self, host: str) -> None:
        earliest = self.last_request.get(host, 0.0) + self.settings.per_host_delay
        pause = earliest - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self.last_request[host] = time.monotonic()


def _fresh(entry: dict | None, settings: Settings) -> bool:
    return bool(entry) and time.time() - entry.get("checked", 0) < settings.cache_days * 86400


def _load_cache(path: Path) -> dict[str, dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_cache(path: Path, cache: dict[str, dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
