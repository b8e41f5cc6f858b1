"""The structure check: blocks indented under their opener, fences with a language, and no opener
published as text. Each rule on a few lines of Markdown, then end to end on small projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks.structure import in_source
from scripts.findings import Finding
from scripts.site import parse_page
from scripts.sources import read_page
from tests.conftest import Project, page


def source_findings(tmp_path: Path, text: str) -> list[Finding]:
    """What the structure check finds in `text`, a page without front matter (line 1 is its first)."""
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return in_source(read_page(path, tmp_path / "docs", tmp_path))


def places(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(finding.line, finding.col, finding.code) for finding in findings]


# What it catches ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # A tab whose content is not indented: the tab is empty, the code lands after it.
    ('=== "AWS CLI"\n\n```bash\naws s3 ls\n```\n', (1, 1, "tab 'AWS CLI' is empty: line 3 is not indented under it")),
    # An admonition whose content is indented by 2 spaces, not 4.
    ("!!! note\n\n  Text.\n", (1, 1, "admonition 'note' is empty: line 3 is indented 2 spaces under it, not 4")),
    # A collapsible block followed by its text, not indented.
    ('???+ tip "Open"\nText.\n', (1, 1, "collapsible block 'tip' is empty: line 2 is not indented under it")),
    # A tab followed by the next tab.
    ('=== "A"\n\n    a\n\n=== "B"\n\n=== "C"\n\n    c\n', (5, 1, "tab 'B' is empty: line 7 is not indented under it")),
    # An opener at the end of the page.
    ("Text.\n\n!!! note\n", (3, 1, "admonition 'note' is empty: nothing is indented under it")),
    # A nested admonition indented by 2 under its own opener.
    ('=== "A"\n\n    !!! note\n\n      Text.\n', (3, 5, "admonition 'note' is empty")),
    # A code block indented 3 spaces under `1. Step`, after a blank line: the list is cut in two.
    ("1. Step\n\n   ```bash\n   ls\n   ```\n\n2. Next\n",
     (3, 4, "code block indented 3 spaces under the list item of line 1: Python-Markdown needs 4")),
    # The same, right under the item.
    ("1. Step\n  ```bash\n  ls\n  ```\n2. Next\n", (2, 3, "code block indented 2 spaces under the list item")),
    # A second paragraph of a list item, indented 2.
    ("- a\n\n  more\n", (3, 3, "line indented 2 spaces under the list item of line 1")),
    # A nested list indented by 2: it is not nested (reported once, at its first item).
    ("- a\n  - b\n  - c\n", (2, 3, "list item indented 2 spaces under the list item of line 1")),
    # A line right after an admonition's content, not indented: it lands after the admonition.
    ("!!! note\n    First.\nSecond.\n", (3, 1, "line not indented under the admonition 'note' of line 1")),
    # Content that goes on after a blank line, indented less than 4.
    ("!!! tip\n\n    Body.\n\n  More.\n", (5, 3, "line indented less than 4 spaces under the admonition 'tip'")),
])
def test_content_not_indented_under_its_opener_is_reported(tmp_path: Path, text: str,
                                                          expected: tuple[int, int, str]) -> None:
    (finding,) = source_findings(tmp_path, text)
    line, col, message = expected
    assert (finding.line, finding.col, finding.code) == (line, col, "indent")
    assert finding.message.startswith(message)
    assert "column" in finding.hint


def test_the_hint_says_where_the_content_goes(tmp_path: Path) -> None:
    (finding,) = source_findings(tmp_path, '=== "AWS CLI"\n\n```bash\naws s3 ls\n```\n')
    assert finding.hint == "indent its content by 4 spaces more than the opener, to column 5"
    (finding,) = source_findings(tmp_path, "1. Step\n\n   ```bash\n   ls\n   ```\n")
    assert finding.hint == "indent it to column 5"


@pytest.mark.parametrize("text", [
    "- item\ncontinued lazily\n  and again\n\nAfter the list.\n",  # lazy lines, then the list ends
    "1. Step\n\n    ```bash\n    ls\n    ```\n\n2. Next\n",  # a fence inside a list item
    "1. Step\n    ```bash\n    ls\n    ```\n2. Next\n",  # the same, right under the item
    "- a\n- b\n\nText.\n",  # a paragraph at column 0 ends the list
    "- a\n\n    Second paragraph of a.\n\n- b\n",  # a loose list
    "- a\n    - b\n\n        Paragraph of b.\n",  # a nested list
    '=== "A"\n\n    !!! note\n\n        Text.\n\n    More.\n\n=== "B"\n\n    ```python\n    x\n    ```\n',
    "!!! note\n    Text right under the opener.\n",
    '!!! note "Title"\n\n    Text.\n\n    ??? tip\n        Nested.\n\nAfter.\n',
    '??? note "Title"\n\n    Text.\n',
    "1. Step\n\n    !!! tip\n\n        Text.\n\n2. Next\n",
    '<div class="grid" markdown>\n\n!!! note\n\n    Text.\n</div>\n',  # md_in_html
    "| a | b |\n| --- | --- |\n| 1 | 2 |\n",
    '```markdown\n!!! note\nNot indented.\n=== "X"\n```\n',  # fenced code is not Markdown
    '```markdown\n=== "A"\n\n    ```bash\n    ls\n    ```\n```\n',  # a fence inside a fenced example
    "Text.\n\n    !!! note\n",  # an indented code block
    "Term\n:   Definition.\n\n    More of it.\n",  # a definition list
    "Text.\n\n* * *\n\n  Text.\n",  # a rule is not a list item
    "Text\n- not a list item\n\n  Text.\n",  # a paragraph goes on: no list without a blank line
])
def test_valid_nesting_is_not_flagged(tmp_path: Path, text: str) -> None:
    assert source_findings(tmp_path, text) == []


# Fenced code ----------------------------------------------------------------------------------

def test_a_fence_without_language_is_reported_at_its_opening_line(tmp_path: Path) -> None:
    text = 'Text.\n\n```\nplain\n```\n\n=== "A"\n\n    ```\n    x\n    ```\n\n```text\nfine\n```\n'
    findings = source_findings(tmp_path, text)
    assert places(findings) == [(3, 1, "fence-language"), (9, 5, "fence-language")]
    assert findings[0].message == "code block without a language"


def test_an_unclosed_fence_and_a_line_left_of_its_fence_are_reported(tmp_path: Path) -> None:
    assert places(source_findings(tmp_path, "Text.\n\n```bash\nls\n")) == [(3, 1, "fence")]
    assert places(source_findings(tmp_path, '=== "A"\n\n    ```bash\nls\n    ```\n')) == [(4, 1, "indent")]


def test_a_fence_ends_at_the_same_fence_at_the_same_indentation(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text('```markdown\n=== "A"\n\n    ```bash\n    ls\n    ```\n```\n\n## After { #after }\n')
    page_read = read_page(path, tmp_path, tmp_path)
    assert [(fence.line, fence.info, fence.closed) for fence in page_read.fences] == [(1, "markdown", True)]
    assert [heading.anchor for heading in page_read.headings] == ["after"]


# Openers shown as text ------------------------------------------------------------------------

def test_openers_left_as_text_are_found_in_the_html_outside_code() -> None:
    html = ('<p>Text\n!!! note: Title</p>\n<ul>\n<li>item\n    === "<abbr title="x">AWS</abbr> CLI"</li>\n</ul>\n'
            '<pre><code>!!! note\n</code></pre>\n<p>Use <code>??? tip</code> to fold it.</p>\n<p>a === b</p>\n')
    assert [(text.text, text.line, text.col) for text in parse_page(html).literal_openers] == [
        ("!!! note: Title", 2, 1),
        ('=== "AWS CLI"', 5, 5),
    ]


# End to end -----------------------------------------------------------------------------------

def both(project: Project, body: str) -> None:
    project.write("en/index.md", page("Home", body))
    project.write("fr/index.md", page("Accueil", body))


def test_an_empty_tab_fails_the_build_at_the_tab(project: Project) -> None:
    both(project, 'Intro.\n\n=== "AWS CLI"\n\n```bash\naws s3 ls\n```\n\n=== "Python (boto3)"\n\n'
                  "    ```python\n    import boto3\n    ```")
    findings = project.validate().findings
    assert [(f.path, f.line, f.col, f.code) for f in findings] == [
        ("docs/en/index.md", 10, 1, "indent"),
        ("docs/fr/index.md", 10, 1, "indent"),
    ]
    assert findings[0].message == "tab 'AWS CLI' is empty: line 12 is not indented under it"


def test_a_code_block_cut_out_of_a_list_item_fails_the_build(project: Project) -> None:
    both(project, "1. Step\n\n   ```bash\n   ls\n   ```\n\n2. Next")
    findings = project.validate().findings
    assert [(f.path, f.line, f.col, f.code) for f in findings] == [
        ("docs/en/index.md", 10, 4, "indent"),
        ("docs/fr/index.md", 10, 4, "indent"),
    ]


def test_an_opener_shown_as_text_is_reported_at_its_source_line(project: Project) -> None:
    both(project, "Some text.\n!!! note: Title\n\n<div>\n!!! warning\n</div>\n\nEnd.")
    # the French page also gets a typography finding for 'note:', which is not what this test is about
    findings = sorted(f for f in project.validate().findings if f.code != "typography")
    assert [(f.path, f.line, f.col, f.code) for f in findings] == [
        ("docs/en/index.md", 9, 1, "literal-markup"),
        ("docs/en/index.md", 12, 1, "literal-markup"),
        ("docs/fr/index.md", 9, 1, "literal-markup"),
        ("docs/fr/index.md", 12, 1, "literal-markup"),
    ]
    assert findings[0].message.startswith("'!!! note: Title' shows as text on the page")


def test_a_fence_without_language_fails_the_build(project: Project) -> None:
    both(project, "Text.\n\n```\nplain\n```")
    findings = project.validate().findings
    assert [(f.path, f.line, f.col, f.code) for f in findings] == [
        ("docs/en/index.md", 10, 1, "fence-language"),
        ("docs/fr/index.md", 10, 1, "fence-language"),
    ]


def test_well_nested_blocks_pass_the_build(project: Project) -> None:
    both(project, 'Use `!!! cost` for prices.\n\n=== "AWS CLI"\n\n    ```bash\n    aws s3 ls\n    ```\n\n'
                  '=== "Python (boto3)"\n\n    !!! tip\n\n        Text.\n\n1. Step\n\n    ```bash\n    ls\n    ```\n\n'
                  "2. Next\nlazily continued\n\n```markdown\n!!! note\n=== \"Tab\"\n```\n\n"
                  '<div class="grid" markdown>\n\n!!! note\n\n    Text.\n</div>')
    assert project.validate().findings == []
