"""One shape for everything the checks find, and the three ways to print it.

A finding points at the file a contributor edits (the Markdown source, or the configuration), with
the line and column, so that editors and CI can jump to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def text(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        label = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message} [{self.code}]{hint}"

    def github(self) -> str:
        # GitHub workflow commands: the message is URL-encoded for the characters they reserve.
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{self.severity.value} file={self.path},line={self.line},col={self.col},"
            f"title={self.code}::{message}"
        )


FORMATS = ("text", "github", "json")


def render(findings: Iterable[Finding], fmt: str) -> str:
    """The report for `findings`, sorted by place, in one of FORMATS."""
    ordered = sorted(set(findings))
    if fmt == "json":
        rows = [asdict(finding) | {"severity": finding.severity.value} for finding in ordered]
        return json.dumps({"findings": rows, "errors": count_errors(ordered)}, indent=2, ensure_ascii=False)
    line = Finding.github if fmt == "github" else Finding.text
    return "\n".join(line(finding) for finding in ordered)


def count_errors(findings: Iterable[Finding]) -> int:
    return sum(1 for finding in findings if finding.severity is Severity.ERROR)
