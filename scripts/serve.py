"""`make serve`: every language live from one address, rebuilt on change, checked after each rebuild.

Built on MkDocs' own live-reload server (`mkdocs.livereload`), with three additions:

- it serves the whole site: the default language at site_url's path, each other one below it, so
  the language switch and instant navigation work as on the real host;
- it remembers which files changed, and rebuilds only the languages they belong to (a French page:
  the French site; an English page, which the French records compare with, a shared setting, the
  theme or a hook: every language);
- after each rebuild it runs the project's own checks and prints their `path:line:col` findings,
  without stopping.

Each language is given a site_url on this server's own origin, port included, so its sitemap
carries URLs that Material's instant navigation recognises.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import watchdog.events
from mkdocs.config.config_options import Hooks
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from scripts.build import BUILD_STOPPED, build_language, read_sources, run_checks, validate
from scripts.findings import Finding, count_errors, render
from scripts.project import ConfigError, Language, load_project

NOT_FOUND_PAGE = "404.html"
POLLING_SECONDS = 0.5  # as `mkdocs serve`


class CannotServeError(Exception):
    """The address is taken, or not ours to use: said in one line by the command."""


@dataclass
class Changes:
    """The files the watchers saw change since the last rebuild."""

    paths: set[Path] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self.lock:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self.paths.add(Path(path if isinstance(path, str) else path.decode()).resolve())

    def take(self) -> set[Path]:
        with self.lock:
            taken, self.paths = self.paths, set()
        return taken


class _Server(LiveReloadServer):
    """MkDocs' server, bound before the first build (to know its port and fail fast on a port in
    use), answering a missing page with the 404 page of the language its path belongs to."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._bound = False
        self._request = threading.local()
        self.missing_page_for: Callable[[str], bytes | None] = lambda path: None

    def server_bind(self) -> None:
        if not self._bound:
            super().server_bind()
            self._bound = True

    def serve_request(self, environ, start_response):
        self._request.path = environ.get("PATH_INFO", "/")
        return super().serve_request(environ, start_response)

    def not_found_page(self, code: int) -> bytes | None:
        return self.missing_page_for(getattr(self._request, "path", "/")) if code == 404 else None


