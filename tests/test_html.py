"""Every built page of both languages is valid HTML for the Nu HTML Checker (npm package vnu-jar)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.audit import validate_html
from tests.support import REPO

pytestmark = pytest.mark.nu


def test_every_page_is_valid_html(real_site: Path) -> None:
    assert len(list(real_site.rglob("*.html"))) > 60, "the checker has pages to read"
    assert validate_html(REPO, real_site) == []
