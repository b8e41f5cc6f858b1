"""The "Check yourself" section of the course's pages: collapsed questions, answers that link to their
section, a share of exam-style scenarios, the same questions in both languages."""

from __future__ import annotations

from tests.conftest import Project, page

GOOD_EN = """## Why { #why }

Text.

## Check yourself { #check-yourself }

??? question "Why?"

    Because: see [why](#why).

??? question scenario "Lisa's app must scale: which service?"

    The one in [why](#why).

??? question "What else?"

    See [the guide](../guide.md#pricing).
"""
GOOD_FR = """## Pourquoi { #why }

Texte.

## Testez-vous { #check-yourself }

??? question "Pourquoi\u00a0?"

    Parce que\u00a0: voir [pourquoi](#why).

??? question scenario "L\u2019application de Lisa doit grandir\u00a0: quel service\u00a0?"

    Celui de [pourquoi](#why).

??? question "Quoi d\u2019autre\u00a0?"

    Voir [le guide](../guide.md#pricing).
"""


def write(project: Project, en: str, fr: str = GOOD_FR) -> None:
    project.write("en/core-services/thing.md", page("Thing", en))
    project.write("fr/core-services/thing.md", page("Truc", fr))
    project.set_nav(["index.md", "guide.md", "core-services/thing.md"])


def self_check(project: Project) -> list[tuple[str, int, str]]:
    return [(finding.path, finding.line, finding.message) for finding in project.check_sources()
            if finding.code == "self-check"]


def test_a_page_with_collapsed_linked_questions_passes(project: Project) -> None:
    write(project, GOOD_EN)
    assert self_check(project) == []


def test_a_course_page_without_the_section_is_reported(project: Project) -> None:
    write(project, "## Why { #why }\n\nText.\n", "## Pourquoi { #why }\n\nTexte.\n")
    found = self_check(project)
    assert [(path, message) for path, _, message in found] == [
        ("docs/en/core-services/thing.md", "no '## ... { #check-yourself }' section"),
        ("docs/fr/core-services/thing.md", "no '## ... { #check-yourself }' section"),
    ]


def test_pages_outside_the_course_parts_need_no_section(project: Project) -> None:
    assert self_check(project) == []  # index.md and guide.md sit at the root


def test_an_open_answer_and_an_answer_without_a_link_are_reported(project: Project) -> None:
    en = GOOD_EN.replace('??? question "Why?"', '???+ question "Why?"').replace(
        "See [the guide](../guide.md#pricing).", "See the guide.")
    write(project, en)
    assert self_check(project) == [
        ("docs/en/core-services/thing.md", 14, "this question shows its answer"),
        ("docs/en/core-services/thing.md", 22, "the answer links to no section"),
    ]


def test_too_few_questions_are_reported(project: Project) -> None:
    en = GOOD_EN[: GOOD_EN.index('??? question "What else?"')]
    fr = GOOD_FR[: GOOD_FR.index('??? question "Quoi')]
    write(project, en, fr)
    assert [(path, message) for path, _, message in self_check(project)] == [
        ("docs/en/core-services/thing.md", "2 question(s) under #check-yourself"),
        ("docs/fr/core-services/thing.md", "2 question(s) under #check-yourself"),
    ]


def test_a_translation_with_its_scenario_elsewhere_is_reported(project: Project) -> None:
    fr = GOOD_FR.replace('??? question scenario "L\u2019', '??? question "L\u2019').replace(
        '??? question "Quoi', '??? question scenario "Quoi')
    write(project, GOOD_EN, fr)
    ((path, line, message),) = self_check(project)
    assert (path, line) == ("docs/fr/core-services/thing.md", 14)
    assert message == "3 question(s) here (1 scenarios), 3 in the English page (1 scenarios)"


def test_too_few_scenarios_in_a_language_are_reported_at_its_config(project: Project) -> None:
    en = GOOD_EN.replace("??? question scenario", "??? question")
    fr = GOOD_FR.replace("??? question scenario", "??? question")
    write(project, en, fr)
    assert [(path, message) for path, _, message in self_check(project)] == [
        ("mkdocs.yml", "0 of the 3 questions in English are scenarios, fewer than 33%"),
        ("mkdocs.fr.yml", "0 of the 3 questions in Français are scenarios, fewer than 33%"),
    ]
