"""Which code blocks of a page are examples to run, read with scripts/sources.py.

An example is a shell block that calls `aws` or a Python block. A block whose fence has a title
that names a file (`{ .yaml title="bucket.yaml" }`) is saved under that name where the reader
works, as a reader does before running the next command. A block that cannot run locally says why
in its fence, with a reason from mkdocs.yml's `extra.examples.excuses`:
`{ .bash data-excused="moto" }` (pymdownx.superfences takes brace attributes as HTML ones). A
block that shows what a command prints says which command, and its shape is checked against the
real output: `{ .json data-output-of="aws sts get-caller-identity" }`. A block meant to end in an
error names it (`data-expected-error="DryRunOperation"`), and one whose text tells the reader how to
delete what it keeps gives that command, which runs after it (`data-cleanup="aws ..."`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from scripts.checks.code_parity import language_of
from scripts.sources import Fence, SourcePage

SHELLS = frozenset({"bash", "sh", "shell", "zsh"})
PYTHONS = frozenset({"python", "py", "python3"})
AWS_COMMAND = re.compile(r"(?:^|[|;&(`]|\$\()\s*aws(?=\s|$|\))")
SERVICE = re.compile(r"(?:\baws\s+|\.(?:client|resource)\(\s*[\"'])(?P<service>[a-z][a-z0-9-]*)")
ATTRIBUTE = re.compile(r'(?P<name>[\w-]+)\s*=\s*"(?P<value>[^"]*)"')
EXCUSED, OUTPUT_OF, TITLE = "data-excused", "data-output-of", "title"
EXPECTED_ERROR, CLEANUP = "data-expected-error", "data-cleanup"


@dataclass(frozen=True)
class Block:
    page: SourcePage
    fence: Fence
    language: str
    kind: str  # "shell" or "python": an example; "file": saved only; "output": a sample of output
    excuse: str | None = None  # the reason it does not run, a key of extra.examples.excuses
    file: str | None = None  # the name it is saved under, relative to the reader's folder
    output_of: str | None = None  # the command whose output it shows
    expected_error: str | None = None  # what the error it ends in says, when it is meant to fail
    cleanup: str | None = None  # the shell command that deletes what it keeps

    @property
    def line(self) -> int:
        return self.fence.line

    @property
    def where(self) -> str:
        return f"{self.page.display}:{self.fence.line}"

    @property
    def services(self) -> set[str]:
        """The AWS services the block calls: `aws <service>`, `boto3.client("<service>")`."""
        text = "\n".join(self.fence.body)
        return {match["service"] for match in SERVICE.finditer(text)} | (
            {"cloudformation"} if self.file else set())

    @property
    def is_example(self) -> bool:
        return self.kind in ("shell", "python")


def attributes(fence: Fence) -> dict[str, str]:
    """The `name="value"` pairs of the fence's info string."""
    return {match["name"]: match["value"] for match in ATTRIBUTE.finditer(fence.info)}


def page_blocks(page: SourcePage) -> list[Block]:
    """The blocks of `page` that the examples run, save or check, in page order."""
    blocks = []
    for fence in page.fences:
        block = _block(page, fence)
        if block is not None:
            blocks.append(block)
    return blocks


def _block(page: SourcePage, fence: Fence) -> Block | None:
    language = language_of(fence)
    attrs = attributes(fence)
    title = attrs.get(TITLE, "")
    file = title if names_a_file(title) else None
    if language in SHELLS and _calls_aws(fence):
        kind = "shell"
    elif language in PYTHONS:
        kind = "python"
    elif OUTPUT_OF in attrs:
        kind = "output"
    elif file:
        kind = "file"
    else:
        return None
    return Block(page, fence, language, kind, attrs.get(EXCUSED), file, attrs.get(OUTPUT_OF),
                 attrs.get(EXPECTED_ERROR), attrs.get(CLEANUP))


def _calls_aws(fence: Fence) -> bool:
    """Whether `aws` is a command of the block: first word of a line, of a pipe, a list or `$(...)`
    (not `./aws/install` or `aws-cdk`), outside comments."""
    code = [line for line in fence.body if not line.lstrip().startswith("#")]
    return any(AWS_COMMAND.search(line) for line in code)


def names_a_file(title: str) -> bool:
    path = PurePosixPath(title)
    return bool(title) and " " not in title and not path.is_absolute() and ".." not in path.parts and "." in path.name
