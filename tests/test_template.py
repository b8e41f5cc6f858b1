"""The service page template (scripts/checks/template.py) and the table of categories on the
contributor page (scripts/hooks/category_table.py).

Most tests run the template check alone on the sources of a small project, without building it: it
reads nothing else. The ones that need the other checks, or the hook, build it.
"""

from __future__ import annotations

import re

from scripts.checks import template
from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.hooks.category_table import MARKER, category_table
from scripts.project import load_project
from scripts.site import BuiltSite
from scripts.sources import read_pages
from tests.conftest import Project, page
from tests.support import REPO

SECTIONS = {
    "en": [("The problem it solves", "problem"), ("Key concepts", "concepts"), ("How you pay", "pricing"),
           ("When to use it, and when not", "when-to-use"), ("A first try", "first-try"),
           ("Pitfalls and security", "pitfalls-security"), ("Exam tip", "exam-tip"),
           ("Check yourself", "check-yourself"), ("Related services", "related"), ("Learn more", "learn-more")],
    "fr": [("Le problème qu\u2019il résout", "problem"), ("Notions clés", "concepts"), ("Comment on paie", "pricing"),
           ("Quand l\u2019utiliser, et quand s\u2019en passer", "when-to-use"), ("Premier essai", "first-try"),
           ("Pièges et sécurité", "pitfalls-security"), ("Pour l\u2019examen", "exam-tip"),
           ("Testez-vous", "check-yourself"), ("Services liés", "related"), ("Pour aller plus loin", "learn-more")],
}
QUESTION = {"en": '??? question "Why a queue?"\n\n    See [the problem](#problem).',
            "fr": '??? question "Pourquoi une file\u202f?"\n\n    Voir [le problème](#problem).'}
CATEGORIES = {"en": ["Application integration", "Serverless"],
              "fr": ["Intégration d\u2019applications", "Sans serveur"]}
BODIES = {
    "pricing": "!!! cost\n\n    Figures, with their Region and date.",
    "first-try": ('=== "AWS CLI"\n\n    ```bash\n    aws sqs list-queues\n    ```\n\n'
                  '=== "Python (boto3)"\n\n    ```python\n    import boto3\n    ```'),
}


def service(language: str, tags: list[str] | None = None, front: str = "type: service\n",
            sections: list[tuple[str, str]] | None = None, bodies: dict[str, str] | None = None) -> str:
    """A service page that follows the template, unless the arguments say otherwise (a heading
    written with its hashes keeps them; the others are `##`)."""
    tags = CATEGORIES[language] if tags is None else tags
    listed = "tags:\n" + "".join(f"  - {tag}\n" for tag in tags) if tags else ""
    bodies = BODIES | {"check-yourself": QUESTION[language]} | (bodies or {})
    text = "".join(f"{'' if heading.startswith('#') else '## '}{heading} {{ #{anchor} }}\n\n"
                   f"{bodies.get(anchor, 'Text.')}\n\n" for heading, anchor in sections or SECTIONS[language])
    return f"---\ntitle: Amazon SQS\ndescription: Queues.\n{front}{listed}---\n\n# Amazon SQS\n\nA queue.\n\n{text}"


def write_service(project: Project, **changes) -> None:
    """sqs.md in both languages, with `changes` (see `service`): a dict keyed by language code holds
    one value per language, any other value goes to both."""
    for language in ("en", "fr"):
        project.write(f"{language}/sqs.md", service(language, **{
            key: value[language] if isinstance(value, dict) and language in value else value
            for key, value in changes.items()}))
    project.set_nav(["index.md", "guide.md", "sqs.md"])


def findings(project: Project) -> list[Finding]:
    """What the template check alone says about the project's sources, in order."""
    loaded = load_project(project.root)
    sources = {language.code: read_pages(language.docs_dir, loaded.root) for language in loaded.languages}
    return sorted(template.check(Context(loaded, sources, BuiltSite(project.root / "out"))))


def places(found: list[Finding]) -> list[tuple[str, int]]:
    return [(finding.path, finding.line) for finding in found]


