"""The diagrams: the committed SVGs match docs/diagrams.yml, are well-formed, self-contained,
readable in both colour schemes, and shown on the pages in both languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.diagrams import OUTPUT_FOLDER, Diagram, DiagramError, colour_pairs, contrast, generate, load

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SOURCE = DOCS / "diagrams.yml"
SVG = "{http://www.w3.org/2000/svg}"
COMMITTED = sorted(DOCS.glob(f"*/{OUTPUT_FOLDER}/*.svg"))


def test_the_committed_svgs_are_up_to_date(tmp_path: Path) -> None:
    outputs = generate(SOURCE, tmp_path)
    expected = {output.path.relative_to(tmp_path).as_posix() for output in outputs}
    committed = {path.relative_to(DOCS).as_posix() for path in COMMITTED}
    assert committed == expected, "run `make diagrams` and commit docs/<lang>/assets/diagrams/"
    stale = [name for name in sorted(expected) if (tmp_path / name).read_bytes() != (DOCS / name).read_bytes()]
    assert not stale, f"out of date, run `make diagrams`: {stale}"


def test_drawing_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first = [output.path.read_bytes() for output in generate(SOURCE, tmp_path / "one")]
    second = [output.path.read_bytes() for output in generate(SOURCE, tmp_path / "two")]
    assert first == second
    assert not any(output.changed for output in generate(SOURCE, tmp_path / "one")), "unchanged files are rewritten"


def test_there_is_a_light_and_a_dark_diagram_for_every_language() -> None:
    spec = load(SOURCE)
    assert len(COMMITTED) == len(spec.diagrams) * len(spec.languages) * 2


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.relative_to(DOCS).as_posix())
def test_every_svg_is_well_formed_with_a_title(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text and title.text.strip()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == path.relative_to(DOCS).parts[0]


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.relative_to(DOCS).as_posix())
def test_every_svg_is_self_contained(path: Path) -> None:
    """No font, image, stylesheet or link from elsewhere: the site serves the file as it is, offline too."""
    text = path.read_text(encoding="utf-8")
    without_namespace = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for reference in ("http:", "https:", "href", "url(", "@import", "@font-face", "<image", "<script"):
        assert reference not in without_namespace, reference


@pytest.mark.parametrize(("what", "foreground", "background", "minimum"), list(colour_pairs()),
                         ids=[pair[0] for pair in colour_pairs()])
def test_colours_are_readable_in_both_schemes(what: str, foreground: str, background: str, minimum: float) -> None:
    assert contrast(foreground, background) >= minimum, f"{what}: {contrast(foreground, background):.2f}:1"


def test_contrast_follows_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_french_labels_follow_french_typography() -> None:
    """A no-break space before ':' and inside guillemets, a narrow one before ';', '!' and '?'."""
    spec = load(SOURCE)
    texts = [text["fr"] for diagram in spec.diagrams for text in _texts(diagram)]
    for text in texts:
        assert not re.search(r"[^\u00a0]:(?!//)|^:", text.replace("~/.aws", "")), text
        assert not re.search(r"[^\u202f][;!?]", text), text
        assert not re.search(r"«[^\u00a0]|[^\u00a0]»", text), text


def _texts(diagram: Diagram) -> list[dict[str, str]]:
    labels = [shape.label for shape in (*diagram.groups, *diagram.boxes)]
    labels += [arrow.label for arrow in diagram.arrows if arrow.label]
    return [diagram.title, diagram.description, *labels]


def test_every_diagram_is_shown_in_both_schemes_on_a_page_of_each_language() -> None:
    spec = load(SOURCE)
    for lang in spec.languages:
        pages = "\n".join(path.read_text(encoding="utf-8") for path in (DOCS / lang).rglob("*.md"))
        for diagram in spec.diagrams:
            for scheme in ("light", "dark"):
                pattern = rf"!\[[^\]]+\]\((?:\.\./)*{OUTPUT_FOLDER}/{diagram.name}-{scheme}\.svg#only-{scheme}\)"
                assert re.search(pattern, pages), f"{lang}: {diagram.name}-{scheme}.svg is not on any page"


def test_a_layout_that_would_not_read_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "diagrams.yml"
    source.write_text(
        "languages: [en, fr]\n"
        "diagrams:\n"
        "  - name: broken\n"
        "    width: 400\n"
        "    height: 200\n"
        "    title: {en: Broken, fr: Cassé}\n"
        "    description: {en: Boxes on top of each other., fr: Des boîtes empilées.}\n"
        "    boxes:\n"
        "      - {id: a, x: 10, y: 10, w: 120, h: 60, kind: compute, label: {en: A, fr: A}}\n"
        "      - {id: b, x: 100, y: 40, w: 120, h: 60, kind: storage, label: {en: B, fr: B}}\n"
        "      - {id: c, x: 300, y: 10, w: 60, h: 60, kind: nope, label: {en: A label far too long, fr: C}}\n"
        "    arrows:\n"
        "      - {from: a, to: missing}\n",
        encoding="utf-8",
    )
    with pytest.raises(DiagramError) as error:
        generate(source, tmp_path / "out")
    message = str(error.value)
    for expected in ("boxes a and b overlap", "unknown kind 'nope'", "en label is about", "unknown id 'missing'"):
        assert expected in message
    assert not (tmp_path / "out").exists()


def test_a_text_missing_in_one_language_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "diagrams.yml"
    source.write_text(
        "languages: [en, fr]\n"
        "diagrams:\n"
        "  - {name: x, width: 100, height: 100, title: {en: X}, description: {en: X, fr: X}, boxes: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(DiagramError, match="x: title: give the text in every language"):
        load(source)
