"""The course's diagrams, drawn as SVG from one source: docs/diagrams.yml.

Why generated rather than drawn in an editor: a hand-made diagram drifts from its translation and
from its other colour scheme. Here one YAML file gives every variant, `python -m scripts diagrams`
redraws them, and tests/test_diagrams.py proves that the committed files match the source.

Why so plain: rounded boxes, dashed groups and straight arrows are all the course needs, and a
generator that small stays readable. The files hold no external reference (no web font, no image,
no link) so the site serves them as they are, offline too, and identical input gives identical bytes.

Each diagram yields, for every language, docs/<lang>/assets/diagrams/<name>-light.svg (dark text on
light fills) and <name>-dark.svg (light text and strokes for Material's "slate" scheme); a page
shows the one that matches the reader's scheme with Material's `#only-light` and `#only-dark`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr

import yaml

FONT_FAMILY = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
OUTPUT_FOLDER = "assets/diagrams"
FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

NAME_SIZE, DETAIL_SIZE, LABEL_SIZE = 15, 13, 13  # px: a box's first line, its second line, other labels
NARROW_CHARS, WIDE_CHARS = frozenset("fijlrtI.,:;'\u2019!|()[]/- \u00a0\u202f"), frozenset("mwMW@%")
BOLD_SCALE = 1.1  # bold glyphs are about this much wider than regular ones
BOX_PADDING = 8  # px of room kept between a label and the edge of its box
STACK = 6  # px offset of the second outline behind a box that stands for several of a kind
GAP, HEAD_LENGTH, HEAD_WIDTH = 3, 10, 9  # px: arrow to box edge, arrowhead size
MIN_SHARED = 24  # px two boxes must share, across the arrow, for it to run straight across or down
GROUP_LABEL = (12, 21)  # px from a group's top-left corner to its label's start and baseline

Text = dict[str, str]  # language code -> words
Point = tuple[float, float]


class DiagramError(ValueError):
    """docs/diagrams.yml cannot be drawn as written; the message says where and why."""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def contains(self, other: Rect) -> bool:
        return self.x <= other.x and self.y <= other.y and other.right <= self.right and other.bottom <= self.bottom


@dataclass(frozen=True)
class Box:
    id: str
    rect: Rect
    kind: str
    label: Text
    stack: bool = False  # drawn with a second outline behind it: "several of these"

    @property
    def outline(self) -> Rect:
        """What the box covers on the canvas, its stacked outline included: arrows stop at its edge."""
        if not self.stack:
            return self.rect
        return Rect(self.rect.x, self.rect.y - STACK, self.rect.w + STACK, self.rect.h + STACK)


@dataclass(frozen=True)
class Group:
    id: str
    rect: Rect
    kind: str
    label: Text


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    label: Text | None = None
    dashed: bool = False
    both: bool = False  # a head at each end: a link that works both ways
    at: float = 0.5  # where the label sits along the arrow, from its start (0) to its head (1)


@dataclass(frozen=True)
class Diagram:
    name: str
    width: int
    height: int
    title: Text
    description: Text
    groups: tuple[Group, ...]
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]

    def shapes(self) -> dict[str, Rect]:
        """Everything an arrow may start or end at, by id: boxes and groups."""
        return {group.id: group.rect for group in self.groups} | {box.id: box.outline for box in self.boxes}


@dataclass(frozen=True)
class Spec:
    languages: tuple[str, ...]
    diagrams: tuple[Diagram, ...]


@dataclass(frozen=True)
class Scheme:
    """The colours of one colour scheme. Every label is `text` on an opaque fill of this scheme."""

    text: str
    arrow: str
    pill: str  # the fill behind an arrow's label
    page: str  # Material's page background in this scheme, which shows through the canvas
    boxes: Mapping[str, tuple[str, str]]  # kind -> (fill, stroke)
    groups: Mapping[str, tuple[str, str]]


SCHEMES: dict[str, Scheme] = {
    "light": Scheme(
        text="#16191f", arrow="#4b5563", pill="#ffffff", page="#ffffff",
        boxes={
            "neutral": ("#f1f3f6", "#5b6675"),
            "compute": ("#fff0e0", "#b85400"),
            "storage": ("#e9f5e1", "#3c7a12"),
            "database": ("#e6effd", "#2a5fb8"),
            "network": ("#f1ebff", "#6a41c8"),
            "integration": ("#fde9f2", "#ad1f62"),
            "management": ("#fdecee", "#b4283c"),
            "security": ("#fff6d9", "#7d6400"),
            "tool": ("#e3f4f4", "#0f7373"),
        },
        groups={
            "region": ("#f7f9fc", "#5b6675"),
            "zone": ("#eef2f7", "#6b7685"),
            "network": ("#f7f3ff", "#6a41c8"),
        },
    ),
    "dark": Scheme(
        text="#f2f4f8", arrow="#b6bfcc", pill="#1e2129", page="#1e2129",
        boxes={
            "neutral": ("#2c323d", "#aeb8c6"),
            "compute": ("#3e2a17", "#f5a04a"),
            "storage": ("#253419", "#8ccd55"),
            "database": ("#1c2c47", "#79aaf5"),
            "network": ("#2c2448", "#b39cfa"),
            "integration": ("#3f1f30", "#f08abb"),
            "management": ("#3f2126", "#f28b96"),
            "security": ("#3a3316", "#e2c552"),
            "tool": ("#17383a", "#5fcfcf"),
        },
        groups={
            "region": ("#232733", "#9aa5b5"),
            "zone": ("#2a2f3c", "#8d98a8"),
            "network": ("#28243a", "#a993f0"),
        },
    ),
}


class Output(NamedTuple):
    path: Path
    changed: bool  # False when the file already held these bytes and was left alone


# --- Reading docs/diagrams.yml ------------------------------------------------------------------


def load(source: Path) -> Spec:
    """The diagrams of `source`, checked: every text in every language, and a layout that reads."""
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DiagramError(f"{source}: {error}") from error
    if not isinstance(data, dict):
        raise DiagramError(f"{source}: expected a mapping with 'languages' and 'diagrams'")
    try:
        languages = tuple(_field(data, "languages", "the file"))
        diagrams = tuple(_diagram(item, languages) for item in _field(data, "diagrams", "the file"))
    except DiagramError as error:
        raise DiagramError(f"{source}: {error}") from error
    except (TypeError, ValueError, AttributeError) as error:  # a list where a mapping belongs, a word for a number
        raise DiagramError(f"{source}: not laid out as the comment at its top describes ({error})") from error
    found = [f"{diagram.name}: {problem}" for diagram in diagrams for problem in layout_problems(diagram)]
    names = [diagram.name for diagram in diagrams]
    found += [f"{name}: more than one diagram has this name" for name in sorted(set(names)) if names.count(name) > 1]
    if found:
        raise DiagramError(f"{source}:\n  " + "\n  ".join(found))
    return Spec(languages, diagrams)


def _field(mapping: Mapping[str, Any], key: str, where: str, default: Any = ...) -> Any:
    """mapping[key], or an error that names the diagram or shape that lacks it."""
    if key in mapping:
        return mapping[key]
    if default is not ...:
        return default
    raise DiagramError(f"{where}: '{key}' is missing")


def _text(value: Any, where: str, languages: tuple[str, ...]) -> Text:
    """A text in every language, so that no variant of a diagram is drawn with a gap in it."""
    if not isinstance(value, dict) or not all(isinstance(value.get(code), str) for code in languages):
        raise DiagramError(f"{where}: give the text in every language, {{{', '.join(languages)}: ...}}")
    return {code: value[code] for code in languages}


def _rect(item: Mapping[str, Any], where: str) -> Rect:
    return Rect(*(float(_field(item, key, where)) for key in ("x", "y", "w", "h")))


def _diagram(item: Mapping[str, Any], languages: tuple[str, ...]) -> Diagram:
    name = str(_field(item, "name", "a diagram"))
    return Diagram(
        name, int(_field(item, "width", name)), int(_field(item, "height", name)),
        _text(_field(item, "title", name), f"{name}: title", languages),
        _text(_field(item, "description", name), f"{name}: description", languages),
        tuple(_group(group, f"{name}: group {group.get('id')}", languages) for group in item.get("groups", [])),
        tuple(_box(box, f"{name}: box {box.get('id')}", languages) for box in _field(item, "boxes", name)),
        tuple(_arrow(arrow, f"{name}: arrow {arrow.get('from')} -> {arrow.get('to')}", languages)
              for arrow in item.get("arrows", [])),
    )


def _group(item: Mapping[str, Any], where: str, languages: tuple[str, ...]) -> Group:
    return Group(str(_field(item, "id", where)), _rect(item, where), str(_field(item, "kind", where)),
                 _text(_field(item, "label", where), where, languages))


def _box(item: Mapping[str, Any], where: str, languages: tuple[str, ...]) -> Box:
    return Box(str(_field(item, "id", where)), _rect(item, where), str(_field(item, "kind", where)),
               _text(_field(item, "label", where), where, languages), bool(item.get("stack", False)))


def _arrow(item: Mapping[str, Any], where: str, languages: tuple[str, ...]) -> Arrow:
    label = _text(item["label"], where, languages) if "label" in item else None
    return Arrow(str(_field(item, "from", where)), str(_field(item, "to", where)), label,
                 bool(item.get("dashed", False)), bool(item.get("both", False)), float(item.get("at", 0.5)))


# --- Checking a layout --------------------------------------------------------------------------


def layout_problems(diagram: Diagram) -> list[str]:
    """What would make the diagram hard to read: overlaps, text too wide, arrows through boxes.

    Text widths are estimates (the reader's system font decides), so they are generous on purpose.
    """
    return _id_problems(diagram) + _fit_problems(diagram) + _arrow_problems(diagram)


def _id_problems(diagram: Diagram) -> list[str]:
    ids = [group.id for group in diagram.groups] + [box.id for box in diagram.boxes]
    found = [] if FILE_NAME.fullmatch(diagram.name) else ["the name becomes a file name: use a-z, 0-9 and '-'"]
    found += [f"id '{i}' is used more than once" for i in sorted(set(ids)) if ids.count(i) > 1]
    found += [f"box {b.id}: unknown kind '{b.kind}'" for b in diagram.boxes if b.kind not in SCHEMES["light"].boxes]
    found += [f"group {g.id}: unknown kind '{g.kind}'" for g in diagram.groups if g.kind not in SCHEMES["light"].groups]
    found += [f"arrow {a.source} -> {a.target}: unknown id '{end}'"
              for a in diagram.arrows for end in (a.source, a.target) if end not in ids]
    found += [f"arrow {a.source} -> {a.target}: 'at' is {a.at}, not between 0 and 1"
              for a in diagram.arrows if not 0 <= a.at <= 1]
    return found


def _fit_problems(diagram: Diagram) -> list[str]:
    canvas = Rect(0, 0, diagram.width, diagram.height)
    found = [f"{what} goes past the canvas" for what, rect in _all_rects(diagram) if not canvas.contains(rect)]
    boxes = diagram.boxes
    found += [f"boxes {a.id} and {b.id} overlap"
              for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.outline.overlaps(b.outline)]
    for box in boxes:
        found += [f"box {box.id}: {problem}" for problem in _label_fit(box)]
    for group in diagram.groups:
        found += [f"group {group.id}: {problem}" for problem in _group_label_fit(group, boxes)]
    return found


def _all_rects(diagram: Diagram) -> Iterator[tuple[str, Rect]]:
    yield from ((f"group {group.id}", group.rect) for group in diagram.groups)
    yield from ((f"box {box.id}", box.outline) for box in diagram.boxes)


def _label_fit(box: Box) -> Iterator[str]:
    for code, label in box.label.items():
        lines = label.split("\n")
        if len(lines) > 2:
            yield f"{code} label has {len(lines)} lines: 2 at most"
        widest = max(text_width(line, size, bold) for line, size, bold, _ in _label_lines(lines, 0))
        if widest > box.rect.w - 2 * BOX_PADDING:
            yield f"{code} label is about {widest:.0f} px wide: widen the box to {widest + 2 * BOX_PADDING:.0f}"
    if box.rect.h < 44:
        yield "less than 44 px high: two lines of text need room"


def _group_label_fit(group: Group, boxes: tuple[Box, ...]) -> Iterator[str]:
    for code, label in group.label.items():
        area = _group_label_area(group, label)
        if not group.rect.contains(area):
            yield f"{code} label is wider than the group"
        yield from (f"{code} label is hidden by box {box.id}" for box in boxes if box.outline.overlaps(area))


def _arrow_problems(diagram: Diagram) -> list[str]:
    shapes, found = diagram.shapes(), []
    for arrow in diagram.arrows:
        if arrow.source not in shapes or arrow.target not in shapes:
            continue
        start, end = _route(shapes[arrow.source], shapes[arrow.target])
        name = f"arrow {arrow.source} -> {arrow.target}"
        if math.dist(start, end) < 2 * HEAD_LENGTH + 8:
            found.append(f"{name} is too short to show its head: move the boxes apart")
        crossed = [b.id for b in diagram.boxes if b.id not in (arrow.source, arrow.target)
                   and _crosses(start, end, b.outline)]
        found += [f"{name} runs through box {box_id}" for box_id in crossed]
        found += [f"{name}: {problem}" for problem in _pill_problems(diagram, arrow, start, end)]
    return found


def _pill_problems(diagram: Diagram, arrow: Arrow, start: Point, end: Point) -> Iterator[str]:
    if arrow.label is None:
        return
    for code, label in arrow.label.items():
        pill = _pill(label, _along(start, end, arrow.at))
        yield from (f"{code} label covers box {box.id}" for box in diagram.boxes if box.outline.overlaps(pill))
        yield from (f"{code} label covers the label of group {group.id}" for group in diagram.groups
                    if any(_group_label_area(group, text).overlaps(pill) for text in group.label.values()))


def _crosses(start: Point, end: Point, rect: Rect) -> bool:
    """Whether the segment passes through the rectangle (Liang-Barsky clipping)."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - rect.x), (dx, rect.right - x1), (-dy, y1 - rect.y), (dy, rect.bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def text_width(text: str, size: float, bold: bool) -> float:
    """A generous estimate of a line's width in the reader's system font.

    Measured on DejaVu Sans, the wide font many Linux systems fall back to: if a label fits there,
    it fits in Segoe UI, San Francisco or Roboto, which are narrower.
    """
    ems = sum(_char_em(char) for char in text)
    return ems * size * (BOLD_SCALE if bold else 1.0)


def _char_em(char: str) -> float:
    if char in NARROW_CHARS:
        return 0.35
    if char in WIDE_CHARS:
        return 0.98
    return 0.78 if char.isupper() else 0.65


# --- Geometry ----------------------------------------------------------------------------------


def _route(a: Rect, b: Rect) -> tuple[Point, Point]:
    """The arrow from a's edge to b's edge, with a small gap at each end.

    Square when it can be: two shapes that share a column run a vertical arrow through the middle
    of what they share, two that share a row a horizontal one; otherwise the arrow runs from centre
    to centre, cut at both edges.
    """
    left, right = max(a.x, b.x), min(a.right, b.right)
    top, bottom = max(a.y, b.y), min(a.bottom, b.bottom)
    if right - left >= MIN_SHARED and (b.y >= a.bottom or a.y >= b.bottom):
        x = (left + right) / 2
        start, end = ((x, a.bottom), (x, b.y)) if b.y >= a.bottom else ((x, a.y), (x, b.bottom))
    elif bottom - top >= MIN_SHARED and (b.x >= a.right or a.x >= b.right):
        y = (top + bottom) / 2
        start, end = ((a.right, y), (b.x, y)) if b.x >= a.right else ((a.x, y), (b.right, y))
    else:
        start, end = _edge_point(a, b.centre), _edge_point(b, a.centre)
    return _shorten(start, end, GAP), _shorten(end, start, GAP)


def _edge_point(rect: Rect, toward: Point) -> Point:
    """Where the line from the rectangle's centre toward a point leaves the rectangle."""
    cx, cy = rect.centre
    dx, dy = toward[0] - cx, toward[1] - cy
    scale = min(rect.w / 2 / abs(dx) if dx else math.inf, rect.h / 2 / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def _shorten(point: Point, toward: Point, by: float) -> Point:
    length = math.dist(point, toward) or 1.0
    return point[0] + (toward[0] - point[0]) * by / length, point[1] + (toward[1] - point[1]) * by / length


def _along(start: Point, end: Point, fraction: float) -> Point:
    return start[0] + (end[0] - start[0]) * fraction, start[1] + (end[1] - start[1]) * fraction


def _pill(label: str, centre: Point) -> Rect:
    """The rounded background behind an arrow's label, so that it reads over lines and borders."""
    w, h = text_width(label, LABEL_SIZE, False) + 12, LABEL_SIZE + 9
    return Rect(centre[0] - w / 2, centre[1] - h / 2, w, h)


def _group_label_area(group: Group, label: str) -> Rect:
    dx, baseline = GROUP_LABEL
    return Rect(group.rect.x + dx - 4, group.rect.y + baseline - LABEL_SIZE - 3,
                text_width(label, LABEL_SIZE, True) + 8, LABEL_SIZE + 8)


def _label_lines(lines: list[str], cy: float) -> list[tuple[str, int, bool, float]]:
    """(text, size, bold, baseline) for a box label: the name in bold, an optional detail below it.

    The baselines centre the text block on `cy` without `dominant-baseline`, which some viewers ignore.
    """
    if len(lines) == 1:
        return [(lines[0], NAME_SIZE, True, cy + 5)]
    return [(lines[0], NAME_SIZE, True, cy - 4), *((line, DETAIL_SIZE, False, cy + 14) for line in lines[1:2])]


# --- Drawing -----------------------------------------------------------------------------------


def render(diagram: Diagram, lang: str, scheme_name: str) -> str:
    """One SVG document: the diagram in one language and one colour scheme."""
    scheme = SCHEMES[scheme_name]
    shapes = diagram.shapes()
    routes = [(arrow, *_route(shapes[arrow.source], shapes[arrow.target])) for arrow in diagram.arrows]
    body = [
        *(line for group in diagram.groups for line in _group_svg(group, lang, scheme)),
        *(line for arrow, start, end in routes for line in _arrow_svg(arrow, start, end, scheme)),
        *(line for box in diagram.boxes for line in _box_svg(box, lang, scheme)),
        *(line for arrow, start, end in routes if arrow.label
          for line in _pill_svg(arrow.label[lang], _along(start, end, arrow.at), scheme)),
    ]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{lang}" width="{diagram.width}" '
        f'height="{diagram.height}" viewBox="0 0 {diagram.width} {diagram.height}" role="img" '
        f'aria-labelledby="title desc" font-family={quoteattr(FONT_FAMILY)}>'
    )
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<!-- Generated by `python -m scripts diagrams` from docs/diagrams.yml ({diagram.name}): "
        "edit the source, not this file. -->",
        head,
        f'  <title id="title">{escape(diagram.title[lang])}</title>',
        f'  <desc id="desc">{escape(diagram.description[lang])}</desc>',
        *(f"  {line}" for line in body),
        "</svg>",
    ]) + "\n"


