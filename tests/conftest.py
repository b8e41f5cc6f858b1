"""Shared fixtures: small throwaway projects (the real configuration, theme and hooks, few pages),
the real site built once, and one headless Chromium for every browser test."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from scripts import chromium
from scripts.__main__ import main as entry_point
from scripts.build import Outcome, read_sources, run, validate
from scripts.checks import ON_SOURCES, Context
from scripts.findings import Finding
from scripts.project import load_project
from scripts.site import BuiltSite
from tests.support import REPO

CONFIGS = ("mkdocs.yml", "mkdocs.fr.yml")


def page(title: str, body: str = "", description: str = "A page used by the tests.") -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}\n"


class Project:
    """A project folder holding the real mkdocs.yml and mkdocs.fr.yml, with its own pages."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, path: str, text: str) -> Path:
        target = self.root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def set_nav(self, en: list[str], fr: list[str] | None = None) -> None:
        for name, pages in zip(CONFIGS, (en, en if fr is None else fr), strict=True):
            config = self.root / name
            text = config.read_text(encoding="utf-8")
            head = text[: text.index("\nnav:\n") + 1]
            config.write_text(head + "nav:\n" + "".join(f"  - {uri}\n" for uri in pages), encoding="utf-8")

    def validate(self, out: Path | None = None) -> Outcome:
        return validate(load_project(self.root), out or self.root / "out")

    def check_sources(self) -> list[Finding]:
        """The checks that read the Markdown only (scripts.checks.ON_SOURCES), without a build:
        a tenth of the time of validate() for the tests of those checks."""
        project = load_project(self.root)
        return run(ON_SOURCES, Context(project, read_sources(project), BuiltSite(self.root / "out")))

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """`python -m scripts --root <project> ARGS`, its exit code and what it prints: the entry
        point called in this process, which saves a Python start and MkDocs' imports per call
        (the real site's build and the usage test still run it as a process of its own)."""
        argv = ["--root", str(self.root), *args]
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = entry_point(argv)
            except SystemExit as stop:  # argparse's usage errors
                code = stop.code if isinstance(stop.code, int) else 2
        return subprocess.CompletedProcess(["python", "-m", "scripts", *argv], code, stdout.getvalue(),
                                           stderr.getvalue())


def empty_project(root: Path) -> Project:
    """The real configs in `root`, with the theme and the tooling linked, and no page yet."""
    root.mkdir()
    for name in CONFIGS:
        shutil.copy(REPO / name, root / name)
    for folder in ("overrides", "scripts"):
        (root / folder).symlink_to(REPO / folder, target_is_directory=True)
    return Project(root)


def copy_of_the_real_project(root: Path) -> Project:
    """The real configs and pages copied into `root`, with the theme and the tooling linked."""
    project = empty_project(root)
    shutil.copytree(REPO / "docs", root / "docs")
    return project


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.EXECUTABLE, args=list(chromium.ARGS))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built and checked by the build command once per test run.

    With pytest-xdist, every worker shares the one build: the first to need it builds it under a
    lock in the run's common temporary folder, the others wait and reuse it.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site = shared / "real-site"
    with (shared / "real-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").is_file():
            result = subprocess.run([sys.executable, "-m", "scripts", "build", "--site-dir", str(site)],
                                    cwd=REPO, capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Home and one more page in both languages, listed in both navs: a clean build."""
    result = empty_project(tmp_path / "project")
    result.write("en/index.md", page("Home", "See [the guide](guide.md)."))
    result.write("fr/index.md", page("Accueil", "Voir [le guide](guide.md)."))
    result.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nText."))
    result.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nTexte."))
    result.set_nav(["index.md", "guide.md"])
    return result


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]
