"""`python -m scripts import` (scripts/importer/) on a copy of the real project: notes become page
pairs listed everywhere, what the site covers is left alone under any of its names, the notes' text
waits in a block the build refuses, and a second run, or the seed the site came from, creates nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.checks.navigation import nav_pages
from scripts.findings import Severity
from scripts.importer import write
from scripts.importer.language import detect
from scripts.importer.names import key, spelling
from scripts.project import load_project
from tests.conftest import Project, copy_of_the_real_project, page
from tests.support import REPO

DATA = Path(__file__).resolve().parent / "data"
NOTES = DATA / "import-notes.md"  # two parts, a new French topic, a new English service, a covered one...
SEED = DATA / "seed-notes.md"  # the notes the site came from: ../shared/seed/, copied
NEW_PART = "securiser-son-application"
NEW_PAGES = ("app-services/sqs.md", f"{NEW_PART}/index.md", f"{NEW_PART}/groupes-de-securite.md")
LANGUAGES = ("en", "fr")


@pytest.fixture
def copy(tmp_path: Path) -> Project:
    return copy_of_the_real_project(tmp_path / "copy")


@pytest.fixture
def imported(copy: Project) -> Project:
    result = copy.run("import", str(NOTES))
    assert result.returncode == 0, result.stderr
    return copy


def snapshot(root: Path) -> dict[str, bytes]:
    files = [*root.glob("mkdocs*.yml"), *(root / "docs").rglob("*")]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files if path.is_file()}


def text(project: Project, path: str) -> str:
    return (project.root / path).read_text(encoding="utf-8")


def notes_block(project: Project, path: str) -> list[str]:
    """The lines of the notes in the page's block to rewrite, without their indentation."""
    lines = text(project, path).splitlines()
    start = lines.index("!!! rewrite") + 3
    return [line.removeprefix("    ") for line in lines[start:lines.index("    ```", start)]]


def test_the_notes_become_page_pairs_listed_in_both_navs_and_index_pages(imported: Project) -> None:
    for language in LANGUAGES:
        for uri in NEW_PAGES:
            assert (imported.root / "docs" / language / uri).is_file(), (language, uri)
    project = load_project(imported.root)
    navs = [nav_pages(language.config.nav) for language in project.languages]
    assert navs[0] == navs[1]
    assert navs[0][navs[0].index("app-services/elasticache.md") + 1] == "app-services/sqs.md"
    last_part = max(number for number, uri in enumerate(navs[0]) if uri.startswith("cli-to-code/"))
    assert navs[0][last_part + 1:last_part + 3] == list(NEW_PAGES[1:])  # the new part, after the last one
    section = f"  - Sécuriser son application:\n      - {NEW_PART}/index.md\n"
    assert section in text(imported, "mkdocs.fr.yml")
    english = text(imported, "docs/en/app-services/index.md").splitlines()
    assert [line for line in english if "](sqs.md)" in line] == [
        "- [Amazon SQS](sqs.md): TODO: one sentence on what the page covers."]
    french = text(imported, f"docs/fr/{NEW_PART}/index.md").splitlines()
    assert [line for line in french if "](groupes-de-securite.md)" in line] == [
        "1. [Les groupes de sécurité](groupes-de-securite.md)\u00a0: TODO\u00a0: une phrase sur ce que couvre la page."]
    assert "# Sécuriser son application" in french
    assert "type: service\ntags:\n  - " in text(imported, "docs/fr/app-services/sqs.md")


