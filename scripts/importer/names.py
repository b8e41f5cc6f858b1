"""Names: AWS's spelling of a product, the key two names of one thing share, a page's file name,
and the pages and parts of the site each key points at.

AWS's spelling comes from the product names of docs/termbase.yml (the concepts that use one term,
`AWS ...` or `Amazon ...`, in every language): the table the build already holds the pages to, so
that a new product name is added in one place. Two names are the same when their keys are: case,
accents, apostrophes, "Amazon", "AWS" and "Amazon Web Services", small words and plurals aside
("How does AWS work" is "How AWS works"). What no key can tell, the notes' name of a page the site
titles otherwise, `extra.import.aliases` in mkdocs.yml says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from scripts.checks import terms
from scripts.page import PART_INDEX, PageError, parts
from scripts.project import Project
from scripts.sources import read_page

PREFIXES = ("amazon", "aws")
LONG_PREFIX = re.compile(r"\bamazon web services\b")
WORDS = re.compile(r"[a-z0-9]+")
SMALL_WORDS = frozenset({
    "the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "with", "is", "are", "does", "do", "vs",
    "versus", "your", "its", "from", "by", "at", "le", "la", "les", "l", "de", "des", "du", "d", "un", "une",
    "et", "ou", "en", "pour", "avec", "au", "aux", "sur", "par", "est", "qu", "ce", "que",
})
ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l", "d", "un", "une"})
SLUG_WORDS = 6


def fold(text: str) -> str:
    """Lowercase, without accents, one apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def key(name: str) -> str:
    """What is left of a name once everything that does not tell it apart is set aside; "" when nothing."""
    words = WORDS.findall(LONG_PREFIX.sub(" ", fold(name)))
    return " ".join(_singular(word) for word in words if word not in PREFIXES and word not in SMALL_WORDS)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def slug(name: str, product: bool) -> str:
    """A file or folder name for `name`: its words, without accents, elisions, a leading article or,
    for a product, AWS's prefix."""
    words = WORDS.findall(LONG_PREFIX.sub("aws", fold(name)))
    kept = [word for word in words if len(word) > 1 or word.isdigit()]
    while kept and (kept[0] in ARTICLES or (product and kept[0] in PREFIXES)) and len(kept) > 1:
        kept.pop(0)
    return "-".join(kept[:SLUG_WORDS]) or "-".join(words[:SLUG_WORDS]) or "notes"


class Spelling:
    """AWS's spelling of the product names docs/termbase.yml lists."""

    def __init__(self, concepts: list[terms.Concept], codes: list[str]) -> None:
        self.names: dict[str, str] = {}  # a folded name or variant -> AWS's spelling
        self.variants: list[tuple[str, str]] = []  # (variant, AWS's spelling), for running text
        for concept in concepts:
            usages = [concept.usage.get(code) for code in codes]
            if None in usages or len({usage.use for usage in usages}) != 1:
                continue
            usage = usages[0]
            if fold(usage.use).split()[0] not in PREFIXES:
                continue
            self.names |= {fold(usage.use): usage.use, _bare(usage.use): usage.use}
            self.names |= {fold(variant): usage.use for variant in usage.refuse}
            self.variants += [(variant, usage.use) for variant in (*usage.refuse, usage.use)]

    def name(self, name: str) -> str:
        """`name` as AWS spells it, when it is a product the termbase knows; else as written."""
        return self.names.get(fold(name)) or self.names.get(_bare(name)) or name

    def text(self, text: str) -> str:
        """`text` with every refused spelling of a product, and every other case of it, as AWS writes it."""
        for variant, use in self.variants:
            text = terms.term_pattern(variant).sub(use, text)
        return text


def _bare(name: str) -> str:
    words = fold(name).split()
    while len(words) > 1 and words[0] in PREFIXES:
        words.pop(0)
    return " ".join(words)


def spelling(project: Project) -> Spelling:
    codes = [language.code for language in project.languages]
    path = project.root / terms.TERMBASE
    if not path.is_file():
        return Spelling([], codes)
    try:
        return Spelling(terms.load(path, codes), codes)
    except terms.TermbaseError as error:
        raise PageError(f"{project.display(path)}:{error.line}: {error.message} ({error.hint})") from None


@dataclass
class Site:
    """The parts and pages of the site, by the keys of their names in every language."""

    parts: dict[str, str] = field(default_factory=dict)  # key -> folder
    pages: dict[str, list[str]] = field(default_factory=dict)  # key -> pages (part/name.md), in nav order
    aliases: dict[str, str] = field(default_factory=dict)  # key -> page or part/index.md

    def part(self, name: str) -> tuple[str, str | None] | None:
        """The folder of the part `name` is, and the page it names when it names one; None if new."""
        target = self.aliases.get(key(name))
        if target:
            return (target.split("/")[0], None if target.endswith("/" + PART_INDEX) else target)
        if key(name) in self.parts:
            return self.parts[key(name)], None
        page = self.page(name, None)
        return (page.split("/")[0], page) if page else None

    def page(self, name: str, folder: str | None) -> str | None:
        """The page `name` is: in the part `folder` only (a topic), or anywhere (None: a service)."""
        target = self.aliases.get(key(name))
        if target and not target.endswith("/" + PART_INDEX):
            return target
        found = [page for page in self.pages.get(key(name), []) if folder is None or page.startswith(folder + "/")]
        return found[0] if found else None


def site(project: Project) -> Site:
    """The site's parts and pages, from their titles in every language and their file names."""
    result = Site()
    for folder in parts(project):
        if key(folder.replace("-", " ")):
            result.parts.setdefault(key(folder.replace("-", " ")), folder)
        for language in project.languages:
            for path in sorted((language.docs_dir / folder).glob("*.md")):
                title = read_page(path, language.docs_dir, project.root, outline=True).meta.get("title")
                names = [str(title)] if title else []
                uri = f"{folder}/{path.name}"
                if path.name == PART_INDEX:
                    result.parts |= {key(name): folder for name in names if key(name)}
                    continue
                for name in [*names, path.stem.replace("-", " ")]:
                    if key(name) and uri not in result.pages.setdefault(key(name), []):
                        result.pages[key(name)].append(uri)
    result.aliases = _aliases(project, result)
    return result


def _aliases(project: Project, known: Site) -> dict[str, str]:
    settings = project.default.config.extra.get("import") or {}
    aliases = settings.get("aliases") or {}
    listed = {page for pages in known.pages.values() for page in pages} | {
        f"{folder}/{PART_INDEX}" for folder in known.parts.values()}
    for name, target in aliases.items():
        if str(target) not in listed:
            raise PageError(f"{project.display(project.default.config_file)}: extra.import.aliases: '{name}' names "
                            f"'{target}', which is not a page of a part (write it as part/name.md)")
    return {key(str(name)): str(target) for name, target in aliases.items() if key(str(name))}
