"""The checks of the validating build, one module per concern.

Each check is a function from a Context (the project, its Markdown sources and the built site) to a
list of findings. `ON_SOURCES` read the Markdown only, so they run while MkDocs builds; `ON_SITE`
need the built site, and run after it in this order: the source-level link check before the
built-site one, which skips what the first already reported.
"""

from __future__ import annotations

from scripts.checks import (
    admonitions,
    built_links,
    code_parity,
    examples,
    front_matter,
    links,
    navigation,
    parity,
    rewrite,
    self_check,
    structure,
    tags,
    template,
    terms,
    translations,
    typography,
)
from scripts.checks.context import Context

ON_SOURCES = (
    front_matter.check,
    admonitions.check,
    structure.check_sources,
    navigation.check,
    parity.check,
    code_parity.check,
    examples.check,
    tags.check,
    template.check,
    self_check.check,
    terms.check,
    typography.check,
    translations.check,
    rewrite.check,
)
ON_SITE = (
    structure.check_site,
    links.check,
    built_links.check,
)
__all__ = ["ON_SITE", "ON_SOURCES", "Context"]