def test_the_report_names_each_note_its_language_and_its_page(copy: Project) -> None:
    result = copy.run("import", str(NOTES))
    shown = "tests/data/import-notes.md" if NOTES.is_relative_to(copy.root) else str(NOTES)
    category = load_project(copy.root).default.config.extra["categories"]  # the guess is one of them
    lines = [re.sub(r"category ([^,;]+),", lambda match: "category CATEGORY," if {"en": match[1]} in [
        {"en": entry["en"]} for entry in category] else match[0], line.replace(shown, "NOTES"))
        for line in result.stdout.splitlines()]
    assert lines[:7] == [
        "NOTES: AWS Developer: the next modules",
        "NOTES:3: part 'Enhancing your app with AWS Databases and Application Services' (en): covered by "
        "app-services/index.md",
        "NOTES:5: service 'Amazon SQS' (en): new page app-services/sqs.md; category CATEGORY, as most service "
        "pages of the part: check it",
        "NOTES:12: service 'Amazon Elastic Beanstalk' -> AWS Elastic Beanstalk (en): covered by "
        "app-services/elastic-beanstalk.md",
        f"NOTES:18: part 'Sécuriser son application' (fr): new part {NEW_PART}/index.md",
        f"NOTES:22: topic 'Les groupes de sécurité' (fr): new page {NEW_PART}/groupes-de-securite.md",
        "3 new, 2 covered, 2 warning(s)",
    ]
    assert [line.replace(shown, "NOTES") for line in result.stderr.splitlines()] == [
        "NOTES:16:1: warning: a service item not in the form '- **Name**:': read as text [import] "
        "(write '- **Service name**:' and its text on the lines below, indented)",
        "NOTES:27:1: warning: a heading without a name: left out [import] (name the part or topic, or delete the line)",
    ]
    assert sorted(line for line in lines if line.startswith("wrote ")) == sorted(
        f"wrote {path}" for path in [*(f"docs/{language}/{uri}" for language in LANGUAGES for uri in NEW_PAGES),
                                     "mkdocs.yml", "mkdocs.fr.yml", "docs/en/app-services/index.md",
                                     "docs/fr/app-services/index.md"])


def test_a_page_the_site_has_under_another_name_is_left_alone(copy: Project) -> None:
    before = snapshot(copy.root)
    copy.run("import", str(NOTES))
    after = snapshot(copy.root)
    changed = {path for path in after if before.get(path) != after[path]}
    assert not any("elastic-beanstalk" in path for path in changed)
    assert changed == {*(f"docs/{language}/{uri}" for language in LANGUAGES for uri in NEW_PAGES),
                       "mkdocs.yml", "mkdocs.fr.yml", "docs/en/app-services/index.md", "docs/fr/app-services/index.md"}


def test_each_page_holds_the_notes_in_its_language_or_the_only_ones_there_are(imported: Project) -> None:
    english_notes = notes_block(imported, "docs/en/app-services/sqs.md")
    assert english_notes[0].startswith("Amazon SQS is a queue between the parts of an application")
    assert "Amazon S3 events can feed a queue." in english_notes[-1]  # the notes' "AWS S3", as AWS spells it
    assert notes_block(imported, "docs/fr/app-services/sqs.md") == english_notes  # no French notes: the English ones
    french_notes = notes_block(imported, f"docs/fr/{NEW_PART}/groupes-de-securite.md")
    assert french_notes[0].startswith("- Un groupe de sécurité est le pare-feu virtuel")
    assert notes_block(imported, f"docs/en/{NEW_PART}/groupes-de-securite.md") == french_notes
    part_notes = ["Une partie sur la sécurité du réseau et des accès."]
    assert notes_block(imported, f"docs/en/{NEW_PART}/index.md") == part_notes
    assert "Amazon MQ" not in text(imported, "mkdocs.yml")  # the malformed line is text, not a service


def test_a_second_run_changes_nothing(imported: Project) -> None:
    before = snapshot(imported.root)
    result = imported.run("import", str(NOTES))
    assert result.returncode == 0
    assert snapshot(imported.root) == before
    assert "0 new, 5 covered, 2 warning(s)" in result.stdout.splitlines()
    assert "nothing to write: the site covers every part, topic and service of the notes" in result.stdout


def test_the_notes_the_site_came_from_import_as_fully_covered(copy: Project) -> None:
    before = snapshot(copy.root)
    result = copy.run("import", str(SEED))
    assert result.returncode == 0, result.stderr
    assert snapshot(copy.root) == before
    lines = result.stdout.splitlines()
    assert "0 new, 23 covered, 0 warning(s)" in lines
    assert any(line.endswith("service 'Amazon Lambda' -> AWS Lambda (en): covered by app-services/lambda.md")
               for line in lines)
    assert any(line.endswith("topic 'Hello Amazon Web Services' (language unknown): covered by "
                             "big-picture/hello-aws.md") for line in lines)
    assert any("topic 'L'énigme de l'application Web' (fr): covered by big-picture/web-app-riddle.md" in line
               for line in lines)


