"""Each check on a small project: the broken input it must catch, the valid forms it must let pass."""

from __future__ import annotations

import pytest

from scripts.findings import Finding
from tests.conftest import Project, codes, page


def test_the_fixture_project_is_clean(project: Project) -> None:
    assert project.validate().findings == []


# Links and anchors written in Markdown -------------------------------------------------------

@pytest.mark.parametrize("link", [
    "guide.md",                 # a page
    "guide.md#pricing",         # an explicit id
    "guide.md#tarifs-et-regles",  # an id MkDocs made from a French heading with accents
    "#section-une",             # this page
    "guide/",                   # a directory URL, resolved from the page's URL as the browser does
    "./",                       # the page itself
    "index.md",                 # index.md
    "sub/index.md",             # a section index
    "sub/",                     # its directory URL
    "../fr/index.md",           # French tree: checked below, not a broken link
])
def test_valid_links_are_not_flagged(project: Project, link: str) -> None:
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nTexte.\n\n## Tarifs et règles\n\nTexte."))
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nText.\n\n## Rules\n\nText."))
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nText.\n\n## Tarifs et règles\n\nText."))
    project.write("en/sub/index.md", page("Sub"))
    project.write("fr/sub/index.md", page("Sous"))
    project.set_nav(["index.md", "guide.md", "sub/index.md"])
    project.write("en/index.md", page("Home", f"## Section une\n\nSee [this]({link})."))
    project.write("fr/index.md", page("Accueil", "## Section une\n\nVoir [ceci](guide.md)."))
    findings = [f for f in project.validate().findings if f.code != "cross-language"]
    assert findings == []


def test_a_missing_page_is_reported_at_its_line_and_column(project: Project) -> None:
    project.write("en/index.md", page("Home", "Intro.\n\nSee [the guide](gide.md) now."))
    findings = project.validate().findings
    assert [f.text() for f in findings] == [
        "docs/en/index.md:10:17: link to 'gide.md': no such page in docs/en/ [link] (did you mean 'guide.md'?)"
    ]


def test_a_missing_anchor_suggests_the_nearest_id(project: Project) -> None:
    project.write("fr/index.md", page("Accueil", "Voir [les tarifs](guide.md#pricng)."))
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.code) == ("docs/fr/index.md", 8, "anchor")
    assert finding.hint == "did you mean '#pricing'?"


def test_an_anchor_is_compared_with_the_id_mkdocs_generated_from_an_accented_heading(project: Project) -> None:
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nTexte.\n\n## Sécurité\n\nTexte."))
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nText.\n\n## Security\n\nText."))
    project.write("fr/index.md", page("Accueil", "Voir [la sécurité](guide.md#sécurité)."))
    (finding,) = project.validate().findings
    assert finding.code == "anchor"
    assert finding.hint == "did you mean '#securite'?"


def test_links_in_raw_html_are_checked(project: Project) -> None:
    project.write("en/index.md", page("Home", '<p><a href="../nowhere/">gone</a> and <a href="guide/">fine</a></p>'))
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.col, finding.code) == ("docs/en/index.md", 8, 13, "link")


def test_a_raw_html_link_to_a_md_file_is_reported_because_mkdocs_does_not_rewrite_it(project: Project) -> None:
    project.write("en/index.md", page("Home", '<a href="guide.md">guide</a>'))
    assert codes(project.validate().findings) == ["link"]


def test_images_must_exist_and_have_a_text_alternative(project: Project) -> None:
    project.write("en/index.md", page("Home", "![](assets/images/logo.svg)\n\n![A logo](missing.png)\n\n"
                                              "![The logo](assets/images/logo.svg)"))
    findings = project.validate().findings
    assert [(f.line, f.code) for f in findings] == [(8, "image-alt"), (10, "image")]


def test_an_image_from_the_shared_theme_assets_resolves_from_any_depth(project: Project) -> None:
    project.write("en/sub/index.md", page("Sub", "![The logo](../assets/images/logo.svg)"))
    project.write("fr/sub/index.md", page("Sous", "![Le logo](../assets/images/logo.svg)"))
    project.set_nav(["index.md", "guide.md", "sub/index.md"])
    assert project.validate().findings == []


