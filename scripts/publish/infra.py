"""infra/: the CloudFormation template that hosts the site and its CloudFront Function, and the two
parts of the template made from the site itself, which `python -m scripts infra` writes.

- The router (infra/router.js) knows the site's pages, from the nav: a CloudFront Function runs
  before the cache and the origin, so it cannot ask S3 whether a page exists. The template holds a
  copy of its code, since CloudFormation takes a function's code inline.
- The content security policy allows the theme's inline scripts by their SHA-256 hashes, rather than
  with 'unsafe-inline', which would allow any injected script too. The hashes come from a build of the
  site for the root of a domain, as the distribution serves it (the 404 pages name that root).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
from pathlib import Path

import yaml

from scripts.checks.navigation import nav_pages
from scripts.project import Project

INFRA = "infra"
TEMPLATE, ROUTER = "site.yaml", "router.js"
HOSTED_SITE_URL = "https://site.invalid/"  # any domain: the distribution serves the site at its root
PAGES_BLOCK = re.compile(r"(// pages: begin[^\n]*\n)(?P<body>.*?)(// pages: end)", re.S)
FUNCTION_CODE = re.compile(r"(?P<head>^(?P<indent>[ ]*)FunctionCode: \|\n)(?P<body>(?:(?P=indent)[ ]+.*\n|\n)*)", re.M)
CSP_LINE = re.compile(r'^(?P<head>\s*ContentSecurityPolicy: ")(?P<policy>[^"]*)(")', re.M)
SCRIPT_SRC = re.compile(r"script-src 'self'(?: 'sha256-[A-Za-z0-9+/=]+')*")
INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S)
NOT_RUN = re.compile(r"\b(?:src|type)\s*=")  # a script with src is a file; one with a type (JSON) is data


def infra_dir(project: Project) -> Path:
    return project.root / INFRA


def page_routes(project: Project) -> list[str]:
    """Every page's address below its language's root, as the nav lists it: '', 'big-picture/', ..."""
    routes = []
    for uri in nav_pages(project.default.config.nav):
        stem = uri[: -len(".md")]
        routes.append("" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/")
    return routes


def router_source(project: Project) -> str:
    """infra/router.js with its page table made from the nav (and the languages of mkdocs.yml)."""
    text = (infra_dir(project) / ROUTER).read_text(encoding="utf-8")
    pages = ",\n".join(f"  {json.dumps(route)}: 1" for route in page_routes(project))
    languages = json.dumps([language.prefix.strip("/") for language in project.languages[1:]])
    body = f"var PAGES = {{\n{pages}\n}};\nvar LANGUAGES = {languages};\n"
    return PAGES_BLOCK.sub(lambda match: match[1] + body + match[3], text, count=1)


def with_function_code(template: str, code: str) -> str:
    """The template with `code` as the router's inline FunctionCode."""
    def replace(match: re.Match) -> str:
        indent = match["indent"] + "  "
        return match["head"] + "".join(indent + line + "\n" if line else "\n" for line in code.splitlines())
    return FUNCTION_CODE.sub(replace, template, count=1)


def content_security_policy(template: str) -> str:
    match = CSP_LINE.search(template)
    if not match:
        raise ValueError("infra/site.yaml has no ContentSecurityPolicy line")
    return match["policy"]


def with_script_hashes(template: str, hashes: list[str]) -> str:
    """The template with exactly `hashes` allowed by the script-src of its content security policy."""
    allowed = "script-src 'self'" + "".join(f" '{digest}'" for digest in hashes)
    return CSP_LINE.sub(lambda match: match["head"] + SCRIPT_SRC.sub(allowed, match["policy"]) + match[3],
                        template, count=1)


def inline_scripts(site: Path) -> dict[str, str]:
    """The hash ('sha256-...') of every inline script a browser runs in the built site, with the
    first page (relative path) that holds it."""
    found: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        for match in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if NOT_RUN.search(match["attributes"]):
                continue
            digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
            found.setdefault(f"sha256-{digest}", page.relative_to(site).as_posix())
    return found


def not_allowed(site: Path, policy: str) -> dict[str, str]:
    """The inline scripts of `site` that `policy` would block: hash -> a page that holds it."""
    return {digest: page for digest, page in inline_scripts(site).items() if f"'{digest}'" not in policy}


def hosted_overrides(project: Project, site_url: str) -> dict[str, dict]:
    """The settings that build every language for `site_url`, each under its prefix."""
    base = site_url.rstrip("/") + "/"
    return {language.code: {"site_url": base + language.prefix} for language in project.languages}


def write(project: Project) -> list[Path]:
    """Write the page table into router.js, the router and the script hashes into the template;
    return the files that changed. Builds the site (in a temporary folder, without the checks: the
    scripts are the theme's) for the hashes."""
    from scripts.build import BUILD_STOPPED, build_languages

    folder = infra_dir(project)
    router = router_source(project)
    with tempfile.TemporaryDirectory(prefix="site-infra-") as out:
        findings = build_languages(project, Path(out), hosted_overrides(project, HOSTED_SITE_URL))
        stopped = [finding for finding in findings if finding.code == BUILD_STOPPED]
        if stopped:
            raise ValueError(f"the site does not build: {stopped[0].text()}")
        hashes = sorted(inline_scripts(Path(out)))
    template = (folder / TEMPLATE).read_text(encoding="utf-8")
    template = with_script_hashes(with_function_code(template, router), hashes)
    changed = []
    for path, text in ((folder / ROUTER, router), (folder / TEMPLATE, template)):
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


class _TemplateLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short tags, read as their long JSON forms (`!Ref X` -> {"Ref": "X"})."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_TemplateLoader.add_multi_constructor("!", _intrinsic)


def load_template(path: Path) -> dict:
    """A CloudFormation template in YAML, as the dict its JSON form would give."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TemplateLoader)  # a SafeLoader
