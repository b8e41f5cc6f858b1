"""The validating build end to end, as a contributor runs it: exit codes, messages, and site/."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Project, copy_of_the_real_project, page


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_the_real_site_builds_clean_in_both_languages(real_site: Path) -> None:
    assert (real_site / "index.html").is_file()
    assert (real_site / "fr" / "index.html").is_file()
    assert (real_site / "404.html").is_file() and (real_site / "fr" / "404.html").is_file()
    english = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("index.html")
                     if not p.relative_to(real_site).as_posix().startswith("fr/"))
    french = sorted(p.relative_to(real_site / "fr").as_posix() for p in (real_site / "fr").rglob("index.html"))
    assert english == french


def test_each_language_has_its_own_search_index_and_sitemap(real_site: Path) -> None:
    english = json.loads((real_site / "search/search_index.json").read_text())
    french = json.loads((real_site / "fr/search/search_index.json").read_text())
    assert english["config"]["lang"] == ["en"]
    assert french["config"]["lang"] == ["fr"]
    assert "/fr/" in (real_site / "fr/sitemap.xml").read_text()
    assert "/fr/" not in (real_site / "sitemap.xml").read_text()


def test_a_broken_link_fails_the_build_and_leaves_site_untouched(project: Project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = project.run("build", "--site-dir", str(site))
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_digest(site)

    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nVoir [l'accueil](acceuil.md)."))
    second = project.run("build", "--site-dir", str(site))

    assert second.returncode == 1
    assert second.stdout.splitlines() == [
        "docs/fr/guide.md:10:18: link to 'acceuil.md': no such page in docs/fr/ [link]"
    ]
    assert "left as it was" in second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert tree_digest(site) == before
    assert not list(site.parent.glob(".site-*")), "the staging folder is cleaned up"


def test_a_clean_build_replaces_site(project: Project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "stale").mkdir(parents=True)
    (site / "stale" / "old.html").write_text("old")
    result = project.run("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "stale").exists()
    assert (site / "guide" / "index.html").is_file() and (site / "fr" / "guide" / "index.html").is_file()


def test_the_real_site_is_not_broken_by_a_copy_with_a_broken_link(tmp_path: Path) -> None:
    """A broken link in a copy of the real project: exit 1 and the line that points at it."""
    copy = copy_of_the_real_project(tmp_path / "copy").root
    target = copy / "docs/en/core-services/ec2.md"
    lines = target.read_text().splitlines()
    lines.append("")
    lines.append("See [the missing page](no-such-page.md#nowhere).")
    target.write_text("\n".join(lines) + "\n")
    result = Project(copy).run("check")
    assert result.returncode == 1
    # The English page changed, so its French translation is now outdated: a warning (test_translations.py).
    assert [line for line in result.stdout.splitlines() if ": warning: outdated translation: " not in line] == [
        f"docs/en/core-services/ec2.md:{len(lines)}:24: link to 'no-such-page.md#nowhere': "
        "no such page in docs/en/ [link]"
    ]


@pytest.mark.parametrize(("fmt", "expected"), [
    ("github", "::error file=docs/en/index.md,line=8,col=17,title=link::"
               "link to 'gide.md': no such page in docs/en/ (did you mean 'guide.md'?)"),
    ("text", "docs/en/index.md:8:17: link to 'gide.md': no such page in docs/en/ [link] (did you mean 'guide.md'?)"),
])
def test_findings_can_be_printed_for_github_and_people(project: Project, fmt: str, expected: str) -> None:
    project.write("en/index.md", page("Home", "See [the guide](gide.md)."))
    result = project.run("check", "--format", fmt)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]


def test_findings_can_be_printed_as_json(project: Project) -> None:
    project.write("en/index.md", page("Home", "See [the guide](gide.md)."))
    result = project.run("check", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["errors"] == 1
    assert report["findings"][0] | {} == {
        "path": "docs/en/index.md", "line": 8, "col": 17, "code": "link",
        "message": "link to 'gide.md': no such page in docs/en/", "hint": "did you mean 'guide.md'?",
        "severity": "error",
    }


def test_malformed_yaml_in_the_config_is_one_line_and_exit_code_2(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  language: en\n", "  language: [en\n"))
    result = project.run("build", "--site-dir", str(project.root / "site"))
    assert result.returncode == 2
    (line,) = result.stdout.splitlines()
    assert line.startswith("mkdocs.yml:") and "invalid YAML" in line
    assert "Traceback" not in result.stdout + result.stderr


def test_an_invalid_config_value_is_reported_at_its_key(project: Project) -> None:
    config = project.root / "mkdocs.fr.yml"
    config.write_text(config.read_text() + "unknown_setting: 1\n")
    result = project.run("check")
    assert result.returncode == 2
    (line,) = result.stdout.splitlines()
    assert line.startswith("mkdocs.fr.yml:") and "unknown_setting" in line
    number = int(line.split(":")[1])
    assert config.read_text().splitlines()[number - 1].startswith("unknown_setting")


def test_usage_errors_exit_with_2() -> None:
    result = subprocess.run([sys.executable, "-m", "scripts", "build", "--format", "xml"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
