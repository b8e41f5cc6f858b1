"""What sources.py reads from Markdown: positions, and nothing from inside code."""

from __future__ import annotations

from pathlib import Path

from scripts.sources import read_page

TEXT = """---
title: T
description: D
---

# Title { #top }

See [a](a.md) and ![b](b.png "title") and [c](<c d.md>).

`[not](inline.md)` but [yes](y.md)

````markdown
```python
[not](fenced.md)
```
[still not](fenced2.md)
````

    !!! cost

[ref]: ref.md
[^1]: a footnote, not a link

<a href="raw.html">x</a> <img alt="" src="pic.png">
"""


def test_positions_of_links_headings_and_admonitions(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir()
    path.write_text(TEXT)
    page = read_page(path, tmp_path / "docs", tmp_path)
    assert page.meta == {"title": "T", "description": "D"}
    assert [(link.url, link.line, link.col, link.kind) for link in page.links] == [
        ("a.md", 8, 9, "link"),
        ("b.png", 8, 24, "image"),
        ("c d.md", 8, 48, "link"),
        ("y.md", 10, 30, "link"),
        ("ref.md", 21, 8, "reference"),
        ("raw.html", 24, 10, "html-link"),
        ("pic.png", 24, 43, "html-image"),
    ]
    assert [(h.level, h.text, h.anchor, h.line) for h in page.headings] == [(1, "Title", "top", 6)]
    assert [(a.kind, a.line, a.col) for a in page.admonitions] == [("cost", 19, 9)]
    assert page.links[-1].text == "alt", "an empty alt is a deliberate text alternative"


def test_an_admonition_keeps_its_authors_title_and_none_otherwise(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir()
    path.write_text('# T\n\n!!! cost\n\n    A.\n\n???+ exam inline end "My own title"\n\n    B.\n')
    page = read_page(path, tmp_path / "docs", tmp_path)
    assert [(a.kind, a.title) for a in page.admonitions] == [("cost", None), ("exam", "My own title")]