def test_a_dry_run_prints_the_plan_and_writes_nothing(copy: Project) -> None:
    before = snapshot(copy.root)
    result = copy.run("import", str(NOTES), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert snapshot(copy.root) == before
    lines = result.stdout.splitlines()
    assert "docs/en/app-services/sqs.md: new file" in lines
    assert f"docs/fr/{NEW_PART}/groupes-de-securite.md: new file" in lines
    nav = [line for line in lines if line.startswith("mkdocs.yml:")]
    assert [line.split(": ", 1)[1] for line in nav] == [
        "+ - app-services/sqs.md", "+ - Sécuriser son application:", f"+ - {NEW_PART}/index.md",
        f"+ - {NEW_PART}/groupes-de-securite.md"]
    assert any(line.startswith("docs/fr/app-services/index.md:") and line.endswith(
        ": + - [Amazon SQS](sqs.md)\u00a0: TODO\u00a0: une phrase sur ce que couvre la page.") for line in lines)
    assert lines[-1] == "dry run: 10 file(s) to write, nothing written"
    assert not any(line.startswith("wrote ") for line in lines)


def test_the_build_fails_at_each_block_left_to_rewrite_and_passes_once_rewritten(imported: Project) -> None:
    new = {f"docs/{language}/{uri}" for language in LANGUAGES for uri in NEW_PAGES}
    found = [finding for finding in imported.check_sources() if finding.path in new]
    assert {finding.code for finding in found} == {"rewrite"}
    assert all(finding.severity is Severity.ERROR for finding in found)
    places = {(finding.path, finding.line) for finding in found}
    assert places == {(path, text(imported, path).splitlines().index("!!! rewrite") + 1) for path in new}
    assert found[0].hint == "rewrite these notes in your own words in the page, then delete the block"
    for path in new:  # the writer rewrites the notes, then deletes the block
        lines = text(imported, path).split("\n")
        start = lines.index("!!! rewrite")
        end = lines.index("    ```", start + 3) + 2
        (imported.root / path).write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    errors = [finding.text() for finding in imported.check_sources()
              if finding.path in new and finding.severity is Severity.ERROR]
    assert errors == []  # (the French pages warn that they now need translating: as they should)


def test_the_rewrite_check_finds_the_block_and_not_an_example_of_it(project: Project) -> None:
    block = "!!! rewrite\n\n    ```text\n    Some notes.\n    ```"
    project.write("en/guide.md", page("Guide", f"## Pricing {{ #pricing }}\n\n{block}\n"))
    project.write("fr/guide.md", page("Guide", f"## Tarifs {{ #pricing }}\n\n````markdown\n{block}\n````\n"))
    found = [finding for finding in project.check_sources() if finding.code == "rewrite"]
    assert [(finding.path, finding.line, finding.col) for finding in found] == [("docs/en/guide.md", 10, 5)]


@pytest.mark.parametrize(("content", "message"), [
    (b"## Part\x00\x01\x02", "{path}:1: a binary file, not notes (give a Markdown notes file)"),
    (b"# Course\n## Caf\xe9\n", "{path}:2: not valid UTF-8 (save the notes as UTF-8)"),
    (b"Some text.\n- a list\n", "{path}:1: no heading: notes have a '# Course' title, '## Part' and '### Topic' "
                                "headings and '- **Service name**:' items"),
    (None, "{path}: cannot read it: no such file or directory (give the path of a Markdown notes file)"),
])
def test_a_file_that_is_not_notes_is_one_line_and_changes_nothing(copy: Project, tmp_path: Path,
                                                                  content: bytes | None, message: str) -> None:
    notes = tmp_path / "notes.md"
    if content is not None:
        notes.write_bytes(content)
    before = snapshot(copy.root)
    result = copy.run("import", str(notes))
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["python -m scripts import: " + message.format(path=notes)]
    assert snapshot(copy.root) == before


def test_notes_in_both_languages_and_generic_topics(copy: Project, tmp_path: Path) -> None:
    """A service noted in each language makes one page pair, each page with its language's notes; a
    topic is looked for in its own part only; a title gets each language's typography."""
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Course\n\n## Serverless at scale\n\n- **AWS Step Functions**:\n\n"
        "    Step Functions runs the steps of a workflow, and you see each one of them.\n\n"
        "### Conclusion\n\n### Why encrypt?\n\n## Le sans serveur en français\n\n"
        "- **AWS Step Functions**:\n\n    Step Functions enchaîne les étapes d'un flux de travail.\n", encoding="utf-8")
    result = copy.run("import", str(notes))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{notes}:5: service 'AWS Step Functions' (en): new page "
                               "serverless-at-scale/step-functions.md; category ") for line in lines)
    assert f"{notes}:15: service 'AWS Step Functions' (fr): new page serverless-at-scale/step-functions.md; " \
           "same page as line 5" in lines
    assert f"{notes}:9: topic 'Conclusion' (language unknown): new page serverless-at-scale/conclusion.md" in lines
    assert notes_block(copy, "docs/en/serverless-at-scale/step-functions.md") == [
        "Step Functions runs the steps of a workflow, and you see each one of them."]
    assert notes_block(copy, "docs/fr/serverless-at-scale/step-functions.md") == [
        "Step Functions enchaîne les étapes d'un flux de travail."]
    assert "# Why encrypt?\n" in text(copy, "docs/en/serverless-at-scale/why-encrypt.md")
    assert "# Why encrypt\u202f?\n" in text(copy, "docs/fr/serverless-at-scale/why-encrypt.md")
    nav = nav_pages(load_project(copy.root).default.config.nav)
    assert nav.count("serverless-at-scale/step-functions.md") == 1
    assert "sans-serveur-en-francais/index.md" in nav


