"""Translations that fell behind the default language, at the line of their record (scripts/translations.py).

An outdated translation is a warning, not an error: the page still says something true enough to
publish, and readers see a notice on it until its record is updated. A record that cannot be read,
and a malformed `extra.translations`, are errors. A page that only the default language has is the
parity check's error, unless `extra.translations.allow_missing` lets its language lack it: then it
is a warning here, since the site serves the English page in its place.
"""

from __future__ import annotations

from scripts.checks.context import Context, did_you_mean_page
from scripts.checks.navigation import line_of
from scripts.findings import Finding, Severity
from scripts.project import Project
from scripts.translations import ALLOW_MISSING, RECORD_KEY, SETTINGS, State, Status, statuses

CODE = "translation"
MARK_HINT = "make translations MARK={uri} once the translation says what the English page says"


def check(context: Context) -> list[Finding]:
    project, default = context.project, context.project.default
    findings, allowed = _settings(context)
    originals = {page.uri: page for page in context.sources[default.code]}
    for language in project.languages[1:]:
        translations = context.pages(language)
        for status in statuses(list(originals.values()), list(translations.values()), language.code,
                               allowed.get(language.code, frozenset())):
            original = originals[status.uri]
            findings += _finding(project, status, original.display, translations.get(status.uri))
            if status.state is not State.MISSING and status.uri in allowed.get(language.code, ()):
                findings.append(Finding(
                    project.display(default.config_file), *line_of(default.config_file, status.uri), CODE,
                    f"extra.{SETTINGS}.{ALLOW_MISSING} lists '{status.uri}', which {language.name} has",
                    "remove it from the list", Severity.WARNING))
    return findings


def _finding(project: Project, status: Status, original: str, translation) -> list[Finding]:
    hint = MARK_HINT.format(uri=status.uri)
    if status.state is State.OUTDATED:
        return [Finding(translation.display, status.record.line, status.record.col, CODE,
                        f"outdated translation: {original} changed since {status.record.date}",
                        f"'make translations PAGE={status.uri}' says what changed; {hint}", Severity.WARNING)]
    if status.problem:
        return [Finding(translation.display, status.record.line, status.record.col, CODE,
                        f"unreadable translation record: {status.problem}",
                        f"write '{RECORD_KEY}: <hash> <YYYY-MM-DD>', or run {hint}")]
    if status.state is State.MISSING and status.allowed:
        language = next(language for language in project.languages if language.code == status.language)
        return [Finding(original, 1, 1, CODE,
                        f"no {language.name} version of this page: its site serves this one, with a notice",
                        f"translate it into {project.display(language.docs_dir / status.uri)}, then remove it "
                        f"from extra.{SETTINGS}.{ALLOW_MISSING}", Severity.WARNING)]
    return []


def _settings(context: Context) -> tuple[list[Finding], dict[str, frozenset[str]]]:
    """extra.translations.allow_missing, as {language code: pages}, and what is wrong with it."""
    project, default = context.project, context.project.default
    config = project.display(default.config_file)
    settings = default.config.extra.get(SETTINGS, {})
    allowed = settings.get(ALLOW_MISSING, {}) if isinstance(settings, dict) else None
    shape = f"extra.{SETTINGS}.{ALLOW_MISSING} must map a language's code to a list of pages"
    if not isinstance(allowed, dict) or not all(isinstance(pages, list) for pages in allowed.values()):
        return [Finding(config, *line_of(default.config_file, f"{SETTINGS}:"), CODE, shape,
                        "such as 'fr: [app-services/sqs.md]'")], {}
    findings: list[Finding] = []
    codes = [language.code for language in project.languages[1:]]
    pages = context.pages(default)
    result = {}
    for code, listed in allowed.items():
        if code not in codes:
            findings.append(Finding(config, *line_of(default.config_file, f"{code}:"), CODE,
                                    f"extra.{SETTINGS}.{ALLOW_MISSING} names '{code}', which is not a "
                                    "translation language", f"use one of {', '.join(codes)}"))
            continue
        for uri in listed:
            if uri not in pages:
                findings.append(Finding(config, *line_of(default.config_file, str(uri)), CODE,
                                        f"extra.{SETTINGS}.{ALLOW_MISSING} lists '{uri}', which is not a page of "
                                        f"{project.display(default.docs_dir)}/",
                                        did_you_mean_page(str(uri), pages) or "list a page of the default language"))
        result[code] = frozenset(str(uri) for uri in listed if uri in pages)
    return findings, result
