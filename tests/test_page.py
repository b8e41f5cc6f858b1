"""`python -m scripts page` (scripts/page.py) on a copy of the real project: the pages it starts pass
the build, and they are listed at the same place in every nav and in the part's index.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks.navigation import nav_pages
from scripts.page import PageError, Request, plan, scaffold
from scripts.project import load_project
from tests.conftest import Project, copy_of_the_real_project

SQS = Request("app-services/sqs.md", "service", "Amazon SQS",
              categories=["Application integration", "Sans serveur"], after="app-services/sns.md")
TOPIC = Request("cli-to-code/scripting.md", "topic", "Scripting AWS", titles={"fr": "Scripter AWS"})


@pytest.fixture
def copy(tmp_path: Path) -> Project:
    """The real configs and pages, with the theme and tooling linked."""
    return copy_of_the_real_project(tmp_path / "copy")


def snapshot(root: Path) -> dict[str, bytes]:
    files = [*root.glob("mkdocs*.yml"), *(root / "docs").rglob("*")]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files if path.is_file()}


def listed(index: Path, link: str) -> list[str]:
    """The lines of a part's index.md that link to `link`."""
    return [line for line in index.read_text(encoding="utf-8").splitlines() if f"]({link})" in line]


def test_a_service_page_and_a_topic_page_pass_the_build_listed_everywhere(copy: Project) -> None:
    scaffold(load_project(copy.root), SQS)
    scaffold(load_project(copy.root), TOPIC)
    outcome = copy.validate()
    assert outcome.errors == 0, "\n".join(finding.text() for finding in outcome.findings)
    project = load_project(copy.root)
    navs = [nav_pages(language.config.nav) for language in project.languages]
    assert navs[0] == navs[1]
    assert navs[0][navs[0].index("app-services/sns.md") + 1] == "app-services/sqs.md"
    part = [uri for uri in navs[0] if uri.startswith("cli-to-code/")]
    assert part[-1] == "cli-to-code/scripting.md"
    for language in ("en", "fr"):
        docs = copy.root / "docs" / language
        assert len(listed(docs / "app-services/index.md", "sqs.md")) == 1
        assert len(listed(docs / "cli-to-code/index.md", "scripting.md")) == 1
    french = (copy.root / "docs/fr/app-services/sqs.md").read_text(encoding="utf-8")
    assert "type: service\ntags:\n  - Intégration d\u2019applications\n  - Sans serveur\n" in french
    assert "# Scripter AWS\n" in (copy.root / "docs/fr/cli-to-code/scripting.md").read_text(encoding="utf-8")


def test_the_nav_gains_one_line_and_keeps_its_comments(copy: Project) -> None:
    before = (copy.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    scaffold(load_project(copy.root), SQS)
    after = (copy.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    added = after.index("      - app-services/sqs.md")
    assert after[added - 1] == "      - app-services/sns.md"
    assert after[:added] + after[added + 1:] == before


def test_a_numbered_list_of_pages_is_renumbered(copy: Project) -> None:
    scaffold(load_project(copy.root), Request("core-services/ebs.md", "service", "Amazon EBS",
                                              categories=["Storage"], after="core-services/ec2.md"))
    lines = (copy.root / "docs/en/core-services/index.md").read_text(encoding="utf-8").splitlines()
    numbered = [line.split(" ", 2)[:2] for line in lines if line[:1].isdigit()]
    assert numbered == [["1.", "[Amazon"], ["2.", "[Amazon"], ["3.", "[Amazon"], ["4.", "[Amazon"], ["5.", "[Amazon"]]
    assert listed(copy.root / "docs/en/core-services/index.md", "ebs.md")[0].startswith("2. [Amazon EBS](ebs.md): ")


def test_an_existing_page_is_never_overwritten(copy: Project) -> None:
    before = snapshot(copy.root)
    result = copy.run("page", "app-services/sns.md", "--kind", "service", "--title", "Amazon SNS",
                      "--category", "Serverless")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "python -m scripts page: docs/en/app-services/sns.md already exists: nothing changed"]
    assert snapshot(copy.root) == before


def test_the_cli_prints_what_it_wrote(copy: Project) -> None:
    result = copy.run("page", "app-services/sqs.md", "--kind", "service", "--title", "Amazon SQS",
                      "--category", "Application integration", "--after", "sns.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote docs/en/app-services/sqs.md", "wrote docs/fr/app-services/sqs.md", "wrote mkdocs.yml",
        "wrote mkdocs.fr.yml", "wrote docs/en/app-services/index.md", "wrote docs/fr/app-services/index.md"]


@pytest.mark.parametrize(("request_", "message"), [
    (Request("app-servics/sqs.md", "service", "Amazon SQS", categories=["Compute"]),
     "unknown part 'app-servics': did you mean 'app-services'? the parts are big-picture, core-services, "),
    (Request("app-services/sqs.md", "servce", "Amazon SQS"), "unknown kind 'servce': use one of service, topic"),
    (Request("app-services/sqs.md", None, "Amazon SQS"), "--kind is required: use one of service, topic"),
    (Request("app-services/sqs.md", "service", "Amazon SQS", categories=["Computing"]),
     "unknown category 'Computing': did you mean 'Compute'?"),
    (Request("app-services/sqs.md", "service", "Amazon SQS"),
     "0 categories: a service page has 1 or 2, each given with --category, such as --category "
     "'Application integration'"),
    (Request("app-services/sqs.md", "service", "Amazon SQS", categories=["Compute", "Calcul"]),
     "the same category twice: Compute, Calcul"),
    (Request("app-services/sqs.md", "topic", "Queues", categories=["Compute"]),
     "--category is for service pages only: a topic page has no categories"),
    (Request("app-services/sqs.md", "service", "Amazon SQS", categories=["Compute"], after="core-services/ec2.md"),
     "--after 'core-services/ec2.md' is not a page of the part 'app-services' in the nav: the part lists "
     "app-services/index.md, app-services/elastic-beanstalk.md, "),
    (Request("app-services/sqs.md", "service", "Amazon SQS", categories=["Compute"], after="snss"),
     "--after 'app-services/snss.md' is not a page of the part 'app-services' in the nav: "
     "did you mean 'app-services/sns.md'?"),
    (Request("SQS.md", "service", "Amazon SQS"),
     "'SQS.md' is not <part>/<name>.md in lowercase letters, digits and hyphens, such as app-services/sqs.md"),
    (Request("app-services/sqs.md", "service", " "), "--title is required: the page's title in English"),
])
def test_a_bad_argument_is_one_line_and_changes_nothing(copy: Project, request_: Request, message: str) -> None:
    """`message` is the error, or its beginning where the rest lists the real site's parts or pages."""
    before = snapshot(copy.root)
    with pytest.raises(PageError) as error:
        plan(load_project(copy.root), request_)
    assert str(error.value) == message or (message.endswith(", ") and str(error.value).startswith(message))
    assert "\n" not in str(error.value)
    assert snapshot(copy.root) == before


def test_a_bad_argument_exits_with_2_from_the_command_line(copy: Project) -> None:
    result = copy.run("page", "app-services/sqs.md", "--kind", "service", "--title", "Amazon SQS",
                      "--category", "Messaging")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("python -m scripts page: unknown category 'Messaging': use one of ")