def test_links_inside_code_are_not_links(project: Project) -> None:
    body = "```markdown\n[broken](nowhere.md)\n```\n\nInline: `[broken](nowhere.md)`.\n\n~~~~text\n![](x.png)\n~~~~"
    project.write("en/index.md", page("Home", body))
    project.write("fr/index.md", page("Accueil", body.replace("Inline:", "En ligne\u00a0:")))
    assert project.validate().findings == []


def test_an_absolute_link_to_the_site_is_reported(project: Project) -> None:
    project.write("en/index.md", page("Home", "See [the guide](/guide/)."))
    (finding,) = project.validate().findings
    assert finding.code == "absolute-link"
    assert finding.hint == "use a relative link, such as 'guide.md'"


def test_external_links_are_not_fetched_by_the_build(project: Project) -> None:
    project.write("en/index.md", page("Home", "See [nothing](https://nonexistent.invalid/page)."))
    assert project.validate().findings == []


def test_a_link_into_the_other_language_is_reported(project: Project) -> None:
    project.write("en/index.md", page("Home", "See [the French guide](../fr/guide.md)."))
    (finding,) = project.validate().findings
    assert finding.code == "cross-language"
    assert finding.hint == "link to this language's page instead: 'guide.md'"


def test_a_built_url_into_the_other_language_is_reported_at_its_source(project: Project) -> None:
    project.write("en/index.md", page("Home", "See [the French guide](fr/guide/)."))
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.code) == ("docs/en/index.md", 8, "cross-language")


# Translation parity -----------------------------------------------------------------------------

def test_a_page_in_one_language_only_is_reported(project: Project) -> None:
    project.write("en/extra.md", page("Extra"))
    project.set_nav(["index.md", "guide.md", "extra.md"], ["index.md", "guide.md"])
    findings = project.validate().findings
    assert ("docs/en/extra.md", "parity") in [(f.path, f.code) for f in findings]
    assert any(f.code == "parity" and f.path == "mkdocs.fr.yml" for f in findings)


def test_navs_in_a_different_order_are_reported_at_the_french_config(project: Project) -> None:
    project.set_nav(["index.md", "guide.md"], ["guide.md", "index.md"])
    (finding,) = project.validate().findings
    assert (finding.path, finding.code) == ("mkdocs.fr.yml", "parity")
    assert "position 1" in finding.message


def test_headings_must_match_in_level_and_explicit_id(project: Project) -> None:
    project.write("fr/guide.md", page("Guide", "## Tarifs { #tarifs }\n\nTexte."))
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.code) == ("docs/fr/guide.md", 8, "parity")


def test_a_heading_added_in_one_language_only_is_reported(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nText.\n\n### Free tier\n\nText."))
    (finding,) = project.validate().findings
    assert (finding.path, finding.code) == ("docs/fr/guide.md", "parity")
    assert "Free tier" in finding.message


def test_admonitions_must_match_in_type_and_order(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\n!!! cost\n\n    Text."))
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\n!!! exam\n\n    Texte."))
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.code) == ("docs/fr/guide.md", 10, "parity")


# Front matter, navigation, admonitions ----------------------------------------------------------

def test_a_page_without_description_is_reported(project: Project) -> None:
    project.write("fr/guide.md", "---\ntitle: Guide\n---\n\n# Guide\n\n## Tarifs { #pricing }\n")
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.code) == ("docs/fr/guide.md", 1, "front-matter")


def test_front_matter_that_is_not_yaml_is_reported_where_it_breaks(project: Project) -> None:
    project.write("en/guide.md", "---\ntitle: Guide\ndescription: a: b: c\n---\n\n# Guide\n\n## Pricing { #pricing }\n")
    findings = project.validate().findings
    assert [(f.path, f.line, f.code) for f in findings] == [("docs/en/guide.md", 3, "front-matter")]


def test_a_page_left_out_of_the_nav_is_reported(project: Project) -> None:
    project.write("en/orphan.md", page("Orphan"))
    project.write("fr/orphan.md", page("Orphelin"))
    findings = project.validate().findings
    assert sorted((f.path, f.code) for f in findings) == [("docs/en/orphan.md", "nav"), ("docs/fr/orphan.md", "nav")]


