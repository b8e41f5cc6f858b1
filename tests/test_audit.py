"""`make audit` on the real site: the table it prints, and the scores that must be perfect.

Lighthouse's accessibility, best-practices and SEO scores are properties of the pages (100 or
not), so they fail the build when they fall short; performance and sizes depend on the machine
and are printed only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.audit import PAGES
from tests.support import REPO

pytestmark = pytest.mark.browser


def test_the_audit_passes_and_prints_one_row_per_page(real_site: Path) -> None:
    """One page in every language (Lighthouse takes 15 s a run); `make audit` runs all of PAGES."""
    page = PAGES[1]
    result = subprocess.run([sys.executable, "-m", "scripts", "audit", "--runs", "1", "--page", page,
                             "--site-dir", str(real_site)], cwd=REPO, capture_output=True, text=True)
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `")]
    print(result.stdout)  # the table, for the log
    assert result.returncode == 0, result.stdout + result.stderr
    assert [row.split("`")[1] for row in rows] == [page, "fr/" + page]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[2].removesuffix(" ms").isdigit(), row  # the total blocking time beside the score
        assert cells[3:6] == ["100", "100", "100"], row
        assert cells[7] == cells[2], row  # one run: its TBT is the median
    breakdown = [line for line in result.stdout.splitlines() if line.startswith("- `")]
    assert [line.split("`")[1] for line in breakdown] == [page, "fr/" + page]
    assert all("Script Evaluation" in line and "assets/javascripts/bundle." in line for line in breakdown), breakdown
    assert "HTML errors (Nu HTML Checker, every page): 0" in result.stdout
