"""`make audit`: one table a maintainer can paste into a pull request.

Lighthouse (npm package, mobile profile, Debian's Chromium) scores a representative set of pages in
both languages; the Nu HTML Checker (npm package vnu-jar) reads every page. The first view's size is
what a reader downloads for the page and what it loads, compressed with gzip as hosts serve it.
Accessibility, best practices and SEO must score 100 and the HTML must have no error: anything less
is a failure (exit 1). Performance, its total blocking time (TBT) and sizes are reported only: they
vary with the machine, and the TBT of each run is printed beside the median to show by how much.
Under the table, where each page's main thread spent its time in the run with the median TBT:
Lighthouse's main-thread work by category and its boot-up time by script.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scripts import chromium
from scripts.preview import serving
from scripts.project import Project

PAGES = ("", "core-services/ec2/", "glossary/")  # in every language
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REQUIRED = ("accessibility", "best-practices", "seo")  # must be 100
CHROME_FLAGS = " ".join(("--headless=new", *chromium.ARGS))
NODE_BIN = Path("node_modules") / ".bin"
VNU = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class PageReport:
    path: str
    scores: dict[str, int]
    first_view_bytes: int  # gzip-compressed
    blocking_runs: tuple[float, ...] = ()  # the total blocking time (TBT) of each run, in run order
    main_thread: tuple[tuple[str, float], ...] = ()  # Lighthouse's category -> ms, largest first
    boot_up: tuple[tuple[str, float, float], ...] = ()  # script -> total ms, of which scripting ms

    @property
    def blocking_ms(self) -> float:
        """The median TBT of the runs."""
        return statistics.median(self.blocking_runs) if self.blocking_runs else 0


def run(project: Project, site: Path, runs: int = 1, pages: tuple[str, ...] = PAGES) -> int:
    if not (site / "index.html").is_file():
        print(f"no site to audit in {project.display(site)}/: run 'make build' first")
        return 2
    with serving(site, project.site_url) as url:
        reports = [median_report([lighthouse(project.root, url, site, language.prefix + page) for _ in range(runs)])
                   for language in project.languages for page in pages]
    html_errors = validate_html(project.root, site)
    print(table(reports, len(html_errors), runs))
    for error in html_errors:
        print(error)
    failed = [report.path for report in reports if any(report.scores[c] < 100 for c in REQUIRED)]
    return 1 if failed or html_errors else 0


def lighthouse(root: Path, url: str, site: Path, path: str) -> PageReport:
    command = [str(root / NODE_BIN / "lighthouse"), url + path, "--output=json", "--output-path=stdout", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    environment = os.environ | {"CHROME_PATH": chromium.EXECUTABLE}
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        raise SystemExit(f"audit: Lighthouse failed on {path or '/'}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return PageReport(path or "/", scores, sum(compressed_size(site, url, item["url"]) for item in requests),
                      (audits["total-blocking-time"]["numericValue"],),
                      tuple((item["groupLabel"], item["duration"])
                            for item in audits["mainthread-work-breakdown"]["details"]["items"]),
                      tuple((script_name(item["url"], url), item["total"], item["scripting"])
                            for item in audits["bootup-time"]["details"]["items"]))


def script_name(resource: str, url: str) -> str:
    """A script as the site names it (assets/javascripts/bundle.js), or Lighthouse's own label."""
    return resource.removeprefix(url).split("?")[0] or "the page itself"


def median_report(reports: list[PageReport]) -> PageReport:
    """One report for several runs of a page: the median performance and TBT (they vary from run to
    run with the machine's load), the breakdown of the run with the median TBT, and the lowest of
    the other scores (they should not vary at all)."""
    scores = {name: min(report.scores[name] for report in reports) for name in CATEGORIES}
    scores["performance"] = round(statistics.median(report.scores["performance"] for report in reports))
    by_blocking = sorted(reports, key=lambda report: report.blocking_ms)
    middle = by_blocking[(len(reports) - 1) // 2]
    return PageReport(reports[0].path, scores, reports[0].first_view_bytes,
                      tuple(run for report in reports for run in report.blocking_runs),
                      middle.main_thread, middle.boot_up)


def compressed_size(site: Path, url: str, resource: str) -> int:
    """What `resource` weighs gzipped, read from the built site (0 when it is not part of it)."""
    if not resource.startswith(url):
        return 0
    relative = resource[len(url):].split("?")[0].split("#")[0]
    file = site / relative
    if file.is_dir() or not relative:
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), compresslevel=6)) if file.is_file() else 0


def validate_html(root: Path, site: Path) -> list[str]:
    command = ["java", "-jar", str(root / VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site)]
    result = subprocess.run(command, capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m['url'].removeprefix('file:')}:{m.get('lastLine')}: {m['message']}" for m in messages]


def table(reports: list[PageReport], html_errors: int, runs: int = 1) -> str:
    rows = ["| page | performance | TBT | accessibility | best practices | SEO | first view (gzip) | TBT of each run |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    rows += [f"| `{r.path}` | {r.scores['performance']} | {r.blocking_ms:.0f} ms | "
             + " | ".join(str(r.scores[c]) for c in CATEGORIES[1:])
             + f" | {r.first_view_bytes / 1024:.0f} KB | {', '.join(f'{ms:.0f}' for ms in r.blocking_runs)} ms |"
             for r in reports]
    if runs > 1:
        rows.append(f"\nPerformance and TBT: median of {runs} Lighthouse runs per page (mobile profile).")
    rows.append(f"\nHTML errors (Nu HTML Checker, every page): {html_errors}")
    rows.append("\nMain thread, in the run with the median TBT (Lighthouse's simulated 4x slower phone):")
    for r in reports:
        work = ", ".join(f"{label} {ms:.0f}" for label, ms in r.main_thread)
        boot = ", ".join(f"{name} {total:.0f} ({scripting:.0f} scripting)" for name, total, scripting in r.boot_up)
        rows.append(f"- `{r.path}`: {work} ms; boot-up by script: {boot or 'none'} ms")
    return "\n".join(rows)
