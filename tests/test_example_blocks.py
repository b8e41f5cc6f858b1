"""The parts of `make examples` that need no moto: the markers in the pages, the AWS CLI v2 table,
the shapes of shown output and the share of excused blocks."""

from __future__ import annotations

import pytest

from scripts.examples.blocks import page_blocks
from scripts.examples.cli_v2 import V2SyntaxError, to_v1
from scripts.examples.report import Report
from scripts.examples.runner import BlockResult, PageResult
from scripts.examples.shapes import compare
from scripts.project import load_project
from scripts.sources import read_page
from tests.conftest import Project, codes, page
from tests.support import REPO


def test_too_many_excused_blocks_fail_the_run() -> None:
    share = Report([], {}, 0.15)
    assert share.findings == []  # nothing ran: nothing to excuse
    block = page_blocks(read_page(REPO / "docs/en/big-picture/hello-aws.md", REPO / "docs/en", REPO))[0]
    excused = Report([PageResult("x.md", "en", [BlockResult(block, "excused"), BlockResult(block, "passed")])],
                     {}, 0.15)
    assert codes(excused.findings) == ["example-excused"]


def test_the_v2_table_translates_and_rejects() -> None:
    assert to_v1(["lambda", "invoke", "--cli-binary-format", "raw-in-base64-out", "out.json"])[0] == [
        "lambda", "invoke", "out.json"]
    assert to_v1(["s3", "ls", "--no-cli-pager"])[0] == ["s3", "ls"]
    with pytest.raises(V2SyntaxError, match="no AWS CLI v1 equivalent"):
        to_v1(["lambda", "invoke", "--cli-binary-format=base64"])


def test_shapes_compare_tables_by_their_columns() -> None:
    table = "-------\n|  Describe  |\n+----+----+\n| Id | Type |\n+----+----+\n| i-1 | t3 |\n"
    assert compare("text", table, table) is None
    assert "columns Id | Type where the command prints Id | Size" in compare(
        "text", table, table.replace("| Id | Type |", "| Id | Size |"))


def test_unknown_excuses_and_markers_that_differ_fail_the_build(project: Project) -> None:
    project.write("en/guide.md", page("Guide", '```{ .bash data-excused="lazy" }\naws s3 ls\n```'))
    project.write("fr/guide.md", page("Guide", "```bash\naws s3 ls\n```"))
    findings = [(finding.path, finding.line, finding.code) for finding in project.check_sources()
                if finding.code.startswith("example")]
    assert findings == [("docs/en/guide.md", 8, "example-excuse"), ("docs/fr/guide.md", 8, "example-markers")]


def test_the_real_site_marks_every_excused_block_with_a_known_reason() -> None:
    excuses = load_project(REPO).default.config["extra"]["examples"]["excuses"]
    blocks = [block for path in sorted((REPO / "docs/en").rglob("*.md"))
              for block in page_blocks(read_page(path, REPO / "docs/en", REPO)) if block.excuse]
    assert blocks and all(block.excuse in excuses for block in blocks)