def test_no_notes_file_is_one_line(copy: Project) -> None:
    result = copy.run("import", "")  # make import, without NOTES=
    assert (result.returncode, result.stderr) == (
        2, "python -m scripts import: no notes file given (make import NOTES=path/to/notes.md)\n")


def test_an_alias_to_no_page_is_one_line_and_changes_nothing(copy: Project) -> None:
    config = copy.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "AWS vs the rest: big-picture/aws-and-the-others.md", "AWS vs the rest: big-picture/the-others.md"),
        encoding="utf-8")
    before = snapshot(copy.root)
    result = copy.run("import", str(NOTES))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "python -m scripts import: mkdocs.yml: extra.import.aliases: 'AWS vs the rest' names "
        "'big-picture/the-others.md', which is not a page of a part (write it as part/name.md)"]
    assert snapshot(copy.root) == before


def test_a_failed_write_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "blocked" / "b.md"
    first.write_text("before", encoding="utf-8")
    (tmp_path / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        write({first: "after", second: "new"})
    assert first.read_text(encoding="utf-8") == "before"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md", "blocked"]


def test_names_and_languages() -> None:
    assert key("How does AWS work ?") == key("How AWS works") == "how work"
    assert key("Hello Amazon Web Services") == key("Hello AWS") == key("hello-aws".replace("-", " "))
    assert key("L'énigme de l'application Web") == key("L\u2019énigme de l\u2019application web")
    assert key("Conclusion") != key("Introduction")
    spell = spelling(load_project(REPO))
    assert spell.name("Amazon Lambda") == "AWS Lambda"
    assert spell.name("Amazon Elasticache") == "Amazon ElastiCache"
    assert spell.name("Amazon Auto Scaling") == "Amazon EC2 Auto Scaling"
    assert spell.name("Amazon Foo") == "Amazon Foo"
    assert spell.text("Use AWS S3 with Amazon Lambda.") == "Use Amazon S3 with AWS Lambda."
    assert detect("L'énigme de l'application Web") == "fr"
    assert detect("Forget the expensive physical servers: this service gives you virtual machines.") == "en"
    assert detect("Amazon SQS") is None
