"""The validating build: build every language, check everything, and only then publish.

The languages are built into a staging folder beside `site/` (the default language at its root,
each other one under its prefix), every check runs on the sources and on that staging folder, and
only when no error is found does the staging folder replace `site/`, in one rename. A failed build
leaves `site/` exactly as it was.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from scripts.checks import ON_SITE, ON_SOURCES, Context
from scripts.checks.built_links import SITE_DIR_LABEL
from scripts.findings import Finding, count_errors
from scripts.pdf import print_pages
from scripts.project import Language, Project, load_mkdocs_config
from scripts.site import BuiltSite
from scripts.sources import SourcePage, read_pages

BUILD_STOPPED = "build-stopped"  # the code of a finding that says MkDocs could not finish a language
DOC_FILE = re.compile(r"Doc file '(?P<file>[^']+)'")
QUOTED = re.compile(r"'(?P<text>[^']+)'")


@dataclass
class Outcome:
    findings: list[Finding]
    seconds: dict[str, float] = field(default_factory=dict)  # by phase, for `make bench`

    @property
    def errors(self) -> int:
        return count_errors(self.findings)


def validate(project: Project, out_dir: Path, **overrides: dict) -> Outcome:
    """Build every language into `out_dir` and run every check on it.

    `overrides` maps a language code to config settings that replace the configuration's own for
    this build (the live preview gives each language the site_url of the local server). The
    sources are read and checked while the languages build; the built site is checked after.
    """
    seconds: dict[str, float] = {}
    sources: dict[str, list[SourcePage]] = {}
    context = Context(project, sources, BuiltSite(out_dir))  # the site: once it is built, below
    on_sources: list[Finding] = []

    def read_and_check_sources() -> None:
        clock = time.perf_counter()
        sources.update(read_sources(project))
        seconds["sources"] = time.perf_counter() - clock
        clock = time.perf_counter()
        on_sources.extend(run(ON_SOURCES, context))
        seconds["source checks"] = time.perf_counter() - clock

    clock = time.perf_counter()
    mkdocs_findings = build_languages(project, out_dir, overrides, meanwhile=read_and_check_sources)
    seconds["mkdocs"] = time.perf_counter() - clock
    clock = time.perf_counter()
    context.site = BuiltSite(out_dir)  # the site as built: it reads the folder once, on first use
    findings = finish_checks(context, on_sources, mkdocs_findings)
    seconds["site checks"] = time.perf_counter() - clock
    return Outcome(findings, seconds)


def read_sources(project: Project) -> dict[str, list[SourcePage]]:
    return {language.code: read_pages(language.docs_dir, project.root) for language in project.languages}


def run(checks: tuple, context: Context) -> list[Finding]:
    return [finding for check in checks for finding in check(context)]


def run_checks(project: Project, sources: dict[str, list[SourcePage]], out_dir: Path,
               mkdocs_findings: list[Finding]) -> list[Finding]:
    """Every check on the sources and on the site built in `out_dir`."""
    context = Context(project, sources, BuiltSite(out_dir))
    return finish_checks(context, run(ON_SOURCES, context), mkdocs_findings)


def finish_checks(context: Context, on_sources: list[Finding], mkdocs_findings: list[Finding]) -> list[Finding]:
    """The checks on the built site, with those already made on the sources; MkDocs' own warnings
    are the safety net, shown only when the checks found no error (they would repeat them in
    MkDocs' words). When a language's build stopped, its site is missing or half written: the checks
    of the built site would only repeat that, or fail on it."""
    stopped = any(finding.code == BUILD_STOPPED for finding in mkdocs_findings)
    on_site = [] if stopped else run(ON_SITE, context)  # first: it tells which source findings it supersedes
    findings = [finding for finding in on_sources
                if (finding.path, finding.line, finding.code) not in context.superseded]
    # The print pages (scripts/hooks/print_page.py) repeat every other page: what they show broken
    # is reported at those pages first, and their own findings only when there is no other error.
    derived = {f"{SITE_DIR_LABEL}/{path}" for path in print_pages(context.project)}
    own = [finding for finding in on_site if finding.path not in derived]
    findings += own if count_errors(findings + own) else on_site
    return findings if count_errors(findings) else findings + mkdocs_findings


def build_languages(project: Project, out_dir: Path, overrides: dict[str, dict] | None = None,
                    meanwhile: Callable[[], None] = lambda: None) -> list[Finding]:
    """Build every language into `out_dir` (the default one at its root, the others below it), and
    run `meanwhile` as they build.

    The languages are independent MkDocs sites, so each one builds in its own process at the same
    time, into a folder of its own: MkDocs empties a site folder before it builds, which would wipe
    the other languages' output. Where a process cannot be forked safely (another thread is
    running, or no fork on this system), they build one after the other in this process.
    """
    overrides = overrides or {}
    folders = {language.code: _own_folder(out_dir, language) for language in project.languages}
    jobs = [(language, folders[language.code], None, overrides.get(language.code, {}))
            for language in project.languages]
    try:
        if _can_fork() and len(jobs) > 1:
            results = _in_processes(project, jobs, meanwhile)
        else:
            meanwhile()
            results = [build_language(project, *job) for job in jobs]
        for language in project.languages[1:]:
            target = out_dir / language.prefix
            shutil.rmtree(target, ignore_errors=True)
            if folders[language.code].is_dir():  # not when its build stopped: that is a finding
                out_dir.mkdir(parents=True, exist_ok=True)
                os.rename(folders[language.code], target)
    finally:
        for language in project.languages[1:]:
            shutil.rmtree(folders[language.code], ignore_errors=True)
    return [finding for result in results for finding in result]


def _own_folder(out_dir: Path, language: Language) -> Path:
    """Where a language builds before it joins the others: the default language builds in place."""
    return out_dir if not language.prefix else out_dir.with_name(f"{out_dir.name}.{language.code}")


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _in_processes(project: Project, jobs: list[tuple], meanwhile: Callable[[], None]) -> list[list[Finding]]:
    """Run build_language for each job in a forked process of its own, all at once."""
    context = multiprocessing.get_context("fork")
    running = []
    for job in jobs:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_build_and_send, args=(sender, project, *job))
        process.start()
        sender.close()
        running.append((job[0], receiver, process))
    meanwhile()
    results = []
    for language, receiver, process in running:
        try:
            findings, compiled = receiver.recv()
            results.append(findings)
            COMPILED_TEMPLATES.compiled.update(compiled)  # the next builds of this process reuse them
        except EOFError:  # the process died without a word: out of memory, or killed
            results.append([Finding(project.display(language.config_file), 1, 1, BUILD_STOPPED,
                                    f"the build of the {language.name} site stopped unexpectedly")])
        process.join()
    return results


def _build_and_send(sender, project: Project, *job) -> None:
    """In the forked process: build, then send the findings and the templates it compiled."""
    known = set(COMPILED_TEMPLATES.compiled)
    try:
        findings = build_language(project, *job)
        compiled = {key: code for key, code in COMPILED_TEMPLATES.compiled.items() if key not in known}
        sender.send((findings, compiled))
    finally:
        sender.close()


def build_language(project: Project, language: Language, site_dir: Path, pages: list[SourcePage] | None = None,
                   overrides: dict | None = None) -> list[Finding]:
    """Run MkDocs for one language; what it warns about comes back as findings, at the line of the
    page it names (its sources are read here when `pages` is not given)."""
    config = load_mkdocs_config(language.config_file, project.root, site_dir=str(site_dir), **(overrides or {}))
    _reuse_compiled_templates(config)
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
    if warnings and pages is None:
        pages = read_pages(language.docs_dir, project.root)
    by_uri = {page.uri: page for page in pages or []}
    return [_warning_finding(project, language, by_uri, message) for message in warnings]


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process rather than once per build.

    MkDocs makes a new Jinja environment for every build, which compiles Material's 50-odd templates
    again: most of the time of a small build, and of each rebuild of the live preview and each
    build of the tests. A template whose source changed is compiled anew (Jinja compares checksums).
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def _reuse_compiled_templates(config: MkDocsConfig) -> None:
    """Give the Jinja environment MkDocs makes for this config the process's compiled templates."""
    make_environment = config.theme.get_env

    def environment() -> jinja2.Environment:
        env = make_environment()
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    config.theme.get_env = environment


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
    return Finding(project.display(path), 1, 1, BUILD_STOPPED, f"MkDocs stopped: {message.strip()}")


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