def _num(value: float) -> str:
    """Coordinates to a tenth of a pixel, written the same way on every run and every machine."""
    return format(round(value, 1) + 0.0, "g")


def _rect_svg(rect: Rect, fill: str, stroke: str, extra: str = "", radius: int = 8) -> str:
    return (f'<rect x="{_num(rect.x)}" y="{_num(rect.y)}" width="{_num(rect.w)}" height="{_num(rect.h)}" '
            f'rx="{radius}" fill="{fill}" stroke="{stroke}"{extra}/>')


def _text_svg(x: float, y: float, text: str, size: int, fill: str, bold: bool, anchor: str = "middle") -> str:
    weight = ' font-weight="600"' if bold else ""
    return (f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}"{weight} text-anchor="{anchor}" '
            f'fill="{fill}">{escape(text)}</text>')


def _group_svg(group: Group, lang: str, scheme: Scheme) -> list[str]:
    fill, stroke = scheme.groups[group.kind]
    dx, baseline = GROUP_LABEL
    return [
        _rect_svg(group.rect, fill, stroke, ' stroke-width="1.5" stroke-dasharray="7 5"', radius=12),
        _text_svg(group.rect.x + dx, group.rect.y + baseline, group.label[lang], LABEL_SIZE, scheme.text, True,
                  "start"),
    ]


