"""The termbase check: each refused variant reported where a reader reads it, at its place, with the
term to use; nothing reported in code, URLs, markup, product names or glosses; the glossaries in
agreement with the termbase; the real termbase holding what the French reviews asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks.context import Context
from scripts.checks.terms import Concept, TermbaseError, glossaries_agree, in_page, load
from scripts.findings import Finding
from scripts.project import load_project
from scripts.site import BuiltSite
from scripts.sources import read_page, read_pages
from tests.conftest import Project, page
from tests.support import REPO

TERMBASE = """\
concepts:
  - concept: AWS Lambda
    all: {use: AWS Lambda, refuse: [Amazon Lambda]}
  - concept: load balancer
    en: load balancer
    fr:
      use: équilibreur de charge
      refuse: [répartiteur de charge, load balancer]
      allow: [Application Load Balancer]
  - concept: managed
    en: managed
    fr: {use: géré, refuse: [managé]}
  - concept: S3 bucket
    en: bucket
    fr: {use: compartiment, refuse: [bucket]}
  - concept: serverless
    en: serverless
    fr: {use: sans serveur, refuse: [serverless], allow: [ElastiCache Serverless]}
  - concept: endpoint
    en: endpoint
    fr: {use: point de terminaison, refuse: [point d\u2019accès]}
  - concept: Internet
    en: internet
    fr: {use: Internet, refuse: [internet], allow: [box internet], match_case: true}
  - concept: Lambda concurrency
    en: concurrency
    fr: {use: simultanéité, refuse: [concurrence], pages: [lambda.md]}
  - concept: throttling
    en: throttling
    fr: {use: limitation, refuse: [throttling]}
