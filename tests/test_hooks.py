"""The MkDocs hooks, through real builds of both languages."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from scripts.hooks.glossary import glossary_entries
from scripts.hooks.tables import wrap_tables
from tests.conftest import Project, page

ADMONITIONS = """!!! cost

    Body.

???+ pitfall

    Body.

!!! exam "A title of my own"

    Body.

<div markdown>

!!! security

    Inside raw HTML.

</div>

```markdown
!!! cost

    An example, kept as written.
```
"""


def built(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def test_admonitions_get_the_default_title_of_the_page_language(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\n" + ADMONITIONS))
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\n" + ADMONITIONS))
    out = project.root / "out"
    assert project.validate(out).findings == []
    titles = re.compile(r'<p class="admonition-title">([^<]*)</p>|<summary>([^<]*)</summary>')
    english = ["".join(match) for match in titles.findall(built(out, "guide/index.html"))]
    french = ["".join(match) for match in titles.findall(built(out, "fr/guide/index.html"))]
    assert english == ["Pricing", "Pitfall", "A title of my own", "Security"]
    assert french == ["Tarifs", "Piège à éviter", "A title of my own", "Sécurité"]
    code_text = html.unescape(re.sub(r"<[^>]+>", "", built(out, "guide/index.html")))
    assert "!!! cost\n\n    An example, kept as written." in code_text


def test_glossary_terms_become_tooltips_in_the_page_language(project: Project) -> None:
    project.write("en/glossary.md", page("Glossary", "AZ\n:   Availability Zone: a group of data centres. More."))
    project.write("fr/glossary.md", page("Glossaire", "AZ\n:   Zone de disponibilité\u00a0: des centres de données."))
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nEach AZ is separate."))
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nChaque AZ est séparée."))
    project.set_nav(["index.md", "guide.md", "glossary.md"])
    out = project.root / "out"
    assert project.validate(out).findings == []
    assert '<abbr title="Availability Zone: a group of data centres.">AZ</abbr>' in built(out, "guide/index.html")
    assert '<abbr title="Zone de disponibilité\u00a0: des centres de données.">AZ</abbr>' in built(
        out, "fr/guide/index.html")


def test_only_the_first_occurrence_of_a_term_in_the_text_gets_a_tooltip_and_the_glossary_none(project: Project) -> None:
    project.write("en/glossary.md", page("Glossary", "AZ\n:   Availability Zone: a group of data centres.\n\n"
                                                     "Region\n:   A place with AZs."))
    project.write("fr/glossary.md", page("Glossaire", "AZ\n:   Zone de disponibilité.\n\nRégion\n:   Un lieu."))
    project.write("en/guide.md", page("Guide", "## Pricing per AZ { #pricing }\n\nOne AZ, two AZs, then an AZ again."))
    project.set_nav(["index.md", "guide.md", "glossary.md"])
    out = project.root / "out"
    assert project.validate(out).findings == []
    guide = built(out, "guide/index.html")
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", guide) == ["AZ"]
    assert "two AZs, then an AZ again" in guide
    assert re.search(r"<h2[^>]*>Pricing per AZ<", guide)
    assert "<abbr" not in built(out, "glossary/index.html")


def test_glossary_entries_take_the_first_sentence_as_plain_text() -> None:
    text = "Intro line.\n\nTTL\n:   Time to live: how long a [DNS](x.md) answer is **cached**. Then more.\n"
    assert glossary_entries(text) == {"TTL": "Time to live: how long a DNS answer is cached.",
                                      "TTLs": "Time to live: how long a DNS answer is cached."}


def test_a_glossary_entry_may_list_several_forms_of_its_term() -> None:
    text = "## Termes { #terms }\n\nzone de disponibilité\nzones de disponibilité\n:   Un groupe de centres.\n"
    assert glossary_entries(text) == {"zone de disponibilité": "Un groupe de centres.",
                                      "zones de disponibilité": "Un groupe de centres."}


def test_tables_without_a_class_come_wrapped_as_material_wraps_them() -> None:
    text = ("<p>a</p><table>\n<tr><td>1</td></tr>\n</table><p>b</p>"
            '<table class="highlighttable"><tr><td>2</td></tr></table>')
    assert wrap_tables(text) == (
        '<p>a</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>\n'
        "<tr><td>1</td></tr>\n</table></div></div><p>b</p>"
        '<table class="highlighttable"><tr><td>2</td></tr></table>')


def test_the_language_switch_links_to_the_same_page_in_each_language(project: Project) -> None:
    out = project.root / "out"
    project.validate(out)
    english = built(out, "guide/index.html")
    french = built(out, "fr/guide/index.html")
    assert 'href="../fr/guide/" hreflang="fr"' in english
    assert 'href="../../guide/" hreflang="en"' in french
    assert '<html lang="fr"' in french


def test_the_category_page_lists_categories_and_services_in_reading_order(project: Project) -> None:
    services = {"lambda.md": ("AWS Lambda", "Sécurité"), "rds.md": ("Amazon RDS", "Stockage"),
                "iam.md": ("Identifiants et rôles", "Sécurité"), "sdk.md": ("Les SDK AWS", "Stockage")}
    for uri, (title, tag) in services.items():
        for language, tags in (("en", "Security" if tag == "Sécurité" else "Storage"), ("fr", tag)):
            project.write(f"{language}/{uri}", page(title).replace("\n---\n\n#", f"\ntags:\n  - {tags}\n---\n\n#", 1))
    for language in ("en", "fr"):
        project.write(f"{language}/categories.md", page("Categories", "<!-- material/tags -->"))
    project.set_nav(["index.md", "guide.md", *services, "categories.md"])
    out = project.root / "out"
    # pages without the service template's sections: only the template check may object
    assert [f for f in project.validate(out).findings if f.code != "template"] == []
    listing = built(out, "fr/categories/index.html")
    assert re.findall(r'<h2 id="tag:([^"]+)"', listing) == ["sécurité", "stockage"]
    listed = listing[listing.index('<h2 id="tag:'):listing.index("</article>")]
    links = [html.unescape(text.strip()) for text in re.findall(r"<li>\s*<a[^>]*>([^<]+)</a>", listed)]
    assert links == ["Identifiants et rôles", "AWS Lambda", "Amazon RDS", "Les SDK AWS"]


def index_entry(out: Path, language_prefix: str, location: str) -> dict:
    index = json.loads((out / language_prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    return next(entry for entry in index["docs"] if entry["location"] == location)


def test_the_search_index_holds_what_each_section_defines_and_its_accent_free_spelling(project: Project) -> None:
    project.write("en/guide.md", page("Guide", "## Networks { #networks }\n\n"
                                      "- **Security group**: a stateful firewall.\n- A plain item.\n\n"
                                      "| Option | Cost |\n| --- | --- |\n| Spot Instances | Nothing |\n\n"
                                      "## Other { #other }\n\nWith **bold** in the middle."))
    project.write("fr/guide.md", page("Guide", "## Réseaux partagés { #networks }\n\n"
                                      "- **Groupe de sécurité**\u00a0: un pare-feu avec état.\n- Un élément.\n\n"
                                      "| Option | Coût |\n| --- | --- |\n| Instances Spot | Rien |\n\n"
                                      "## Autre { #other }\n\nAvec du **gras** au milieu.\n\n"
                                      "Les **clés d\u2019accès** sont des identifiants."))
    out = project.root / "out"
    assert project.validate(out).findings == []
    assert index_entry(out, "", "guide/#networks")["terms"] == "Security group Spot Instances"
    assert "terms" not in index_entry(out, "", "guide/#other")
    french = index_entry(out, "fr", "guide/#networks")
    assert french["terms"].split(" ")[:5] == ["Groupe", "de", "sécurité", "Instances", "Spot"]
    assert {"securite", "reseaux", "partages"} <= set(french["terms"].split(" "))
    assert '<span hidden>' in french["text"] and "element" in french["text"]
    assert index_entry(out, "fr", "guide/#other")["terms"] == "clés d\u2019accès acces cles"  # after an article
    assert json.loads((out / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"][
        "fields"]["terms"] == {"boost": 500}
