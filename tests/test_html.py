"""Every built page of both languages is valid HTML for the Nu HTML Checker (npm package vnu-jar)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(real_site: Path) -> None:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(real_site)],
        capture_output=True, text=True,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    errors = [f"{m['url'].removeprefix('file:')}:{m.get('lastLine')}: {m['message']}" for m in report["messages"]]
    assert len(list(real_site.rglob("*.html"))) > 60, "the checker had pages to read"
    assert errors == []
