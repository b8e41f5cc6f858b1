"""Whether a sample of output has the shape of the real one: the same keys, or the same columns.

Values differ (an account ID, a date); the shape must not: a reader who looks for `Arn` in what
the command prints must find it. JSON is compared key by key, at every depth (a list by its first
item); an AWS CLI table (`--output table`) by its column headers, and `--output text` by its
number of columns.
"""

from __future__ import annotations

import json
import re

TABLE_ROW = re.compile(r"^\|(?P<cells>.*)\|$")


def compare(language: str, sample: str, actual: str) -> str | None:
    """What differs between the shapes of `sample` and `actual`; None when they match."""
    if language == "json":
        try:
            return _json(json.loads(sample), json.loads(actual), "")
        except json.JSONDecodeError as error:
            return f"not JSON ({error.msg}, line {error.lineno})"
    if _rows(sample) or _rows(actual):
        return _table(sample, actual)
    return _text(sample, actual)


def _json(sample: object, actual: object, where: str) -> str | None:
    if isinstance(sample, dict) and isinstance(actual, dict):
        missing, extra = sorted(set(actual) - set(sample)), sorted(set(sample) - set(actual))
        if missing or extra:
            parts = [f"the command also prints {', '.join(missing)}" if missing else "",
                     f"it never prints {', '.join(extra)}" if extra else ""]
            return f"at {where or 'the top'}: " + "; ".join(part for part in parts if part)
        for key in sample:
            if difference := _json(sample[key], actual[key], f"{where}.{key}" if where else key):
                return difference
        return None
    if isinstance(sample, list) and isinstance(actual, list):
        return _json(sample[0], actual[0], f"{where}[0]") if sample and actual else None
    if isinstance(sample, (dict, list)) != isinstance(actual, (dict, list)):
        return f"at {where or 'the top'}: {_kind(sample)} where the command prints {_kind(actual)}"
    return None


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list"}.get(type(value), "a value")


def _rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in match["cells"].split("|")]
            for line in text.splitlines() if (match := TABLE_ROW.match(line.strip()))]


def _table(sample: str, actual: str) -> str | None:
    """The header row of a table is its first row of several cells."""
    headers = [next((row for row in _rows(text) if len(row) > 1), []) for text in (sample, actual)]
    if headers[0] != headers[1]:
        return f"columns {' | '.join(headers[0]) or 'none'} where the command prints {' | '.join(headers[1])}"
    return None


def _text(sample: str, actual: str) -> str | None:
    widths = [{len(line.split("\t")) for line in text.splitlines() if line.strip()} for text in (sample, actual)]
    if widths[0] and widths[1] and widths[0] != widths[1]:
        return f"{sorted(widths[0])} tab-separated columns where the command prints {sorted(widths[1])}"
    return None