def _box_svg(box: Box, lang: str, scheme: Scheme) -> list[str]:
    fill, stroke = scheme.boxes[box.kind]
    lines = []
    if box.stack:
        behind = Rect(box.rect.x + STACK, box.rect.y - STACK, box.rect.w, box.rect.h)
        lines.append(_rect_svg(behind, fill, stroke, ' stroke-width="1.5"'))
    lines.append(_rect_svg(box.rect, fill, stroke, ' stroke-width="2"'))
    cx, cy = box.rect.centre
    for text, size, bold, baseline in _label_lines(box.label[lang].split("\n"), cy):
        lines.append(_text_svg(cx, baseline, text, size, scheme.text, bold))
    return lines


def _arrow_svg(arrow: Arrow, start: Point, end: Point, scheme: Scheme) -> list[str]:
    """A straight line ending at the base of its head(s), so that no line end pokes past a tip."""
    line_start = _shorten(start, end, HEAD_LENGTH - 1) if arrow.both else start
    line_end = _shorten(end, start, HEAD_LENGTH - 1)
    dash = ' stroke-dasharray="6 5"' if arrow.dashed else ""
    lines = [f'<line x1="{_num(line_start[0])}" y1="{_num(line_start[1])}" x2="{_num(line_end[0])}" '
             f'y2="{_num(line_end[1])}" stroke="{scheme.arrow}" stroke-width="2"{dash}/>']
    lines.append(_head_svg(end, start, scheme.arrow))
    if arrow.both:
        lines.append(_head_svg(start, end, scheme.arrow))
    return lines


