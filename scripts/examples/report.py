"""Run the examples of the pages, and the report `make examples` prints."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.build import read_sources
from scripts.examples.blocks import Block, page_blocks
from scripts.examples.runner import PageResult, PageRun
from scripts.examples.sandbox import Sandbox
from scripts.findings import Finding
from scripts.project import Project


@dataclass
class Report:
    pages: list[PageResult]
    excuses: dict[str, str]  # the reasons mkdocs.yml allows, with their meaning
    max_excused: float
    whole_site: bool = True  # every page ran: the share of excused blocks is checked
    seconds: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        found = [finding for page in self.pages for finding in page.findings]
        if self.whole_site and self.excused_share > self.max_excused:
            found.append(Finding("mkdocs.yml", 1, 1, "example-excused",
                                 f"{self.excused_share:.0%} of the examples are excused, more than "
                                 f"extra.examples.max_excused ({self.max_excused:.0%})",
                                 "make an excused example run against moto"))
        return found

    @property
    def counts(self) -> Counter:
        return Counter(result.status for page in self.pages for result in page.results)

    @property
    def excused_share(self) -> float:
        counts = self.counts
        total = sum(counts.values())
        return counts["excused"] / total if total else 0.0


def examples_config(project: Project) -> tuple[dict[str, str], float]:
    settings = project.default.config["extra"].get("examples", {})
    return dict(settings.get("excuses", {})), float(settings.get("max_excused", 0.15))


def collect(project: Project, pages: list[str] | None = None) -> list[tuple[str, str, list[Block]]]:
    """(page, language, blocks) for every page of every language that has something to run."""
    sources = read_sources(project)
    found = []
    for language in project.languages:
        for page in sources[language.code]:
            if pages and page.uri not in pages:
                continue
            blocks = page_blocks(page)
            if any(block.is_example or block.kind == "output" for block in blocks):
                found.append((page.uri, language.code, blocks))
    return found


def run(project: Project, pages: list[str] | None = None, workers: int = 2) -> Report:
    """Run the examples of `pages` (every page by default), `workers` pages at a time."""
    excuses, max_excused = examples_config(project)
    todo = collect(project, pages)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="examples-") as scratch, \
            Sandbox(Path(scratch), max(1, min(workers, len(todo)))) as sandbox:
        queue = list(enumerate(todo))

        def work(moto_index: int) -> list[tuple[int, PageResult]]:
            done = []
            while queue:
                try:
                    index, (uri, language, blocks) = queue.pop(0)
                except IndexError:
                    break
                page_started = time.perf_counter()
                result = PageRun(sandbox, sandbox.motos[moto_index], uri, language, blocks).run()
                result.seconds = time.perf_counter() - page_started
                done.append((index, result))
            return done

        with ThreadPoolExecutor(len(sandbox.motos)) as pool:
            finished = [item for batch in pool.map(work, range(len(sandbox.motos))) for item in batch]
    return Report([result for _, result in sorted(finished, key=lambda item: item[0])], excuses, max_excused,
                  not pages, time.perf_counter() - started)


def render(report: Report) -> str:
    """The table of the pages, the totals, the excused blocks with their reasons, the v2 syntax."""
    lines = [f"{'page':<48} {'blocks':>6} {'run':>4} {'passed':>6} {'excused':>7} {'seconds':>7}"]
    for page in report.pages:
        counts = Counter(result.status for result in page.results)
        run_count = counts["passed"] + counts["failed"]
        lines.append(f"{page.language + ' ' + page.uri:<48} {len(page.results):>6} {run_count:>4} "
                     f"{counts['passed']:>6} {counts['excused']:>7} {page.seconds:>7.1f}")
    counts = report.counts
    total = sum(counts.values())
    lines.append(f"{'total':<48} {total:>6} {counts['passed'] + counts['failed']:>4} {counts['passed']:>6} "
                 f"{counts['excused']:>7}  ({report.excused_share:.0%} excused, at most {report.max_excused:.0%})")
    excused = [result for page in report.pages for result in page.results if result.status == "excused"]
    by_reason = Counter(result.block.excuse for result in excused)
    for reason, number in sorted(by_reason.items()):
        lines.append(f"excused, {reason} ({report.excuses.get(str(reason), 'unknown reason')}): {number}")
        lines.extend(f"  {result.block.where}" for result in excused if result.block.excuse == reason)
    v2 = Counter((item["option"], item["value"], item["source"]) for page in report.pages for item in page.v2_syntax)
    for (option, value, source), number in sorted(v2.items()):
        times = "once" if number == 1 else f"{number} times"
        lines.append(f"AWS CLI v2 syntax run on v1: {option} {value}".rstrip() + f", {times} ({source})")
    if counts["not run"]:
        lines.append(f"not run after a failure on their page: {counts['not run']}")
    lines.append(f"examples took {report.seconds:.1f} s")
    return "\n".join(lines)
