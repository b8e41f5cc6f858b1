"""Every table of a page comes wrapped as Material's start would wrap it.

Material puts each `table:not([class])` of the article into `div.md-typeset__scrollwrap >
div.md-typeset__table` as it starts, which is what lets a wide table scroll on its own. Done by
the browser after the first paint, that moves the table: it shifts on screen, and taking a child
out of the article and putting one back restyles the whole article (its rules on `:first-child`,
`+ *` and the like), the longest step of Material's start-up on a page with a table (issue 12).
Wrapped here, the first paint already shows the table where it stays. Material still wraps it a
second time, inside these: the only change is then in a box that holds nothing but the table, and
overrides/assets/stylesheets/theme.css makes that inner pair take no room.
"""

from __future__ import annotations

import re

# A table without a class (Markdown's tables), as Material selects them, with its content.
UNCLASSED_TABLE = re.compile(r"<table(?![^>]*\sclass=)[^>]*>.*?</table>", re.DOTALL)
WRAPPED = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{}</div></div>'


def wrap_tables(html: str) -> str:
    return UNCLASSED_TABLE.sub(lambda table: WRAPPED.format(table.group(0)), html)


def on_page_content(html: str, page, config, files) -> str:
    return wrap_tables(html)
