"""The checks of the validating build, one module per concern.

Each check is a function from a Context (the project, its Markdown sources and the built site) to a
list of findings. `ALL` lists them in the order they run: the source-level link check runs before
the built-site one, which skips what the first already reported.
"""

from __future__ import annotations

from scripts.checks import (
    admonitions,
    built_links,
    front_matter,
    links,
    navigation,
    parity,
    structure,
    tags,
    template,
    terms,
    typography,
)
from scripts.checks.context import Context

ALL = (
    front_matter.check,
    admonitions.check,
    structure.check,
    navigation.check,
    parity.check,
    tags.check,
    template.check,
    terms.check,
    typography.check,
    links.check,
    built_links.check,
)

__all__ = ["ALL", "Context"]
