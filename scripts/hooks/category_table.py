"""The table of categories on the contributor page, made from mkdocs.yml so that it cannot drift.

A service page must spell its categories exactly as `extra.categories` names them in its language
(scripts/checks/template.py), and categories.md only lists the ones pages already use. So a line
that holds nothing but `<!-- categories -->` becomes a table of every category, one column per
language of `extra.languages`, in the order mkdocs.yml lists them.
"""

from __future__ import annotations

MARKER = "<!-- categories -->"


def category_table(categories: list[dict], languages: list[dict]) -> str:
    """A Markdown table: a column per language, named after it, and a row per category."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    codes = [language["code"] for language in languages]
    lines = [row([language["name"] for language in languages]), row(["---"] * len(codes))]
    lines += [row([str(entry.get(code, "")) for code in codes]) for entry in categories]
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, **_):
    if MARKER not in markdown:
        return markdown
    table = category_table(config.extra.get("categories") or [], config.extra.get("languages") or [])
    return "\n".join(table if line.strip() == MARKER else line for line in markdown.split("\n"))
