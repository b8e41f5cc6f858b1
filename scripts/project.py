"""The project as the configuration describes it: its languages, their configs and their pages.

mkdocs.yml lists the languages under `extra.languages`; the first one is the default. By convention
each other language `xx` is built from mkdocs.xx.yml and docs/xx/ and served under `xx/`. A mistake
in any configuration file becomes a ConfigError that points at the file and line.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError

from scripts.findings import Finding

MAIN_CONFIG = "mkdocs.yml"
YAML_MARK = re.compile(r'in "(?P<file>[^"]+)", line (?P<line>\d+), column (?P<col>\d+)')
CONFIG_KEY = re.compile(r"Config value '(?P<key>[\w.]+)'")


class ConfigError(Exception):
    """The configuration is broken: nothing can be built. Carries the findings that say where."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(finding.text() for finding in findings))
        self.findings = findings


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    config_file: Path
    prefix: str  # where the language is served, relative to the site root: "" or "fr/"
    config: MkDocsConfig

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)


@dataclass(frozen=True)
class Project:
    root: Path
    languages: list[Language]

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def site_url(self) -> str:
        """Where the host serves the site (the default language's site_url)."""
        return self.default.config.site_url or "/"

    @property
    def base_path(self) -> str:
        """The path of site_url, where the host serves the site: '/aws-big-picture/', or '/'."""
        return urlsplit(self.site_url).path or "/"

    def display(self, path: Path) -> str:
        """`path` as findings show it: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def config_file_for(root: Path, code: str, default: str) -> Path:
    return root / (MAIN_CONFIG if code == default else f"mkdocs.{code}.yml")


def load_project(root: Path) -> Project:
    main = load_mkdocs_config(root / MAIN_CONFIG, root)
    entries = main.extra.get("languages") or []
    if not entries or not all(isinstance(entry, dict) and "code" in entry for entry in entries):
        raise ConfigError([_config_finding(root / MAIN_CONFIG, root, "extra",
                                           "extra.languages must list the languages, each with a code and a name")])
    default = entries[0]["code"]
    languages = []
    for entry in entries:
        code = entry["code"]
        config_file = config_file_for(root, code, default)
        config = main if code == default else load_mkdocs_config(config_file, root)
        prefix = "" if code == default else f"{code}/"
        languages.append(Language(code, entry.get("name", code), config_file, prefix, config))
    return Project(root, languages)


def load_mkdocs_config(path: Path, root: Path, **overrides) -> MkDocsConfig:
    """MkDocs' own loading and validation, with its complaints turned into findings."""
    if not path.is_file():
        raise ConfigError([Finding(_rel(path, root), 1, 1, "config", "configuration file not found",
                                   "every language listed in extra.languages needs mkdocs.<code>.yml")])
    complaints = _Collector()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(complaints)
    try:
        config = load_config(str(path), **overrides)
    except (ConfigurationError, PluginError) as error:
        findings = [_config_finding(path, root, None, message) for message in complaints.messages]
        if not findings or "error parsing the configuration file" in str(error):
            findings = [_yaml_finding(path, root, str(error))]
        raise ConfigError(findings) from None
    finally:
        logger.removeHandler(complaints)
    if complaints.messages:
        raise ConfigError([_config_finding(path, root, None, message) for message in complaints.messages])
    return config


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _yaml_finding(path: Path, root: Path, message: str) -> Finding:
    marks = list(YAML_MARK.finditer(message))
    line, col = (int(marks[-1]["line"]), int(marks[-1]["col"])) if marks else (1, 1)
    problem = message.strip().splitlines()
    summary = next((text for text in reversed(problem) if not text.strip().startswith("in ")), "invalid YAML")
    return Finding(_rel(path, root), line, col, "config", f"invalid YAML: {summary.strip()}",
                   "check the indentation and the quotes")


def _config_finding(path: Path, root: Path, key: str | None, message: str) -> Finding:
    """A finding at the line that sets `key` (or the key a MkDocs message names), else line 1."""
    named = CONFIG_KEY.search(message)
    key = key or (named["key"] if named else None)
    line = 1
    if key and path.is_file():
        top = key.split(".")[0]
        for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if re.match(rf"^{re.escape(top)}\s*:", text):
                line = number
                break
    return Finding(_rel(path, root), line, 1, "config", message.replace("\n", " "))
