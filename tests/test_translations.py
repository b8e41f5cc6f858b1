"""Translation records (scripts/translations.py): the hash, the status the build and `make
translations` report, marking, what changed in English since, the notice readers see, the status
page, and the English page served under fr/ when a maintainer allows a missing translation."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from scripts.findings import Severity
from scripts.page import Request, scaffold
from scripts.project import load_project
from scripts.sources import read_pages
from scripts.translations import (
    State,
    changes,
    digest,
    keep_records,
    page_from_text,
    project_statuses,
    with_record,
)
from tests.conftest import Project, copy_of_the_real_project, page
from tests.support import REPO, Reader, serving

DAY = datetime.date(2026, 12, 3)
PRICING = "## Pricing { #pricing }\n\nYou pay for what you store.\n\n"
CODE = "```bash\naws s3 ls\n```\n"
GUIDE_EN = page("Guide", PRICING + "## A first try { #first-try }\n\nList your buckets.\n\n" + CODE)
GUIDE_FR = page("Guide", "## Tarifs { #pricing }\n\nVous payez ce que vous stockez.\n\n"
                         "## Premier essai { #first-try }\n\nListez vos compartiments.\n\n" + CODE)
NOTICE = re.compile(r'<div class="translation-notice" role="note">.*?</div>', re.DOTALL)


def parsed(text: str, uri: str = "guide.md"):
    return page_from_text(text, uri, f"docs/en/{uri}")


def built(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
                   check=True, capture_output=True)


@pytest.fixture
def guide(project: Project) -> Project:
    """The fixture project with a guide in both languages whose French page is marked up to date."""
    project.write("en/guide.md", GUIDE_EN)
    project.write("fr/guide.md", GUIDE_FR)
    result = project.run("translations", "--mark", "guide.md")
    assert result.returncode == 0, result.stderr
    return project


def edit(project: Project, path: str, old: str, new: str) -> None:
    target = project.root / "docs" / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


# The hash ------------------------------------------------------------------------------------

def test_the_hash_ignores_trailing_spaces_line_wrapping_blank_lines_comments_and_other_keys() -> None:
    same = page("Guide", "## Pricing { #pricing }   \n\n\n<!-- a note to contributors -->\nYou pay for\n"
                         "   what you store.\n\n" + CODE).replace("description:", "type: topic\ndescription:")
    assert digest(parsed(same)) == digest(parsed(page("Guide", PRICING + CODE)))


@pytest.mark.parametrize("changed", [
    page("Guide", PRICING.replace("store", "keep") + CODE),  # a word
    page("Guide", PRICING + CODE.replace("ls", "ls --recursive")),  # a command
    page("Guide", PRICING + CODE.replace("aws", "  aws")),  # the indentation of code
    page("Guide", PRICING + CODE, description="Another description."),
    page("Manual", PRICING + CODE),
])
def test_the_hash_changes_with_the_text_the_code_the_title_and_the_description(changed: str) -> None:
    assert digest(parsed(changed)) != digest(parsed(page("Guide", PRICING + CODE)))


def test_changes_name_each_section_and_whether_its_text_or_its_code_changed() -> None:
    old = parsed(GUIDE_EN + "## Limits { #limits }\n\nFive.\n")
    new = parsed(GUIDE_EN.replace("List your", "Show your").replace("s3 ls", "s3api list-buckets")
                 .replace("## Pricing { #pricing }\n\nYou pay for what you store.\n\n", "")
                 + "## Quotas { #quotas }\n\nTen.\n", )
    assert [(change.what, change.section, change.parts) for change in changes(old, new)] == [
        ("changed", "## A first try", ("text", "code blocks")),
        ("added", "## Quotas", ()),
        ("removed", "## Pricing", ()),
        ("removed", "## Limits", ()),
    ]


def test_a_record_replaces_the_old_one_or_ends_the_front_matter_and_nothing_else_moves() -> None:
    text = "---\ntitle: Guide\ndescription: A guide.\n---\n\n# Guide\n\nText.  \n"
    marked = with_record(text, "0123456789ab 2026-12-03")
    assert marked == text.replace("---\n\n", "translation: 0123456789ab 2026-12-03\n---\n\n")
    assert with_record(marked, "ba9876543210 2026-12-04") == marked.replace(
        "0123456789ab 2026-12-03", "ba9876543210 2026-12-04")


# Status, warnings and the notice -------------------------------------------------------------

def test_an_english_paragraph_changed_outdates_the_french_page_until_its_record_is_updated(
        guide: Project) -> None:
    out = guide.root / "out"
    assert guide.validate(out).findings == []
    assert not NOTICE.search(built(out, "fr/guide/index.html"))

    edit(guide, "en/guide.md", "You pay for what you store.", "You pay for what you store, per month.")
    french = guide.root / "docs/fr/guide.md"
    before = french.read_bytes()
    (finding,) = guide.validate(out).findings
    assert finding.text().startswith("docs/fr/guide.md:4:14: warning: outdated translation: "  # the record's value
                                     "docs/en/guide.md changed since 2026-")
    assert finding.severity is Severity.WARNING
    assert french.read_bytes() == before, "the build never writes a record"
    notice = NOTICE.search(built(out, "fr/guide/index.html"))[0]
    assert "La page anglaise a changé" in notice
    assert '<a href="../../guide/" hreflang="en">Lire la page anglaise</a>' in notice
    assert not NOTICE.search(built(out, "guide/index.html")), "the English page is the original"

    result = guide.run("translations", "--mark", "docs/fr/guide.md")
    assert result.stdout == f"docs/fr/guide.md: marked up to date with docs/en/guide.md ({datetime.date.today()})\n"
    assert guide.validate(out).findings == []
    assert not NOTICE.search(built(out, "fr/guide/index.html"))


def test_a_page_without_a_record_is_listed_as_not_tracked_and_the_build_says_nothing(project: Project) -> None:
    assert project.check_sources() == []
    result = project.run("translations")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "guide.md  fr  no record (check it against the English page, then mark it)",
        "index.md  fr  no record (check it against the English page, then mark it)",
        "2 no record",
    ]


def test_an_unreadable_record_is_an_error_at_its_value_with_the_fix(guide: Project) -> None:
    edit(guide, "fr/guide.md", "translation: ", "translation: last week ")
    (finding,) = guide.check_sources()
    assert finding.severity is Severity.ERROR
    assert (finding.path, finding.line, finding.col, finding.code) == ("docs/fr/guide.md", 4, 14, "translation")
    assert finding.message.startswith("unreadable translation record: 'translation: last week ")
    assert "make translations MARK=guide.md" in finding.hint


# What changed, from git history --------------------------------------------------------------

def test_a_change_only_in_a_code_block_is_reported_as_such_with_the_diff_on_request(guide: Project) -> None:
    git(guide.root, "init", "-q")
    git(guide.root, "add", "-A")
    git(guide.root, "commit", "-qm", "translated")
    edit(guide, "en/guide.md", "aws s3 ls", "aws s3 ls --recursive")
    git(guide.root, "commit", "-qam", "a command changed in English")
    edit(guide, "en/index.md", "See", "Read")  # not committed: the report reads the working tree

    report = guide.run("translations").stdout.splitlines()
    assert report[:3] == [
        f"guide.md  fr  outdated (recorded {datetime.date.today().isoformat()})",
        "    changed: ## A first try (line 12): code blocks",
        "index.md  fr  no record (check it against the English page, then mark it)",
    ]
    diff = guide.run("translations", "guide.md", "--diff").stdout.splitlines()
    assert "-aws s3 ls" in diff and "+aws s3 ls --recursive" in diff
    assert all("index.md" not in line for line in diff), "PATH limits the report"


def test_without_git_history_the_status_holds_and_the_diff_says_the_old_text_is_unavailable(
        guide: Project) -> None:
    edit(guide, "en/guide.md", "List your buckets.", "List your buckets, then their objects.")
    report = guide.run("translations", "guide.md", "--diff").stdout.splitlines()
    assert report[0].startswith("guide.md  fr  outdated (recorded ")
    assert report[1].startswith("    the English text of ") and "is not in the git history here" in report[1]
    assert report[2:] == ["1 outdated"]


# Marking -------------------------------------------------------------------------------------

def test_marking_an_up_to_date_page_keeps_its_record_and_an_unknown_page_is_one_line(guide: Project) -> None:
    before = (guide.root / "docs/fr/guide.md").read_bytes()
    again = guide.run("translations", "--mark", "guide.md")
    assert again.stdout.startswith("docs/fr/guide.md: already up to date (since ")
    assert (guide.root / "docs/fr/guide.md").read_bytes() == before
    unknown = guide.run("translations", "--mark", "gide.md", "--mark", "guide.md")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == ("python -m scripts translations: no page 'gide.md' in docs/en/: "
                              "did you mean 'guide.md'?\n")
    guide.write("en/sqs.md", page("Amazon SQS"))
    untranslated = guide.run("translations", "--mark", "docs/en/sqs.md")
    assert (untranslated.returncode, untranslated.stderr) == (2, (
        "python -m scripts translations: no translation of docs/en/sqs.md to mark: translate it first, "
        "into docs/fr/sqs.md\n"))


def test_mark_all_records_every_translated_page(project: Project) -> None:
    result = project.run("translations", "--mark-all")
    assert result.stdout.count(": marked up to date with ") == 2
    assert project.run("translations").stdout.splitlines()[-1] == "2 up to date"


def test_a_page_changed_in_both_languages_at_once_keeps_its_record_as_it_was(guide: Project) -> None:
    project = load_project(guide.root)
    english, french = (language.docs_dir / "guide.md" for language in project.languages)
    changed = {english: GUIDE_EN + "\nMore.\n", french: french.read_text(encoding="utf-8") + "\nPlus.\n"}
    kept = keep_records(project, changed, DAY)
    assert digest(parsed(changed[english])) in kept[french]
    edit(guide, "en/guide.md", "List", "Show")  # now outdated: changing both does not make it up to date
    assert keep_records(project, changed, DAY)[french] == changed[french]


# The status page and the missing pages allowed -----------------------------------------------

def test_the_status_page_lists_every_page_with_its_status_and_last_update(guide: Project) -> None:
    guide.write("en/status.md", page("Translation status", "<!-- translations -->"))
    guide.write("fr/status.md", page("État des traductions", "<!-- translations -->"))
    guide.set_nav(["index.md", "guide.md", "status.md"])
    edit(guide, "en/index.md", "See", "Read")
    guide.run("translations", "--mark", "status.md")
    out = guide.root / "out"
    assert guide.validate(out).errors == 0
    day = datetime.date.today().isoformat()
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", built(out, "fr/status/index.html"))
    assert rows == [('<a href="../">Accueil</a>', "non suivie", "\u2014"),
                    ('<a href="../guide/">Guide</a>', "à jour", day),
                    ('<a href="./">État des traductions</a>', "à jour", day)]
    english = built(out, "status/index.html")
    assert "<th>Page</th>\n<th>Français</th>\n<th>Last update</th>" in english
    assert '<td><a href="../guide/">Guide</a></td>\n<td>up to date</td>' in english


def allow_missing(project: Project, pages: str) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      fr: []\n" in text
    config.write_text(text.replace("      fr: []\n", f"      fr: {pages}\n"), encoding="utf-8")


def test_a_missing_page_is_an_error_unless_allowed_then_served_in_english_with_its_notice_and_noindex(
        guide: Project) -> None:
    guide.write("en/sqs.md", page("Amazon SQS", "Queues.\n\n" + PRICING))
    guide.set_nav(["index.md", "guide.md", "sqs.md"])
    out = guide.root / "out"
    assert [finding.code for finding in guide.validate(out).findings] == ["parity"]
    assert not (out / "fr/sqs/index.html").exists(), "never a silent fallback"

    allow_missing(guide, "[sqs.md]")
    (finding,) = guide.validate(out).findings
    assert finding.text() == ("docs/en/sqs.md:1:1: warning: no Français version of this page: its site serves this "
                              "one, with a notice [translation] (translate it into docs/fr/sqs.md, then remove it "
                              "from extra.translations.allow_missing)")
    served = built(out, "fr/sqs/index.html")
    notice = NOTICE.search(served)[0]
    assert "Cette page n\u2019a pas encore de traduction" in notice and 'href="../../sqs/" hreflang="en"' in notice
    assert '<div lang="en"><h1 id="amazon-sqs">Amazon SQS' in served
    assert '<meta name="robots" content="noindex">' in served
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', served)
    assert alternates == [("en", "https://aws-big-picture.github.io/aws-big-picture/sqs/"),
                          ("x-default", "https://aws-big-picture.github.io/aws-big-picture/sqs/")]
    assert "Amazon SQS (en anglais)" in built(out, "fr/index.html"), "the French nav marks it"
    assert "/fr/sqs/" not in built(out, "fr/sitemap.xml") and "/fr/guide/" in built(out, "fr/sitemap.xml")
    assert "noindex" not in built(out, "sqs/index.html") and not NOTICE.search(built(out, "sqs/index.html"))


def test_an_allowed_page_that_is_not_a_page_is_an_error_at_its_line(guide: Project) -> None:
    allow_missing(guide, "[gide.md]")
    (finding,) = guide.check_sources()
    line = (guide.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("      fr: [gide.md]") + 1
    assert finding.text() == (f"mkdocs.yml:{line}:12: extra.translations.allow_missing lists 'gide.md', which is "
                              "not a page of docs/en/ [translation] (did you mean 'guide.md'?)")


def test_the_outline_a_record_hashes_is_the_page_the_checks_read_on_every_real_page() -> None:
    """The hook and the command read outlines, the build's check reads whole pages: one hash."""
    for folder in ("en", "fr"):
        outlines, pages = (read_pages(REPO / "docs" / folder, REPO, outline) for outline in (True, False))
        assert [digest(page) for page in outlines] == [digest(page) for page in pages]


