"""The validating build: build every language, check everything, and only then publish.

The languages are built into a staging folder beside `site/` (the default language at its root,
each other one under its prefix), every check runs on the sources and on that staging folder, and
only when no error is found does the staging folder replace `site/`, in one rename. A failed build
leaves `site/` exactly as it was.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from scripts.checks import ALL, Context
from scripts.findings import Finding, count_errors
from scripts.project import Language, Project, load_mkdocs_config
from scripts.site import BuiltSite
from scripts.sources import SourcePage, read_pages

DOC_FILE = re.compile(r"Doc file '(?P<file>[^']+)'")
QUOTED = re.compile(r"'(?P<text>[^']+)'")


@dataclass
class Outcome:
    findings: list[Finding]
    seconds: dict[str, float] = field(default_factory=dict)  # by phase, for `make bench`

    @property
    def errors(self) -> int:
        return count_errors(self.findings)


def validate(project: Project, out_dir: Path) -> Outcome:
    """Build every language into `out_dir` and run every check on it."""
    clock = time.perf_counter()
    sources = {language.code: read_pages(language.docs_dir, project.root) for language in project.languages}
    read = time.perf_counter()
    mkdocs_findings: list[Finding] = []
    for language in project.languages:
        mkdocs_findings += build_language(project, language, out_dir / language.prefix, sources[language.code])
    built = time.perf_counter()
    context = Context(project, sources, BuiltSite(out_dir))
    findings = [finding for check in ALL for finding in check(context)]
    # MkDocs' own validation is the safety net: it only says something ours did not.
    if not count_errors(findings):
        findings += mkdocs_findings
    checked = time.perf_counter()
    return Outcome(findings, {"sources": read - clock, "mkdocs": built - read, "checks": checked - built})


def build_language(project: Project, language: Language, site_dir: Path, pages: list[SourcePage]) -> list[Finding]:
    """Run MkDocs for one language; what it warns about comes back as findings."""
    config = load_mkdocs_config(language.config_file, project.root, site_dir=str(site_dir))
    with _collect_warnings() as warnings:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        except MkDocsException as error:
            return [_failure(project, language, config, str(error))]
        except Exception as error:  # a page that breaks a Markdown extension: report, do not crash
            return [_failure(project, language, config, f"{type(error).__name__}: {error}")]
        finally:
            config.plugins.on_shutdown()
    by_uri = {page.uri: page for page in pages}
    return [_warning_finding(project, language, by_uri, message) for message in warnings]


@contextmanager
def _collect_warnings():
    messages: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collector(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def _failure(project: Project, language: Language, config, message: str) -> Finding:
    page = getattr(config, "_current_page", None)
    path = language.docs_dir / page.file.src_uri if page else language.config_file
    return Finding(project.display(path), 1, 1, "mkdocs", f"MkDocs stopped: {message.strip()}")


def _warning_finding(project: Project, language: Language, pages: dict[str, SourcePage], message: str) -> Finding:
    """A MkDocs warning, at the page it names and the line that holds what it quotes."""
    named = DOC_FILE.search(message)
    page = pages.get(named["file"]) if named else None
    if page is None:
        return Finding(project.display(language.config_file), 1, 1, "mkdocs", message.replace("\n", " "))
    quoted = [match["text"] for match in QUOTED.finditer(message[named.end():])]
    line, col = 1, 1
    for link in page.links:
        if quoted and link.url == quoted[0]:
            line, col = link.line, link.col
            break
    return Finding(page.display, line, col, "mkdocs", message.replace("\n", " "))


def build_and_publish(project: Project, site_dir: Path) -> Outcome:
    """Validate in a staging folder; publish it as `site_dir` only when there is no error."""
    staging = site_dir.parent / f".site-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        outcome = validate(project, staging)
        if not outcome.errors:
            publish(staging, site_dir)
        return outcome
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, site_dir: Path) -> None:
    """Put `staging` in the place of `site_dir` so that no reader ever sees half of either."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging)  # it now holds the previous site
        return
    previous = site_dir.with_name(f".site-previous-{os.getpid()}")
    os.rename(site_dir, previous)
    os.rename(staging, site_dir)
    shutil.rmtree(previous)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
