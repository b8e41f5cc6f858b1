"""Small repairs to the HTML Material writes, so that every page passes the Nu HTML Checker and
Lighthouse's accessibility audit.

Each one is a textual fix on the finished page, named after the error it removes; the templates
themselves stay Material's, so upgrading the theme needs no merge.
"""

from __future__ import annotations

import re
from html import escape

# `autocomplete` is not allowed on checkboxes (Material's drawer and search toggles).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# `tabindex=""` is not an integer (Material's navigation section labels): no tabindex is the default.
EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# A section's index page has no `__toc` checkbox, but its table of contents keeps a label for it.
TOC_LABEL_FOR = re.compile(r'(<label class="md-nav__title") for="__toc"')
# A dialog needs an accessible name (Lighthouse `aria-dialog-name`): the search dialog has none.
UNNAMED_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>')


def repair(html: str, search_label: str) -> str:
    html = UNNAMED_SEARCH_DIALOG.sub(rf'\1 aria-label="{escape(search_label)}">', html)
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = TOC_LABEL_FOR.sub(r"\1", html)
    return html


def on_post_page(output: str, page, config) -> str:
    return repair(output, config.extra["strings"]["search"])


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The pages built from a template alone: 404.html."""
    if not template_name.endswith(".html"):
        return output_content
    return repair(output_content, config.extra["strings"]["search"])