class Preview:
    """The site being served: a folder rebuilt language by language as its sources change."""

    def __init__(self, root: Path, host: str, port: int) -> None:
        self.root = root
        self.project = load_project(root)
        self.workspace = Path(tempfile.mkdtemp(prefix="live-preview-"))
        self.site = self.workspace / "site"
        self.changes = Changes()
        self.server = _Server(self.rebuild, host, port, str(self.site), self.project.base_path)
        try:
            self.server.server_bind()
        except OSError as error:
            self.server.server_close()
            shutil.rmtree(self.workspace, ignore_errors=True)
            raise CannotServeError(f"cannot serve on {host}:{port}: {error.strerror.lower()}") from None
        self.server.missing_page_for = self._not_found_page
        self.server.observer = _Observer(on_ready=self._ready, timeout=POLLING_SECONDS)
        self.server.error_handler = self.server.not_found_page
        self.origin = f"http://{host}:{self.server.server_port}"
        self.server.url = self.origin + self.project.base_path

    def url_of(self, language: Language) -> str:
        return self.origin + self.project.base_path + language.prefix

    def start(self) -> None:
        """Build every language (at once), report, then watch and serve until stopped."""
        self.site.mkdir(parents=True)
        self._report(self._build(self.project.languages, first=True))
        for path in self._watched_paths():
            self.server.watch(str(path))
            self.server.observer.schedule(_Recorder(self.changes), str(path), recursive=path.is_dir())
        self.server.serve()

    def _ready(self) -> None:
        """Said once the watchers have taken stock of the files: from then on, an edit is seen."""
        for language in self.project.languages:
            say(f"{language.name}: {self.url_of(language)}")
        say("watching docs/, overrides/, the hooks and the configs; Ctrl+C to stop")

    def stop(self) -> None:
        self.server.shutdown()
        shutil.rmtree(self.workspace, ignore_errors=True)

    def rebuild(self) -> None:
        """Called by the server after files changed: rebuild what they belong to, then check."""
        changed = self.changes.take()
        Hooks._load_hook.cache_clear()  # MkDocs keeps loaded hooks: an edited hook must load anew
        try:
            self.project = load_project(self.root)
        except ConfigError as error:
            say(render(error.findings, "text"))
            say("the configuration has errors: the preview keeps the last good build")
            return
        languages = self._affected(changed)
        self._report(self._build(languages, first=False))

    def _build(self, languages: list[Language], first: bool) -> tuple[list[Finding], list[Language], float]:
        clock = time.perf_counter()
        # Each language gets a site_url on this server's origin, port included (see the docstring).
        overrides = {language.code: {"site_url": self.url_of(language)} for language in self.project.languages}
        if first:  # the validating build itself: every language at once, the sources checked meanwhile
            findings = validate(self.project, self.site, **overrides).findings
        else:
            sources = read_sources(self.project)
            mkdocs_findings = [finding for language in languages
                               for finding in self._rebuild_language(language, sources, overrides[language.code])]
            findings = run_checks(self.project, sources, self.site, mkdocs_findings)
        return findings, languages, time.perf_counter() - clock

    def _rebuild_language(self, language: Language, sources: dict, overrides: dict) -> list[Finding]:
        """Build one language into a folder of its own, then put it in place of its old build."""
        fresh = self.workspace / f"build-{language.code}"
        findings = build_language(self.project, language, fresh, sources[language.code], overrides)
        if any(finding.code == BUILD_STOPPED for finding in findings):
            shutil.rmtree(fresh, ignore_errors=True)
            return findings  # the reader keeps the last complete build
        if language.prefix:
            shutil.rmtree(self.site / language.prefix, ignore_errors=True)
            fresh.rename(self.site / language.prefix)
            return findings
        other_languages = {other.prefix.strip("/") for other in self.project.languages if other.prefix}
        for entry in self.site.iterdir():
            if entry.name in other_languages:
                continue
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in fresh.iterdir():
            entry.rename(self.site / entry.name)
        fresh.rmdir()
        return findings

    def _affected(self, changed: set[Path]) -> list[Language]:
        """The languages a set of changed files belongs to: a page or the config of a translation
        rebuilds that language; anything else (a page of the default language, which every
        translation's record and notice compare with, shared config, theme, hooks) rebuilds them all."""
        owners = set()
        for path in changed:
            owner = self._owner(path)
            if owner is None or owner is self.project.default:
                return self.project.languages
            owners.add(owner.code)
        if not owners:  # the watcher saw a change it could not name: be safe
            return self.project.languages
        return [language for language in self.project.languages if language.code in owners]

    def _owner(self, path: Path) -> Language | None:
        for language in self.project.languages:
            if path.is_relative_to(language.docs_dir.resolve()):
                return language
            if language is not self.project.default and path == language.config_file.resolve():
                return language
        return None

    def _watched_paths(self) -> list[Path]:
        """The folder of every language's sources (docs/), the configs, the theme overrides and the hooks."""
        config = self.project.default.config
        paths = [Path(os.path.commonpath([language.docs_dir.resolve() for language in self.project.languages]))]
        paths += [language.config_file for language in self.project.languages]
        if config.theme.custom_dir:
            paths.append(Path(config.theme.custom_dir))
        paths += sorted({Path(module.__file__).parent for module in config["hooks"].values()})
        return [path.resolve() for path in paths if path.exists()]

    def _report(self, outcome: tuple[list[Finding], list[Language], float]) -> None:
        findings, languages, seconds = outcome
        names = ", ".join(language.name for language in languages)
        if findings:
            say(render(findings, "text"))
        errors = count_errors(findings)
        verdict = f"{errors} error(s)" if errors else "no errors"
        say(f"built {names} in {seconds:.1f} s, checked every language: {verdict}")

    def _not_found_page(self, path: str) -> bytes | None:
        """The 404 page of the language the missing path belongs to."""
        relative = path.removeprefix(self.project.base_path)
        language = next((language for language in self.project.languages[1:]
                         if relative.startswith(language.prefix)), self.project.default)
        page = self.site / language.prefix / NOT_FOUND_PAGE
        return page.read_bytes() if page.is_file() else None


class _Observer(PollingObserver):
    """MkDocs' kind of watcher, which says when it has taken stock of the watched files."""

    def __init__(self, on_ready: Callable[[], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_ready = on_ready

    def start(self) -> None:
        super().start()  # each watcher takes its first snapshot before this returns
        self.on_ready()


class _Recorder(watchdog.events.FileSystemEventHandler):
    """Notes which file changed; the server's own handler triggers the rebuild."""

    def __init__(self, changes: Changes) -> None:
        self.changes = changes

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        self.changes.add(event)


def say(message: str) -> None:
    print(message, flush=True)


def serve(root: Path, host: str, port: int) -> int:
    """Run the live preview until Ctrl+C or SIGTERM; 2 when the address is taken or the config broken."""
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())  # our own lines, not MkDocs' log
    logging.getLogger("mkdocs").propagate = False
    try:
        preview = Preview(root, host, port)
    except CannotServeError as error:
        print(f"python -m scripts serve: {error} (pick another port: PORT=8001 make serve)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview.start()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        preview.stop()
    return 0


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt
