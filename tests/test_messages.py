"""What the findings say: the place to fix and a hint that fits, one finding per mistake.

Each test is a message the newcomer review found wrong (issue 8, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.sources import read_page
from tests.conftest import Project, page


def front_matter_problem(tmp_path: Path, front_matter: str):
    path = tmp_path / "page.md"
    path.write_text(f"---\n{front_matter}\n---\n\n# Title\n", encoding="utf-8")
    read = read_page(path, tmp_path, tmp_path)
    (problem,) = read.problems
    assert not read.meta_read
    return problem


# Front matter ---------------------------------------------------------------------------------

def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    problem = front_matter_problem(tmp_path, 'title: "Amazon SQS\ndescription: D\ntags:\n  - Storage')
    assert (problem.line, problem.col, problem.code) == (2, 8, "front-matter")
    assert problem.message == ("front matter is not valid YAML: found unexpected end of stream at line 5, "
                               "while scanning a quoted scalar that starts here")
    assert problem.hint == "close the quote opened here"


@pytest.mark.parametrize(("front_matter", "line", "hint"), [
    ("title: Guide\ndescription: a: b: c", 3, "quote the value: it contains ': ', as in key: \"a: b\""),
    ("title: Guide\n  description: D", 3, "start each key at the beginning of its line, without indentation"),
    ("title: Guide\n\tdescription: D", 3, "indent with spaces, not tabs"),
    ("title: @home\ndescription: D", 2, "quote the value: it starts with a character that YAML reserves"),
    ("title: Guide\ndescription\nother: D", 3, "write it as 'key: value'"),
    ("title: [Guide\ndescription: D", 2, "close the '[' opened here, or quote the value if it is text"),
])
def test_each_yaml_error_gets_the_hint_that_fits(tmp_path: Path, front_matter: str, line: int, hint: str) -> None:
    problem = front_matter_problem(tmp_path, front_matter)
    assert (problem.line, problem.hint) == (line, hint)


def test_a_page_whose_front_matter_is_broken_is_not_compared_by_category(project: Project) -> None:
    project.write("en/guide.md", '---\ntitle: "Guide\ndescription: D\ntags:\n  - Storage\n---\n\n# Guide\n\n'
                                 "## Pricing { #pricing }\n")
    project.write("fr/guide.md", "---\ntitle: Guide\ndescription: D\ntags:\n  - Stockage\n---\n\n# Guide\n\n"
                                 "## Tarifs { #pricing }\n")
    findings = [f for f in project.validate().findings if f.code != "template"]
    assert [(f.path, f.line, f.col, f.code) for f in findings] == [("docs/en/guide.md", 2, 8, "front-matter")]
    assert "while scanning a quoted scalar" in findings[0].message


# Images ---------------------------------------------------------------------------------------

def test_a_missing_image_names_the_file_and_the_nearest_one(project: Project) -> None:
    for scheme in ("light", "dark"):
        project.write(f"en/assets/diagrams/web-app-{scheme}.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    project.write("en/index.md", page("Home", "![The web app](assets/diagrams/web-ap-light.svg)\n\n"
                                              "![A photo](assets/photos/team.jpg)"))
    findings = project.validate().findings
    assert [(f.line, f.code) for f in findings] == [(8, "image"), (10, "image")]
    diagram, photo = findings
    assert diagram.message == "image not found: no file docs/en/assets/diagrams/web-ap-light.svg"
    assert diagram.hint == ("did you mean 'assets/diagrams/web-app-light.svg'? A new diagram goes in "
                            "docs/diagrams.yml, then `make diagrams` draws it")
    assert photo.message == "image not found: no file docs/en/assets/photos/team.jpg"
    assert photo.hint == "check the name and the folder: the path is relative to this file"


# Missing translation --------------------------------------------------------------------------

def test_a_missing_translation_is_reported_once(project: Project) -> None:
    project.write("en/sqs.md", page("Amazon SQS"))
    project.write("en/index.md", page("Home", "See [the guide](guide.md) and [SQS](sqs.md)."))
    project.write("fr/index.md", page("Accueil", "Voir [le guide](guide.md) et [SQS](sqs.md)."))
    project.set_nav(["index.md", "guide.md", "sqs.md"])
    findings = project.validate().findings
    assert [f.text() for f in findings] == [
        "docs/en/sqs.md:1:1: no Français version of this page [parity] (create docs/fr/sqs.md)"
    ]


# Anchors --------------------------------------------------------------------------------------

def test_an_anchor_message_names_the_page_source(project: Project) -> None:
    project.write("en/index.md", page("Home", "See [prices](guide.md#pricng) and [this](#nowhere)."))
    findings = project.validate().findings
    assert [f.message for f in findings] == [
        "anchor '#pricng' does not exist in guide.md",
        "anchor '#nowhere' does not exist on this page",
    ]


# Admonitions ----------------------------------------------------------------------------------

def test_an_unknown_admonition_type_in_the_original_does_not_blame_the_translation(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\n!!! caution-tip\n\n    Text."))
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\n!!! pitfall\n\n    Texte."))
    findings = project.validate().findings
    assert [(f.path, f.line, f.code) for f in findings] == [("docs/en/guide.md", 10, "admonition")]