def line_of(project: Project, path: str, text: str) -> int:
    lines = (project.root / "docs" / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def without(anchor: str) -> dict[str, list[tuple[str, str]]]:
    return {language: [section for section in SECTIONS[language] if section[1] != anchor] for language in SECTIONS}


# A page that follows the template --------------------------------------------------------------

def test_a_service_page_that_follows_the_template_passes_every_check(project: Project) -> None:
    write_service(project)
    assert project.validate().findings == []


def test_sections_of_its_own_may_sit_between_those_of_the_template(project: Project) -> None:
    sections = {language: [*SECTIONS[language][:2], ("Extra", "extra"), *SECTIONS[language][2:]]
                for language in SECTIONS}
    write_service(project, sections=sections)
    assert findings(project) == []


def test_topic_pages_need_no_marker(project: Project) -> None:
    assert findings(project) == []


# Sections --------------------------------------------------------------------------------------

def test_a_missing_section_is_reported_with_where_it_goes(project: Project) -> None:
    write_service(project, sections=without("pricing"))
    found = findings(project)
    assert places(found) == [("docs/en/sqs.md", line_of(project, "en/sqs.md", "{ #concepts }")),
                             ("docs/fr/sqs.md", line_of(project, "fr/sqs.md", "{ #concepts }"))]
    assert found[0].code == "template"
    assert found[0].message == "no section with the id #pricing"
    assert found[0].hint == "add '## ... { #pricing }' after the section #concepts"


def test_a_renamed_section_id_is_a_missing_section(project: Project) -> None:
    sections = {language: [(text, "cost" if anchor == "pricing" else anchor) for text, anchor in SECTIONS[language]]
                for language in SECTIONS}
    write_service(project, sections=sections)
    assert [finding.message for finding in findings(project)] == ["no section with the id #pricing"] * 2


def test_sections_out_of_order_are_reported_at_the_misplaced_one(project: Project) -> None:
    swapped = {language: [*SECTIONS[language][:2], SECTIONS[language][3], SECTIONS[language][2],
                          *SECTIONS[language][4:]] for language in SECTIONS}
    write_service(project, sections=swapped)
    found = findings(project)
    assert places(found) == [("docs/en/sqs.md", line_of(project, "en/sqs.md", "{ #when-to-use }")),
                             ("docs/fr/sqs.md", line_of(project, "fr/sqs.md", "{ #when-to-use }"))]
    assert found[0].message == "the section #when-to-use comes before #pricing"
    assert found[0].hint.startswith("move it after #pricing: the sections go problem, concepts, pricing,")


def test_a_section_at_the_wrong_level_is_reported(project: Project) -> None:
    sections = {language: [("### " + text if anchor == "pricing" else text, anchor)
                           for text, anchor in SECTIONS[language]] for language in SECTIONS}
    write_service(project, sections=sections)
    found = findings(project)
    assert [finding.message for finding in found] == ["the section #pricing is a level-3 heading"] * 2
    assert found[0].line == line_of(project, "en/sqs.md", "{ #pricing }")


# Admonitions and tabs --------------------------------------------------------------------------

def test_a_pricing_section_without_a_cost_admonition_is_reported(project: Project) -> None:
    write_service(project, bodies={"pricing": "!!! note\n\n    No figures."})
    found = findings(project)
    assert places(found) == [("docs/en/sqs.md", line_of(project, "en/sqs.md", "{ #pricing }")),
                             ("docs/fr/sqs.md", line_of(project, "fr/sqs.md", "{ #pricing }"))]
    assert found[0].message == "no 'cost' admonition under #pricing"
    assert found[0].hint == "add '!!! cost' to the section, its text indented by 4 spaces"


def test_a_cost_admonition_in_another_section_does_not_count(project: Project) -> None:
    write_service(project, bodies={"pricing": "Text.", "concepts": BODIES["pricing"]})
    assert [finding.message for finding in findings(project)] == ["no 'cost' admonition under #pricing"] * 2


def test_a_first_try_without_its_tabs_names_each_missing_tab(project: Project) -> None:
    write_service(project, bodies={"first-try": "```bash\naws sqs list-queues\n```"})
    found = findings(project)
    assert [finding.message for finding in found[:2]] == ["no 'AWS CLI' tab under #first-try",
                                                          "no 'Python (boto3)' tab under #first-try"]
    assert found[0].line == line_of(project, "en/sqs.md", "{ #first-try }")
    assert found[0].hint == "add '=== \"AWS CLI\"' to the section, its content indented by 4 spaces"


def test_tabs_inside_fenced_code_are_not_tabs(project: Project) -> None:
    example = '```markdown\n=== "AWS CLI"\n\n=== "Python (boto3)"\n```'
    write_service(project, bodies={"first-try": example})
    assert len(findings(project)) == 4


# Categories ------------------------------------------------------------------------------------

def test_a_service_page_without_categories_is_reported(project: Project) -> None:
    write_service(project, tags=[])
    found = findings(project)
    assert places(found) == [("docs/en/sqs.md", 4), ("docs/fr/sqs.md", 4)]  # the `type` line
    assert found[0].message == "no category: a service page lists 1 or 2 under 'tags'"


def test_more_than_two_categories_are_reported(project: Project) -> None:
    write_service(project, tags={"en": ["Application integration", "Serverless", "Compute"],
                                 "fr": ["Intégration d\u2019applications", "Sans serveur", "Calcul"]})
    found = findings(project)
    assert places(found) == [("docs/en/sqs.md", 5), ("docs/fr/sqs.md", 5)]  # the `tags` line
    assert found[0].message == "3 categories: a service page lists 1 or 2"


def test_an_unknown_category_is_reported_at_its_line_and_column(project: Project) -> None:
    write_service(project, tags={"en": ["Messaging"], "fr": ["Messagerie"]})
    found = findings(project)
    assert [(finding.path, finding.line, finding.col) for finding in found] == [("docs/en/sqs.md", 6, 5),
                                                                                ("docs/fr/sqs.md", 6, 5)]
    assert found[0].message == "unknown category 'Messaging'"
    assert "add it to extra.categories in mkdocs.yml" in found[0].hint


def test_a_misspelt_category_gets_a_suggestion_in_the_page_language(project: Project) -> None:
    write_service(project, tags={"en": ["Serverles"], "fr": ["Sans serveurs"]})
    assert [finding.hint for finding in findings(project)] == ["did you mean 'Serverless'?",
                                                               "did you mean 'Sans serveur'?"]


def test_a_category_named_in_the_other_language_is_reported_with_its_translation(project: Project) -> None:
    write_service(project, tags={"en": ["Serverless"], "fr": ["Serverless"]})
    (finding,) = findings(project)
    assert (finding.path, finding.message) == ("docs/fr/sqs.md", "unknown category 'Serverless'")
    assert finding.hint == "write 'Sans serveur', its name in Français"


def test_a_category_without_a_name_in_every_language_is_reported_in_mkdocs_yml(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("{en: Compute, fr: Calcul}", "{en: Compute}"), encoding="utf-8")
    (finding,) = findings(project)
    assert (finding.path, finding.code) == ("mkdocs.yml", "template")
    assert finding.line == next(number for number, line in enumerate(config.read_text().splitlines(), 1)
                                if "{en: Compute}" in line)
    assert finding.message == "the category 'Compute' of extra.categories has no name in Français"


# The marker ------------------------------------------------------------------------------------

def test_a_page_with_categories_but_no_marker_is_reported_at_its_tags_line(project: Project) -> None:
    write_service(project, front="")
    found = findings(project)
    assert places(found) == [("docs/en/sqs.md", 4), ("docs/fr/sqs.md", 4)]
    assert found[0].message == "the page lists categories but is not marked as a service page"
    assert found[0].hint.startswith("add 'type: service' to its front matter")


def test_an_unknown_page_type_is_reported(project: Project) -> None:
    write_service(project, front="type: servce\n")
    found = findings(project)
    assert [(finding.line, finding.message) for finding in found] == [(4, "unknown page type 'servce'")] * 2


def test_the_real_site_follows_the_template() -> None:
    project = load_project(REPO)
    sources = {language.code: read_pages(language.docs_dir, REPO) for language in project.languages}
    for pages in sources.values():
        services = [page.uri for page in pages if page.meta.get("type") == "service"]
        assert services == [page.uri for page in pages if "tags" in page.meta]
        assert len(services) >= 17
    assert [finding.text() for finding in template.check(Context(project, sources, BuiltSite(REPO / "site")))] == []


def test_every_category_in_use_is_in_the_data() -> None:
    project = load_project(REPO)
    for language in project.languages:
        known = template.template_of(language).categories
        used = {tag for page in read_pages(language.docs_dir, REPO) for tag in page.meta.get("tags") or []}
        assert used <= set(known)


# The table of categories -----------------------------------------------------------------------

def test_the_category_table_has_a_column_per_language() -> None:
    table = category_table([{"en": "Compute", "fr": "Calcul"}], [{"code": "en", "name": "English"},
                                                                 {"code": "fr", "name": "Français"}])
    assert table == "| English | Français |\n| --- | --- |\n| Compute | Calcul |"


def test_the_marker_becomes_the_table_of_every_category_in_both_languages(project: Project) -> None:
    project.write("en/guide.md", page("Guide", f"## Pricing {{ #pricing }}\n\n{MARKER}\n"))
    project.write("fr/guide.md", page("Guide", f"## Tarifs {{ #pricing }}\n\n{MARKER}\n"))
    out = project.root / "out"
    assert project.validate(out).findings == []
    for path in ("guide/index.html", "fr/guide/index.html"):
        html = (out / path).read_text(encoding="utf-8")
        cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", html)
        assert cells[:2] == ["English", "Français"]
        assert cells[cells.index("Compute"):cells.index("Compute") + 2] == ["Compute", "Calcul"]
        assert "Intégration d\u2019applications" in cells
        assert MARKER not in html


def test_the_contributor_pages_show_the_table() -> None:
    for language in ("en", "fr"):
        text = (REPO / "docs" / language / "contributing.md").read_text(encoding="utf-8")
        assert f"\n{MARKER}\n" in text
        assert "exactly as on the other pages" not in text