"""


def concepts(tmp_path: Path, text: str = TERMBASE) -> list[Concept]:
    path = tmp_path / "termbase.yml"
    path.write_text(text, encoding="utf-8")
    return load(path, ["en", "fr"])


def findings(tmp_path: Path, text: str, code: str = "fr", uri: str = "page.md") -> list[Finding]:
    """What the terms check finds in `text`, a page of language `code` (line 1 is its first line)."""
    path = tmp_path / "docs" / code / uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return in_page(read_page(path, tmp_path / "docs" / code, tmp_path), code, concepts(tmp_path))


def places(found: list[Finding]) -> list[tuple[int, int, str]]:
    return [(finding.line, finding.col, finding.message[1:finding.message.index("' is not")]) for finding in found]


# What it catches ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Un répartiteur de charge.", (1, 4, "répartiteur de charge")),  # prose
    ("Deux Répartiteurs de charge.", (1, 6, "Répartiteurs de charge")),  # case and plural
    ("Le répartiteur de\ncharge.", (1, 4, "répartiteur de charge")),  # hard-wrapped
    ("    Un service managé.", (1, 16, "managé")),  # in an admonition's body
    ("Des bases managées.", (1, 11, "managées")),  # feminine plural
    ("L\u2019application serverless.", (1, 15, "serverless")),
    ("Le point d'accès.", (1, 4, "point d'accès")),  # either apostrophe
    ("## Le bucket { #bucket }", (1, 7, "bucket")),  # a heading
    ('!!! tip "Un bucket privé"', (1, 13, "bucket")),  # an admonition title
    ('=== "Le bucket"', (1, 9, "bucket")),  # a tab title
    ("Voir [le bucket](s3.md).", (1, 10, "bucket")),  # link text
    ("![Un bucket et ses objets](s3.png)", (1, 6, "bucket")),  # alt text
    ("| Service | Le bucket |", (1, 16, "bucket")),  # a table cell
    ("- un bucket", (1, 6, "bucket")),  # a list item
    ("---\ntitle: Le bucket\ndescription: Un bucket privé.\n---", (2, 11, "bucket")),  # the title...
    ("Une fonction Amazon Lambda.", (1, 14, "Amazon Lambda")),  # a product name written wrong
    ("Sur internet.", (1, 5, "internet")),  # case matters for this concept
    ("Un *bucket* privé.", (1, 5, "bucket")),  # italics, but no French term before it
])
def test_a_refused_variant_is_reported_where_a_reader_reads_it(tmp_path: Path, text: str,
                                                               expected: tuple[int, int, str]) -> None:
    assert places(findings(tmp_path, text))[:1] == [expected]


def test_the_finding_names_the_concept_and_hints_the_term_to_use(tmp_path: Path) -> None:
    (finding,) = findings(tmp_path, "Intro.\n\nPlacez un répartiteur de charge devant.")
    assert finding.text() == ("docs/fr/page.md:3:11: 'répartiteur de charge' is not this site's term for load "
                              "balancer [terms] (use 'équilibreur de charge' (docs/termbase.yml))")


def test_the_front_matter_description_is_read_too(tmp_path: Path) -> None:
    found = findings(tmp_path, '---\ntitle: Guide\ndescription: "Un bucket : privé."\n---\n\n# Guide')
    assert places(found) == [(3, 18, "bucket")]


def test_english_pages_refuse_wrong_product_names_only(tmp_path: Path) -> None:
    text = "Amazon Lambda runs code. An Amazon S3 bucket policy and a managed load balancer are fine."
    assert places(findings(tmp_path, text, "en")) == [(1, 1, "Amazon Lambda")]


def test_overlapping_variants_are_reported_once(tmp_path: Path) -> None:
    assert len(findings(tmp_path, "Un load balancer managé.")) == 2  # two concepts, two places
    assert places(findings(tmp_path, "Un bucket bucket.")) == [(1, 4, "bucket"), (1, 11, "bucket")]


def test_a_concept_can_apply_to_some_pages_only(tmp_path: Path) -> None:
    text = "La concurrence entre fournisseurs."
    assert findings(tmp_path, text, uri="other.md") == []
    assert places(findings(tmp_path, text, uri="lambda.md")) == [(1, 4, "concurrence")]


# What it lets pass ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Créez un compartiment avec `aws s3 mb s3://my-bucket`.",  # a code span
    'Un compartiment :\n\n=== "AWS CLI"\n\n    ```bash\n    aws s3 mb s3://my-bucket  # the bucket\n    ```\n',
    "```text\nUn répartiteur de charge managé\n```",  # fenced code
    "Voir https://example.com/bucket/serverless et <https://example.com/bucket>.",  # URLs
    "Voir [le compartiment](bucket.md) et [la doc](https://example.com/managed-bucket \"bucket\").",
    '<img src="bucket.png" alt="bucket"> <a href="serverless/">le guide</a>',  # raw HTML attributes
    "-   :material-bucket-outline:{ .lg .middle } **[Amazon S3](s3.md)**",  # an icon and an attribute list
    "---\ntitle: Compartiments\ndescription: Le stockage.\nbucket: x\n---",  # a front matter key
    'Un encadré `!!! note "bucket"` et `print("bucket : managé")`.',  # quotes inside code
    "Un compartiment (*bucket*) et un équilibreur de charge (load balancer).",  # glosses
    "Un compartiment, *bucket* en anglais.",
    "Une limitation des requêtes (throttling).",  # the gloss a few words after the term
    "Appelé *bucket* en anglais.",  # marked, and said to be English
    "ElastiCache Serverless et un Application Load Balancer.",  # product names
    "Sa box internet et Internet.",  # allowed with its exact case
    "Les buckets_old, sous-bucket et bucketname.",  # inside other words
    "La concurrence entre fournisseurs.",  # a concept limited to another page
])
def test_code_urls_markup_product_names_and_glosses_are_not_flagged(tmp_path: Path, text: str) -> None:
    assert findings(tmp_path, text) == []


def test_a_gloss_far_from_its_term_or_in_another_sentence_is_flagged(tmp_path: Path) -> None:
    assert len(findings(tmp_path, "Un compartiment. Son nom (*bucket*).")) == 1
    assert len(findings(tmp_path, "Un compartiment très grand et très cher (*bucket*).")) == 1


# The termbase ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "message"), [
    ("concepts: [", 1, "not valid YAML"),
    ("terms: []\n", 1, "the termbase must hold a list under 'concepts'"),
    ("concepts:\n  - concept: x\n    de: y\n", 2, "concept 'x': unknown key 'de'"),
    ("concepts:\n  - concept: x\n    fr: {use: géré, refuse: [géré]}\n", 3, "concept 'x' refuses 'géré'"),
    ("concepts:\n  - concept: x\n    fr: {refuse: [managé]}\n", 2, "concept 'x': each language needs a term"),
    ("concepts:\n  - concept: x\n    fr:\n      use: géré\n      refus: [managé]\n", 4, "concept 'x': unknown key"),
    ("concepts:\n  - concept: x\n", 2, "concept 'x' gives no term"),
])
def test_a_broken_termbase_is_reported_at_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(TermbaseError) as error:
        concepts(tmp_path, text)
    assert (error.value.line, error.value.message[: len(message)]) == (line, message)


# The glossaries -------------------------------------------------------------------------------

def glossary_project(project: Project, english: str, french: str) -> list[Finding]:
    """The agreement check on glossaries with these entries, and the terms check on the French one."""
    project.write("en/glossary.md", page("Glossary", english))
    project.write("fr/glossary.md", page("Glossaire", french))
    real = load_project(project.root)
    sources = {language.code: read_pages(language.docs_dir, project.root) for language in real.languages}
    terms = concepts(project.root)
    french_glossary = next(page for page in sources["fr"] if page.uri == "glossary.md")
    return glossaries_agree(Context(real, sources, BuiltSite(project.root)), terms) + in_page(french_glossary, "fr",
                                                                                              terms)


def test_agreeing_glossaries_pass(project: Project) -> None:
    assert glossary_project(project, "bucket\nbuckets\n:   A container.\n", "compartiment\n:   Un conteneur, "
                            "appelé *bucket* en anglais.\n") == []


def test_a_glossary_without_the_termbase_term_is_reported(project: Project) -> None:
    (finding,) = glossary_project(project, "bucket\n:   A container.\n", "conteneur S3\n:   Un conteneur.\n")
    assert (finding.path, finding.line, finding.code) == ("docs/fr/glossary.md", 1, "terms")
    assert finding.message == ("no glossary entry 'compartiment' for S3 bucket, which docs/en/glossary.md:8 "
                               "defines")


def test_a_glossary_entry_under_a_refused_variant_is_reported_at_its_line(project: Project) -> None:
    found = glossary_project(project, "serverless\n:   No servers.\n",
                             "sans serveur\n:   Sans serveurs.\n\nserverless\n:   Le terme anglais.\n")
    assert [(f.path, f.line, f.col, f.hint) for f in found] == [
        ("docs/fr/glossary.md", 11, 1, "use 'sans serveur' (docs/termbase.yml)")]


def test_a_glossary_definition_using_a_refused_variant_is_reported(project: Project) -> None:
    found = glossary_project(project, "bucket\n:   A container.\n", "compartiment\n:   Un bucket.\n")
    assert places(found) == [(9, 8, "bucket")]


# The real termbase ----------------------------------------------------------------------------

REVIEWED = [  # what the French reviews (../shared/reviews/fr-part*.md) list, as variant -> term
    ("fr", "un répartiteur de charge", "équilibreur de charge"),
    ("fr", "des services managés", "géré"),
    ("fr", "un bucket", "compartiment"),
    ("fr", "une application serverless", "sans serveur"),
    ("fr", "le sans-serveur", "sans serveur"),
    ("fr", "l\u2019infrastructure as code", "infrastructure en tant que code"),
    ("fr", "la concurrence provisionnée", "simultanéité"),
    ("fr", "il lance ou arrête des instances", "résilier"),
    ("fr", "une alerte de facturation", "alarme de facturation"),
    ("fr", "les permissions", "autorisations"),
    ("fr", "on assume un rôle", "endosser"),
    ("fr", "les Local Zones", "zone locale"),
    ("fr", "US East (N. Virginia)", "USA Est (Virginie du Nord)"),
    ("fr", "une flotte", "parc"),
    ("fr", "le plan Free", "plan gratuit"),
    ("fr", "une photo à un instant donné", "instantané"),
    ("fr", "un point d\u2019accès", "point de terminaison"),
    ("fr", "un AWS SDK", "SDK AWS"),
    ("fr", "la livraison de contenu", "diffusion de contenu"),
    ("fr", "en bonne santé", "sain"),
    ("fr", "les contrôles de santé", "vérification de l\u2019état"),
    ("fr", "faites-la tourner", "renouveler régulièrement"),
    ("fr", "les étiquettes", "balise"),
    ("fr", "le handler", "gestionnaire"),
    ("fr", "les téléversements", "envoyer"),
    ("fr", "le throttling", "limitation"),
    ("fr", "un courriel", "e-mail"),
    ("fr", "la supervision", "surveillance"),
    ("fr", "le Time to Live", "durée de vie (TTL)"),
    ("fr", "le chargement paresseux", "chargement différé"),
    ("fr", "des workers", "environnement de travail"),
    ("fr", "Hello AWS", "Bonjour AWS"),
    ("fr", "Tout est API", "Tout passe par une API"),
    ("fr", "l\u2019allocation gratuite", "offre gratuite"),
    ("fr", "la facturation à l\u2019usage", "paiement à l\u2019usage"),
    ("fr", "sur internet", "Internet"),
    ("en", "Amazon Lambda", "AWS Lambda"),
    ("en", "Amazon Elastic Beanstalk", "AWS Elastic Beanstalk"),
    ("en", "Amazon Auto Scaling", "Amazon EC2 Auto Scaling"),
]


def test_the_real_termbase_loads_for_the_real_languages() -> None:
    codes = [language.code for language in load_project(REPO).languages]
    assert len(load(REPO / "docs" / "termbase.yml", codes)) >= 60


@pytest.mark.parametrize(("code", "text", "term"), REVIEWED)
def test_the_real_termbase_refuses_what_the_reviews_found(tmp_path: Path, code: str, text: str, term: str) -> None:
    path = tmp_path / "docs" / code / "page.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    real = load(REPO / "docs" / "termbase.yml", ["en", "fr"])
    (finding,) = in_page(read_page(path, path.parent, tmp_path), code, real)
    assert finding.hint.startswith(f"use '{term}'")


def test_the_real_termbase_lets_product_names_and_glosses_pass(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "fr" / "page.md"
    path.parent.mkdir(parents=True)
    path.write_text("Amazon ElastiCache Serverless, AWS Serverless Application Model, un Application Load "
                    "Balancer, les zones locales (AWS Local Zones), un compartiment (*bucket*), un plan gratuit "
                    "(*Free plan*), une fonction AWS Lambda, la concurrence entre fournisseurs, « concurrence » "
                    "hors de la page Lambda, le service Elastic Load Balancing, une alerte de budget.",
                    encoding="utf-8")
    real = load(REPO / "docs" / "termbase.yml", ["en", "fr"])
    assert in_page(read_page(path, path.parent, tmp_path), "fr", real) == []


# End to end -----------------------------------------------------------------------------------

def test_the_build_reports_refused_variants_and_a_broken_termbase(project: Project) -> None:
    (project.root / "docs" / "termbase.yml").write_text(TERMBASE, encoding="utf-8")
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nUn service managé, `managé` en code."))
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nAmazon Lambda is a managed service."))
    assert [(f.path, f.line, f.col, f.code) for f in sorted(project.validate().findings)] == [
        ("docs/en/guide.md", 10, 1, "terms"),
        ("docs/fr/guide.md", 10, 12, "terms"),
    ]
    (project.root / "docs" / "termbase.yml").write_text("concepts:\n  - concept: x\n    de: y\n", encoding="utf-8")
    (finding,) = project.validate().findings
    assert (finding.path, finding.line, finding.code) == ("docs/termbase.yml", 2, "terms")