def test_make_page_starts_a_page_up_to_date_and_keeps_its_part_index_up_to_date(tmp_path: Path) -> None:
    copy = copy_of_the_real_project(tmp_path / "copy")
    copy.run("translations", "--mark-all")
    scaffold(load_project(copy.root), Request("app-services/sqs.md", "topic", "Amazon SQS"))
    found = {status.uri: status.state for status in project_statuses(load_project(copy.root))}
    assert found["app-services/sqs.md"] is State.UP_TO_DATE
    assert found["app-services/index.md"] is State.UP_TO_DATE


@pytest.mark.browser
def test_the_notices_are_shown_and_pass_axe_in_both_schemes(browser: Browser, guide: Project) -> None:
    guide.write("en/sqs.md", page("Amazon SQS", "Queues."))
    guide.set_nav(["index.md", "guide.md", "sqs.md"])
    allow_missing(guide, "[sqs.md]")
    edit(guide, "en/guide.md", "List your buckets.", "List your buckets and their objects.")
    out = guide.root / "out"
    assert guide.validate(out).errors == 0
    axe = (REPO / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
    with serving(out) as url:
        for scheme in ("light", "dark"):
            reader = Reader(browser, "{0.scheme}://{0.netloc}/".format(urlsplit(url)), color_scheme=scheme)
            for path in ("fr/guide/", "fr/sqs/"):
                reader.open(url + path)
                reader.settle()
                assert reader.page.locator("article .translation-notice").is_visible()
                reader.page.add_script_tag(content=axe)
                result = reader.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                              ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
                assert [violation["id"] for violation in result["violations"]] == [], (scheme, path)
                assert reader.errors == [] and reader.foreign_requests() == []
            reader.context.close()
