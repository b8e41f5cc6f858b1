"""`make bench`: how much the validation costs, next to a bare MkDocs build.

Both are timed as a maintainer runs them, from a fresh process: the bare build is
`mkdocs build` once per language, one after the other; the validated build is
`python -m scripts build`, which builds the same languages in parallel processes, runs every check
and publishes. The figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scripts.build import validate
from scripts.project import Project

GOAL = 0.30  # validation should add less than this to the MkDocs builds
RATIO_GOAL = 0.70  # the validated build, next to a bare sequential build of every language


def run(project: Project, runs: int) -> int:
    bare, validated = _medians(runs, lambda out: _bare_build(project, out), lambda out: _validated_build(project, out))
    phases = _phases(project, runs)
    added = phases["site checks"] / phases["mkdocs"]  # the sources are read and checked while MkDocs builds
    languages = len(project.languages)
    print(f"{f'bare mkdocs build, {languages} languages, one after the other':<48} median {bare:6.2f} s")
    print(f"{'validated build, python -m scripts build':<48} median {validated:6.2f} s")
    print(f"{'ratio validated / bare':<48} {validated / bare:6.2f}   (goal: at most {RATIO_GOAL:.2f})")
    print(f"{'inside the validated build: MkDocs, in parallel':<48} median {phases['mkdocs']:6.2f} s")
    print(f"{'  meanwhile: reading the sources':<48} median {phases['sources']:6.2f} s")
    print(f"{'  meanwhile: checks on the sources':<48} median {phases['source checks']:6.2f} s")
    print(f"{'then: checks on the built site':<48} median {phases['site checks']:6.2f} s")
    print(f"{'what validation adds to the MkDocs builds':<48} {added:6.0%}   (goal: under {GOAL:.0%})")
    print(f"{runs} runs each; reproduce with: make bench")
    return 0


def _phases(project: Project, runs: int) -> dict[str, float]:
    """The median time of each phase of the validated build, measured in this process."""
    samples: list[dict[str, float]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as out:
            samples.append(validate(project, Path(out)).seconds)
    return {phase: statistics.median(sample[phase] for sample in samples) for phase in samples[0]}


def _medians(runs: int, *commands: Callable[[Path], None]) -> list[float]:
    """The median time of each command, run in turn (a, b, a, b, ...), so that a slower moment of
    the machine weighs on both alike."""
    timings: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, samples in zip(commands, timings, strict=True):
            with tempfile.TemporaryDirectory(prefix="bench-") as out:
                start = time.perf_counter()
                command(Path(out) / "site")
                samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in timings]


def _bare_build(project: Project, site: Path) -> None:
    for language in project.languages:
        _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(language.config_file),
              "-d", str(site / language.prefix)], project.root)


def _validated_build(project: Project, site: Path) -> None:
    _run([sys.executable, "-m", "scripts", "--root", str(project.root), "build", "--site-dir", str(site)],
         project.root)


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: '{' '.join(command[2:])}' failed:\n{result.stdout}{result.stderr}")