def _head_svg(tip: Point, tail: Point, colour: str) -> str:
    length = math.dist(tip, tail) or 1.0
    ux, uy = (tip[0] - tail[0]) / length, (tip[1] - tail[1]) / length
    bx, by = tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH
    wx, wy = -uy * HEAD_WIDTH / 2, ux * HEAD_WIDTH / 2
    points = " ".join(f"{_num(x)},{_num(y)}" for x, y in (tip, (bx + wx, by + wy), (bx - wx, by - wy)))
    return f'<polygon points="{points}" fill="{colour}"/>'


def _pill_svg(label: str, centre: Point, scheme: Scheme) -> list[str]:
    pill = _pill(label, centre)
    return [
        _rect_svg(pill, scheme.pill, "none", radius=int(pill.h // 2)),
        _text_svg(centre[0], centre[1] + LABEL_SIZE * 0.35, label, LABEL_SIZE, scheme.text, False),
    ]


# --- Colours -----------------------------------------------------------------------------------


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def colour_pairs() -> Iterator[tuple[str, str, str, float]]:
    """(what, foreground, background, minimum ratio) for every pairing the diagrams draw.

    Text needs 4.5:1 against the fill it sits on (WCAG AA); lines and outlines need 3:1 against the
    page, which is what shows through the transparent canvas.
    """
    for name, scheme in SCHEMES.items():
        for kind, (fill, stroke) in scheme.boxes.items():
            yield f"{name}: text on a {kind} box", scheme.text, fill, 4.5
            yield f"{name}: {kind} box outline on the page", stroke, scheme.page, 3.0
        for kind, (fill, _) in scheme.groups.items():
            yield f"{name}: label of a {kind} group", scheme.text, fill, 4.5
        yield f"{name}: arrow label", scheme.text, scheme.pill, 4.5
        yield f"{name}: arrow on the page", scheme.arrow, scheme.page, 3.0
        for kind, (fill, _) in scheme.groups.items():
            yield f"{name}: arrow across a {kind} group", scheme.arrow, fill, 3.0


# --- Writing -----------------------------------------------------------------------------------


def generate(source: Path, out_root: Path) -> list[Output]:
    """Draw every diagram of `source` into out_root/<lang>/assets/diagrams/, in both schemes.

    A file that already holds the right bytes is left alone, so that `mkdocs serve` does not reload
    for nothing; the result lists every file, changed or not.
    """
    spec = load(source)
    outputs = []
    for diagram in spec.diagrams:
        for lang in spec.languages:
            for scheme in SCHEMES:
                path = out_root / lang / OUTPUT_FOLDER / f"{diagram.name}-{scheme}.svg"
                outputs.append(Output(path, _write_if_changed(path, render(diagram, lang, scheme))))
    return outputs


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")  # bytes, not text: no newline translation on any platform
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
