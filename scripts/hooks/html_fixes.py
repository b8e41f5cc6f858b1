"""Small repairs to the HTML Material writes, so that every page passes the Nu HTML Checker.

Each one is a textual fix on the finished page, named after the error it removes; the templates
themselves stay Material's, so upgrading the theme needs no merge.
"""

from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes (Material's drawer and search toggles).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# `tabindex=""` is not an integer (Material's navigation section labels): no tabindex is the default.
EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# A section's index page has no `__toc` checkbox, but its table of contents keeps a label for it.
TOC_LABEL_FOR = re.compile(r'(<label class="md-nav__title") for="__toc"')


def repair(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = TOC_LABEL_FOR.sub(r"\1", html)
    return html


def on_post_page(output: str, page, config) -> str:
    return repair(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The pages built from a template alone: 404.html."""
    return repair(output_content) if template_name.endswith(".html") else output_content
