"""The typography check and its fixer: each French rule and the English one on a few lines of
Markdown, what they must leave alone (code, URLs, markup, figures that are not decimals), the
fixer applying exactly the hints, once, and never touching code; then end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks.typography import fixed_text, in_page
from scripts.findings import Finding
from scripts.sources import SourcePage, read_page
from tests.conftest import Project, page

NBSP, NNBSP = "\u00a0", "\u202f"


def read(tmp_path: Path, text: str, code: str = "fr") -> SourcePage:
    path = tmp_path / "docs" / code / "page.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_page(path, path.parent, tmp_path)


def findings(tmp_path: Path, text: str, code: str = "fr") -> list[Finding]:
    return in_page(read(tmp_path, text, code), code)


def fixed(tmp_path: Path, text: str, code: str = "fr") -> str:
    return fixed_text(read(tmp_path, text, code), code)[0]


def visible(text: str) -> str:
    """The no-break spaces made visible, for readable assertions: ~ for U+00A0, ^ for U+202F."""
    return text.replace(NBSP, "~").replace(NNBSP, "^")


# French: what it catches, and the fix -----------------------------------------------------------

@pytest.mark.parametrize(("text", "col", "message", "result"), [
    ("Le prix : 5.", 8, "plain space before ':'", "Le prix~: 5."),
    ("Le prix: 5.", 8, "no space before ':'", "Le prix~: 5."),
    ("Étape 1: créer.", 8, "no space before ':'", "Étape 1~: créer."),
    ("Lisez ceci ; puis cela.", 11, "plain space before ';'", "Lisez ceci^; puis cela."),
    ("Vraiment ?", 9, "plain space before '?'", "Vraiment^?"),
    ("Attention!", 10, "no space before '!'", "Attention^!"),
    ("Voir [la page](guide.md): ici.", 25, "no space before ':'", "Voir [la page](guide.md)~: ici."),
    ("La commande `aws` : oui.", 18, "plain space before ':'", "La commande `aws`~: oui."),
    ("Le mot « mot » ici.", 9, "plain space after '«'", "Le mot «~mot~» ici."),
    ("Le mot «mot» ici.", 9, "no space after '«'", "Le mot «~mot~» ici."),
    ("Jusqu\u2019à 100 USD par mois.", 12, "plain space between a number and 'USD'", "Jusqu\u2019à 100~USD par mois."),
    ("5 Go, 128 Mo, 15 min, 3 Go/s.", 2, "plain space between a number and 'Go'", "5~Go, 128~Mo, 15~min, 3~Go/s."),
    ("Disponible à 99,99 %.", 19, "plain space between a number and '%'", "Disponible à 99,99~%."),
    ("Soit 50%.", 8, "no space between a number and '%'", "Soit 50~%."),
    ("Plus de 1 000 requêtes.", 10, "plain space between groups of digits", "Plus de 1^000 requêtes."),
    ("Soit 400 000 Go-secondes.", 9, "plain space between groups of digits", "Soit 400^000~Go-secondes."),
    ("Il coûte 0.023 USD.", 11, "decimal point in French prose", "Il coûte 0,023~USD."),
    ("Un facteur 0.5 suffit.", 13, "decimal point in French prose", "Un facteur 0,5 suffit."),
    ("Et ainsi de suite...", 18, "three dots for an ellipsis", "Et ainsi de suite…"),
    ("Jusqu\u2019à 100\nUSD par mois.", 12, "plain space between a number and 'USD'", "Jusqu\u2019à 100~USD par mois."),
])
def test_each_french_rule_is_reported_at_its_place_and_fixed(tmp_path: Path, text: str, col: int, message: str,
                                                            result: str) -> None:
    found = findings(tmp_path, text)
    assert (found[0].line, found[0].col, found[0].code) == (1, col, "typography")
    assert found[0].message == f"{message} (French typography)"
    assert visible(fixed(tmp_path, text)) == result


def test_the_hint_is_the_corrected_text_and_names_the_invisible_character(tmp_path: Path) -> None:
    (finding,) = findings(tmp_path, "Intro.\n\nCompter 100 USD par mois.")
    assert finding.text() == ("docs/fr/page.md:3:12: plain space between a number and 'USD' (French typography) "
                              f"[typography] (write '100{NBSP}USD' (U+00A0, a no-break space))")
    (finding,) = findings(tmp_path, "Pourquoi ?")
    assert finding.hint == f"write 'Pourquoi{NNBSP}?' (U+202F, a narrow no-break space)"


@pytest.mark.parametrize("text", [
    "## Tarifs : en bref { #pricing }",  # a heading
    '!!! cost "Tarifs : en bref"',  # an admonition title
    '=== "Étape 1 : créer"',  # a tab title
    "![Un schéma : la Région](schema.png)",  # alt text
    "| Service | Prix : 5 Go |",  # a table cell
    "| Service | Requêtes |\n| --- | ---: |\n| S3 | 1 000 |",  # 1 000 in a table
    "---\ntitle: Tarifs\ndescription: \"Partie 1 : la vue d\u2019ensemble\"\n---",  # the front matter description
    "- un élément : le premier",  # a list item
])
def test_french_rules_apply_wherever_a_reader_reads(tmp_path: Path, text: str) -> None:
    assert findings(tmp_path, text), text


# French: what it lets pass --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"Le prix{NBSP}: 5{NBSP}Go, 1{NNBSP}000 requêtes{NNBSP}; «{NBSP}mot{NBSP}»{NNBSP}!",  # right already
    f"Le prix{NNBSP}: 99,99{NNBSP}%.",  # either no-break space
    "Voir `a : b`, `50%`, ``print(\"« x »\")`` et `0.023`.",  # code spans, quotes inside code
    '=== "AWS CLI"\n\n    ```bash\n    aws s3 ls # 5 Go : 0.023 USD...\n    ```\n\n=== "Python (boto3)"\n\n'
    '    ```python\n    print("Zones :", 1.5)\n    ```\n',  # fenced code in tabs
    "Voir https://example.com/a?b=c:d et <https://example.com/x?y>.",  # URLs
    "Voir [le guide](guide.md?x=1 \"Titre : ici\").",  # a link's target and title
    '<a href="https://example.com/?a=b" title="Titre : ici">le lien</a>',  # raw HTML attributes
    "---\ntitle: Tarifs\ndescription: Les prix.\nhide:\n  - toc\n---",  # front matter keys
    "-   :material-earth:{ .lg .middle aria-hidden=\"true\" } **[Partie 1](a.md)**",  # icons, attribute lists
    "Python 3.11, TLS 1.2, une t3.micro, 10.0.0.1, 0.0.0.0/0, le 2025-07-15, config.v1.json, version 0.9.",
    "Il est 10:30, le ratio 16:9, arn:aws:s3 et Qu\u2019est-ce\u202f?! Ah.",  # not punctuation, or a second mark
    f"| Service | Prix |\n| :--- | ---: |\n| S3 | 1{NNBSP}000 |\n| EC2 | 10 | 240 |",  # a table
    "La partie 2 s\u2019ouvre sur 3 questions.",  # a number, not a unit
    "Amazon S3, Amazon EC2, AWS Lambda et Route 53.",  # product names
    "Un espace&nbsp;: insécable, puis «&#160;ceci&#x202F;».",  # no-break spaces written as entities
])
def test_code_urls_markup_and_other_figures_are_not_flagged(tmp_path: Path, text: str) -> None:
    assert findings(tmp_path, text) == []


def test_french_rules_do_not_apply_to_english_pages(tmp_path: Path) -> None:
    assert findings(tmp_path, "It costs 0.023 USD for 1,000 requests; 5 GB...", "en") == []


# English --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "col", "result"), [
    ("Note : this.", 5, "Note: this."),
    ("Really ?", 7, "Really?"),
    (f"Then{NBSP}; that.", 5, "Then; that."),
    ("Run `aws` : done !", 10, "Run `aws`: done!"),
])
def test_english_pages_have_no_space_before_high_punctuation(tmp_path: Path, text: str, col: int,
                                                            result: str) -> None:
    found = findings(tmp_path, text, "en")
    assert (found[0].col, found[0].message.split(" (")[0]) == (col, f"space before '{result[col - 1]}' in English")
    assert fixed(tmp_path, text, "en") == result


@pytest.mark.parametrize("text", [
    "A title: fine; yes! no? `a : b` and https://example.com/?a=b.",
    "| Left | Right |\n| :--- | ---: |\n| a | b |",
    "Term\n:   Its definition.",
    "The French « Tarifs » and `99,99 %`.",
])
def test_english_punctuation_that_is_right_is_not_flagged(tmp_path: Path, text: str) -> None:
    assert findings(tmp_path, text, "en") == []


# The fixer ------------------------------------------------------------------------------------

PAGE = """---
title: Qu\u2019est-ce ?
description: "Partie 1 : les prix"
---

