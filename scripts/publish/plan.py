"""What a publish changes: the built site's files, with their headers, against the bucket's objects.

A file is uploaded when its MD5 differs from the ETag of the object under its key: the ETag of an
object put in one request and encrypted with S3-managed keys (infra/site.yaml) is the MD5 of its
content, so the bucket's listing alone says what changed, without reading any object.

The order is the one that never shows a reader a page that points at a missing file: first the new
and changed files that pages use (stylesheets, scripts, images), then the pages, then the files that
list pages (sitemaps, search index), then the deletions, and last one invalidation of the changed
files CloudFront may hold. Files with a content hash in their name (immutable: they are never
changed, only replaced by a new name) are never invalidated.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.project import Project

HTML, INDEX = ".html", "index.html"
UTF8 = "; charset=utf-8"
CONTENT_TYPES = {  # by extension; mimetypes knows the rest, and differs between systems on these
    ".html": "text/html" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "text/javascript" + UTF8,
    ".json": "application/json" + UTF8,
    ".map": "application/json" + UTF8,
    ".xml": "application/xml" + UTF8,
    ".txt": "text/plain" + UTF8,
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".gz": "application/gzip",
    ".png": "image/png",
}
FALLBACK_TYPE = "application/octet-stream"
ASSETS, PAGES, LISTS = 0, 1, 2  # the upload groups, in order


class RulesError(ValueError):
    """extra.publish in mkdocs.yml is missing a setting, or has a wrong one."""


@dataclass(frozen=True)
class Rules:
    """extra.publish of mkdocs.yml: the Cache-Control of each file, and what goes up after the pages."""

    immutable: re.Pattern[str]
    immutable_cache: str
    revalidate_cache: str
    after_pages: tuple[str, ...]
    invalidate_all_above: int

    def cache_control(self, key: str) -> str:
        return self.immutable_cache if self.immutable.search(key) else self.revalidate_cache

    def group(self, key: str) -> int:
        if any(key == name or key.endswith("/" + name) for name in self.after_pages):
            return LISTS
        return PAGES if key.endswith(HTML) else ASSETS


def load_rules(project: Project) -> Rules:
    settings = project.default.config.extra.get("publish") or {}
    try:
        cache = settings["cache_control"]
        return Rules(re.compile(settings["immutable"]), cache["immutable"], cache["revalidate"],
                     tuple(settings["after_pages"]), int(settings["invalidate_all_above"]))
    except (KeyError, TypeError, ValueError, re.error) as error:
        problem = f"{type(error).__name__}: {error}"
        raise RulesError(f"mkdocs.yml: extra.publish is incomplete or wrong ({problem})") from None


@dataclass(frozen=True)
class LocalFile:
    key: str
    path: Path
    md5: str
    content_type: str
    cache_control: str


@dataclass
class Plan:
    uploads: list[LocalFile] = field(default_factory=list)  # in upload order
    deletions: list[str] = field(default_factory=list)
    invalidations: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.uploads or self.deletions)


def content_type(key: str) -> str:
    suffix = Path(key).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(key)[0] or FALLBACK_TYPE


def local_files(site: Path, rules: Rules) -> dict[str, LocalFile]:
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            key = path.relative_to(site).as_posix()
            md5 = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            files[key] = LocalFile(key, path, md5, content_type(key), rules.cache_control(key))
    return files


def make_plan(local: dict[str, LocalFile], remote: dict[str, str], rules: Rules) -> Plan:
    """`remote` maps each key of the bucket to its ETag (the MD5 of its content)."""
    plan = Plan()
    changed = []
    for key, file in local.items():
        if key not in remote:
            plan.uploads.append(file)
        elif remote[key] != file.md5:
            plan.uploads.append(file)
            changed.append(key)
        else:
            plan.unchanged += 1
    plan.uploads.sort(key=lambda file: (rules.group(file.key), file.key))
    plan.deletions = sorted(key for key in remote if key not in local)
    plan.invalidations = invalidation_paths(changed + plan.deletions, rules)
    return plan


def invalidation_paths(keys: list[str], rules: Rules) -> list[str]:
    """The paths CloudFront may hold for these changed or deleted keys: a page under its own address
    and under the object's (the router rewrites dir/ to dir/index.html); all of them as '/*' above
    the threshold (one path, where each path beyond 1,000 a month is billed)."""
    paths = []
    for key in sorted(keys):
        if rules.immutable.search(key):
            continue
        if key == INDEX or key.endswith("/" + INDEX):
            paths.append("/" + key[: -len(INDEX)])
        paths.append("/" + key)
    return ["/*"] if len(paths) > rules.invalidate_all_above else paths


def render(plan: Plan, bucket: str, distribution: str) -> str:
    lines = [f"publish plan for s3://{bucket} and distribution {distribution}:"]
    lines.append(f"  upload {len(plan.uploads)} file(s), in this order:")
    lines += [f"    {file.key}  ({file.content_type}; {file.cache_control})" for file in plan.uploads]
    lines.append(f"  delete {len(plan.deletions)} object(s):")
    lines += [f"    {key}" for key in plan.deletions]
    lines.append(f"  invalidate {len(plan.invalidations)} path(s), in one request:")
    lines += [f"    {path}" for path in plan.invalidations]
    lines.append(f"  unchanged: {plan.unchanged} file(s)")
    return "\n".join(lines)
