"""The AWS CLI v2 syntax the site teaches, run on the v1 CLI that PyPI has.

The site teaches AWS CLI v2; PyPI only has v1 (`awscli`), whose commands and parameters come from
the same service models. What v2 added on top of them is known and short: each entry below is a
v2-only global option, with the values v2 accepts and what v1 needs to do the same thing, from AWS's
list of the changes between the two versions. An option outside this table reaches v1 as written,
so an unknown or misspelled option still fails, and a wrong value of a v2-only one fails here.
"""

from __future__ import annotations

from dataclasses import dataclass

MIGRATION_GUIDE = "https://docs.aws.amazon.com/cli/latest/userguide/cliv2-migration-changes.html"


@dataclass(frozen=True)
class V2Option:
    name: str
    values: tuple[str, ...]  # what v2 accepts; () for a flag
    v1_equivalent: dict[str, tuple[str, ...]]  # per value ("" for a flag): the arguments v1 needs instead
    source: str


V2_OPTIONS = {
    option.name: option
    for option in (
        # v2 reads blobs as base64 by default; raw-in-base64-out is v1's own behaviour.
        V2Option("--cli-binary-format", ("base64", "raw-in-base64-out"), {"raw-in-base64-out": ()},
                 f"{MIGRATION_GUIDE}#cliv2-migration-binaryparam"),
        # v2 pipes output through a pager; v1 never does.
        V2Option("--no-cli-pager", (), {"": ()}, f"{MIGRATION_GUIDE}#cliv2-migration-output-pager"),
    )
}


class V2SyntaxError(ValueError):
    """A v2-only option with a value v2 rejects, or one v1 cannot reproduce."""


def to_v1(argv: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """`argv` for v1, and the v2-only options it translated (name, value, source)."""
    result: list[str] = []
    translated: list[dict[str, str]] = []
    words = iter(argv)
    for word in words:
        name, _, inline = word.partition("=")
        option = V2_OPTIONS.get(name)
        if option is None:
            result.append(word)
            continue
        value = (inline or next(words, "")) if option.values else ""
        if option.values and value not in option.values:
            raise V2SyntaxError(f"{name} takes one of {', '.join(option.values)}, not {value!r} ({option.source})")
        if value not in option.v1_equivalent:
            raise V2SyntaxError(f"{name} {value} has no AWS CLI v1 equivalent: excuse the block ({option.source})")
        result.extend(option.v1_equivalent[value])
        translated.append({"option": name, "value": value, "source": option.source})
    return result, translated
