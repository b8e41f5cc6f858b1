"""Every page of the course ends with a "Check yourself" section that a learner can use.

`extra.self_check` in mkdocs.yml says which parts (folders of docs/<lang>/) have one on each page
but their index, the section's id, and how many questions it holds. A question is a collapsed
`??? question "..."` block, so the answer stays hidden until the learner opens it, and its answer
links to the section that explains it (a link with a `#fragment`; the link checks make sure it
lands). A scenario question, in the style of the exam, adds the class `scenario`:
`??? question scenario "Lisa's app must ...: which service?"`; at least the share of
`scenario_share` of each language's questions are. A translation asks the same questions in the
same order, scenarios at the same places.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.checks.context import Context
from scripts.checks.template import SERVICE, TYPE_KEY, section_span
from scripts.findings import Finding
from scripts.project import Language
from scripts.sources import SourcePage

QUESTION = "question"
SCENARIO = "scenario"
COLLAPSED = "???"  # `???+` opens the block at load: the answer would show


@dataclass(frozen=True)
class Settings:
    section: str
    parts: tuple[str, ...]
    fewest: int
    most: int
    scenario_share: float


@dataclass(frozen=True)
class Question:
    line: int
    col: int
    scenario: bool
    collapsed: bool
    links_to_section: bool


def settings_of(language: Language) -> Settings | None:
    shape = language.config.extra.get("self_check")
    if not shape:
        return None
    count = shape.get("questions") or {}
    return Settings(str(shape["section"]), tuple(str(part) for part in shape.get("parts") or ()),
                    int(count.get("min", 1)), int(count.get("max", 10)), float(shape.get("scenario_share", 0)))


def in_course(page: SourcePage, settings: Settings) -> bool:
    part, _, name = page.uri.partition("/")
    return part in settings.parts and bool(name) and name != "index.md"


def check(context: Context) -> list[Finding]:
    settings = settings_of(context.project.default)
    if settings is None:
        return []
    findings: list[Finding] = []
    asked: dict[str, dict[str, list[Question]]] = {}
    for language in context.project.languages:
        asked[language.code] = {}
        for page in context.sources[language.code]:
            if page.body_read and in_course(page, settings):
                questions, found = _section(page, settings)
                asked[language.code][page.uri] = questions
                findings += found
        findings += _scenario_share(context, language, asked[language.code], settings)
    default = context.project.default.code
    for language in context.project.languages[1:]:
        for uri, questions in asked[language.code].items():
            findings += _same_questions(context, language, uri, asked[default].get(uri), questions)
    return findings


def _section(page: SourcePage, settings: Settings) -> tuple[list[Question], list[Finding]]:
    span = section_span(page, settings.section)
    if span is None and page.meta.get(TYPE_KEY) == SERVICE:
        return [], []  # the template check reports the section missing from a service page
    if span is None:
        return [], [Finding(page.display, page.headings[-1].line if page.headings else 1, 1, "self-check",
                            f"no '## ... {{ #{settings.section} }}' section",
                            f"end the page with {settings.fewest} to {settings.most} questions, "
                            f"'??? question \"...\"', each answer linking to the section that explains it")]
    questions = _questions(page, span)
    findings = []
    if not settings.fewest <= len(questions) <= settings.most:
        findings.append(Finding(page.display, span[0], 1, "self-check",
                                f"{len(questions)} question(s) under #{settings.section}",
                                f"ask {settings.fewest} to {settings.most}"))
    for question in questions:
        if not question.collapsed:
            findings.append(Finding(page.display, question.line, question.col, "self-check",
                                    "this question shows its answer", f"open it with '{COLLAPSED}', not '!!!' "
                                    "or '???+': the learner opens the answer"))
        if not question.links_to_section:
            findings.append(Finding(page.display, question.line, question.col, "self-check",
                                    "the answer links to no section",
                                    "link to the section that explains it: [the section](page.md#id)"))
    return questions, findings


def _questions(page: SourcePage, span: tuple[int, int]) -> list[Question]:
    openers = [line for line in page.lines if span[0] < line.number < span[1]
               and line.kind in ("admonition", "details") and line.label.split()[:1] == [QUESTION]]
    questions = []
    for index, opener in enumerate(openers):
        end = openers[index + 1].number if index + 1 < len(openers) else span[1]
        links = [link for link in page.links if opener.number < link.line < end and "#" in link.url]
        questions.append(Question(opener.number, opener.col, SCENARIO in opener.label.split()[1:],
                                  opener.text.startswith(COLLAPSED) and not opener.text.startswith(COLLAPSED + "+"),
                                  bool(links)))
    return questions


def _scenario_share(context: Context, language: Language, asked: dict[str, list[Question]],
                    settings: Settings) -> list[Finding]:
    every = [question for questions in asked.values() for question in questions]
    scenarios = sum(question.scenario for question in every)
    if not every or scenarios >= settings.scenario_share * len(every):
        return []
    config = context.project.display(language.config_file)
    return [Finding(config, 1, 1, "self-check",
                    f"{scenarios} of the {len(every)} questions in {language.name} are scenarios, fewer than "
                    f"{settings.scenario_share:.0%}",
                    f"write more in the style of the exam: '??? {QUESTION} {SCENARIO} \"Lisa's app must ...: "
                    "which service?\"'")]


def _same_questions(context: Context, language: Language, uri: str, original: list[Question] | None,
                    translation: list[Question]) -> list[Finding]:
    if original is None:
        return []  # the parity check reports the missing page
    wanted = [question.scenario for question in original]
    found = [question.scenario for question in translation]
    if wanted == found:
        return []
    page = next(page for page in context.sources[language.code] if page.uri == uri)
    line = translation[0].line if translation else 1
    return [Finding(page.display, line, 1, "self-check",
                    f"{len(found)} question(s) here ({sum(found)} scenarios), {len(wanted)} in the "
                    f"{context.project.default.name} page ({sum(wanted)} scenarios)",
                    "ask the same questions in the same order, scenarios at the same places")]