# Tarifs : en bref { #pricing }

Le prix : 100 USD par mois, 0.023 USD par Go, 1 000 requêtes ; voir « [le guide](guide.md?a=b) »...

!!! cost "Coût : 5 Go"

    Soit 99,99 % de disponibilité: `print("a : b")`.

=== "AWS CLI"

    ```bash
    aws s3 ls  # 5 Go : 0.023 USD...
    ```

| Service | Prix |
| --- | ---: |
| S3 | 1 000 |
"""


def test_the_fixer_applies_exactly_the_hints_and_then_finds_nothing(tmp_path: Path) -> None:
    result, found = fixed_text(read(tmp_path, PAGE), "fr")
    assert len(found) == 17
    for finding in found:
        corrected = finding.hint.removeprefix("write '").rsplit("'", 1)[0]
        assert corrected in result.splitlines()[finding.line - 1], finding
    assert findings(tmp_path, result) == []  # one pass fixes everything
    assert fixed(tmp_path, result) == result  # idempotent


def test_the_fixer_leaves_code_urls_and_markup_untouched(tmp_path: Path) -> None:
    result, _ = fixed_text(read(tmp_path, PAGE), "fr")
    assert '`print("a : b")`' in result
    assert "    aws s3 ls  # 5 Go : 0.023 USD...\n" in result
    assert "](guide.md?a=b)" in result and "{ #pricing }" in result and "| --- | ---: |" in result
    assert result.count("\n") == PAGE.count("\n") - 1  # no line joined or split here


# End to end -----------------------------------------------------------------------------------

def test_the_build_reports_typography_at_the_line_and_column(project: Project) -> None:
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nCompter 100 USD : c\u2019est `a : b`."))
    project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nCount 100 USD : that is `a : b`."))
    assert [(f.path, f.line, f.col, f.code) for f in sorted(project.validate().findings)] == [
        ("docs/en/guide.md", 10, 14, "typography"),
        ("docs/fr/guide.md", 10, 12, "typography"),
        ("docs/fr/guide.md", 10, 16, "typography"),
    ]


def test_an_english_link_text_marked_lang_en_keeps_its_punctuation(project: Project) -> None:
    project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\n"
                                               "- [What is IAM?](https://example.com/iam){ lang=en }"))
    out = project.root / "out"
    assert project.validate(out).findings == []
    assert 'lang="en">What is IAM?</a>' in (out / "fr" / "guide" / "index.html").read_text(encoding="utf-8")


def test_the_command_lists_then_fixes_in_place_keeping_line_endings(project: Project) -> None:
    path = project.write("fr/guide.md", page("Guide", "## Tarifs { #pricing }\n\nCompter 100 USD : oui.")
                         .replace("\n", "\r\n"))
    listed = project.run("typography")
    assert listed.returncode == 1
    assert listed.stdout.splitlines() == [
        f"docs/fr/guide.md:10:12: plain space between a number and 'USD' (French typography) [typography] "
        f"(write '100{NBSP}USD' (U+00A0, a no-break space))",
        f"docs/fr/guide.md:10:16: plain space before ':' (French typography) [typography] "
        f"(write 'USD{NBSP}:' (U+00A0, a no-break space))",
    ]
    applied = project.run("typography", "--fix")
    assert (applied.returncode, applied.stdout) == (0, listed.stdout)
    assert "2 fix(es) in 1 file(s)" in applied.stderr
    assert path.read_bytes().decode().endswith(f"Compter 100{NBSP}USD{NBSP}: oui.\r\n")
    assert project.run("typography").returncode == 0