def test_a_nav_entry_without_page_is_reported_at_its_line(project: Project) -> None:
    project.set_nav(["index.md", "guide.md", "gone.md"])
    findings = [f for f in project.validate().findings if f.path == "mkdocs.yml"]
    assert [(f.code, f.col) for f in findings] == [("nav", 5)]


def test_an_unknown_admonition_type_is_an_error_with_a_suggestion(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\n!!! costs\n\n    Text."))
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\n!!! costs\n\n    Texte."))
    findings = project.validate().findings
    assert [(f.path, f.line, f.col, f.hint) for f in findings] == [
        ("docs/en/guide.md", 10, 5, "did you mean 'cost'?"),
        ("docs/fr/guide.md", 10, 5, "did you mean 'cost'?"),
    ]


def test_a_file_that_is_not_utf8_is_reported(project: Project) -> None:
    (project.root / "docs/en/guide.md").write_bytes(page("Guide", "caf\xe9").encode("latin-1"))
    findings = project.validate().findings
    assert ("docs/en/guide.md", "encoding") in [(f.path, f.code) for f in findings]


# Categories (tags) ----------------------------------------------------------------------------

def tagged(title: str, tags: list[str], body: str = "") -> str:
    """A page whose front matter lists `tags`, between its description and the end of the block."""
    listed = "".join(f"  - {tag}\n" for tag in tags)
    return page(title, body).replace("\n---\n\n#", f"\ntags:\n{listed}---\n\n#", 1)


ENGLISH_TAGS = {"guide.md": ["Database"], "rds.md": ["Database"], "dynamodb.md": ["Database"], "ec2.md": ["Compute"]}
FRENCH_TAGS = {"Database": "Base de données", "Compute": "Calcul"}


def category_findings(project: Project) -> list[Finding]:
    """The findings of a build, but those of the service page template: these pages have
    categories without being service pages, which the template check reports on its own."""
    return [finding for finding in project.validate().findings if finding.code != "template"]


def write_tagged(project: Project, **french: list[str]) -> None:
    """Pages tagged Database (three) and Compute (one), translated right unless `french` says
    otherwise for a page (by name: guide=[...])."""
    for uri, tags in ENGLISH_TAGS.items():
        fr_tags = french.get(uri.removesuffix(".md"), [FRENCH_TAGS[tag] for tag in tags])
        project.write(f"en/{uri}", tagged(uri, tags, "## Pricing { #pricing }\n\nText."))
        project.write(f"fr/{uri}", tagged(uri, fr_tags, "## Tarifs { #pricing }\n\nTexte."))
    project.set_nav(["index.md", *ENGLISH_TAGS])


def test_categories_translated_one_to_one_are_valid(project: Project) -> None:
    write_tagged(project)
    assert category_findings(project) == []


def test_a_category_translated_differently_on_one_page_is_reported_at_its_tags_line(project: Project) -> None:
    write_tagged(project, guide=["Base de donnees"])
    (finding,) = category_findings(project)
    assert (finding.path, finding.line, finding.code) == ("docs/fr/guide.md", 4, "tags")
    assert finding.hint == "write 'Base de données', or rename the category on every page"


def test_one_translated_name_for_two_categories_is_reported(project: Project) -> None:
    write_tagged(project, ec2=["Base de données"])
    (finding,) = category_findings(project)
    assert (finding.path, finding.code) == ("docs/fr/ec2.md", "tags")
    assert "'Base de données' stands for 'Compute' here, but for 'Database'" in finding.message


def test_a_page_with_more_categories_than_its_counterpart_is_reported(project: Project) -> None:
    write_tagged(project, guide=["Base de données", "Calcul"])
    (finding,) = category_findings(project)
    assert (finding.path, finding.line, finding.code) == ("docs/fr/guide.md", 4, "tags")
    assert finding.message.startswith("2 categories, where docs/en/guide.md has 1")


def test_categories_must_be_a_list_of_names(project: Project) -> None:
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nTexte.").replace(
        "\n---\n\n#", "\ntags: Calcul\n---\n\n#", 1))
    (finding,) = category_findings(project)
    assert (finding.path, finding.line, finding.code) == ("docs/fr/guide.md", 4, "tags")
