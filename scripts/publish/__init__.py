"""`python -m scripts publish`: the site to the S3 bucket and CloudFront distribution of infra/site.yaml.

Steps: find the bucket and the distribution (arguments, or the outputs of a stack) and check that
they answer; build and check the site for its address there (the validated build); check that the
template's content security policy allows the site's inline scripts; plan what changed against the
bucket's listing (scripts/publish/plan.py); then upload, delete and invalidate, in the order that
never shows a page pointing at a missing file (scripts/publish/remote.py). `--dry-run` stops after
the plan. Exit codes: 0 done, 1 the site or AWS said no (one line), 2 a usage error.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.findings import render
from scripts.project import Project
from scripts.publish import infra
from scripts.publish.plan import RulesError, load_rules, local_files, make_plan
from scripts.publish.plan import render as render_plan
from scripts.publish.remote import Aws, PublishError, Target, apply, remote_etags, resolve

EXIT_CLEAN, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Options:
    bucket: str | None
    distribution: str | None
    stack: str | None
    site_url: str | None = None
    region: str | None = None
    dry_run: bool = False
    pdf: bool = True  # make the course's PDFs, which every page's footer links to (scripts/pdf.py)


def run(project: Project, options: Options) -> int:
    by_stack = options.stack and not (options.bucket or options.distribution)
    by_name = not options.stack and options.bucket and options.distribution
    if not (by_stack or by_name):
        _error("give --bucket and --distribution, or --stack (whose outputs name them)")
        return EXIT_USAGE
    try:
        rules = load_rules(project)
        aws = Aws(options.region)
        target = resolve(aws, options.bucket, options.distribution, options.stack, options.site_url)
        with tempfile.TemporaryDirectory(prefix="site-publish-") as out:
            site = Path(out)
            if not _build(project, site, target):
                return EXIT_FAILED
            _check_policy(project, site)
            if options.pdf:
                _render_pdfs(project, site)
            plan = make_plan(local_files(site, rules), remote_etags(aws, target.bucket), rules)
            print(render_plan(plan, target.bucket, target.distribution))
            if options.dry_run:
                _say("dry run: nothing was written")
                return EXIT_CLEAN
            invalidation = apply(aws, target, plan, _say)
    except (PublishError, RulesError) as error:
        _error(str(error))
        return EXIT_FAILED
    _say(f"published {target.site_url}: {len(plan.uploads)} uploaded, {len(plan.deletions)} deleted, "
         + (f"invalidation {invalidation}" if invalidation else "nothing to invalidate"))
    return EXIT_CLEAN


def _build(project: Project, site: Path, target: Target) -> bool:
    """The validated build, for the site's address on the distribution; False (and the findings
    printed) when it has errors."""
    from scripts.build import validate

    _say(f"building for {target.site_url}")
    outcome = validate(project, site, **infra.hosted_overrides(project, target.site_url))
    if outcome.errors:
        print(render(outcome.findings, "text"))
        _error(f"{outcome.errors} error(s) in the site: nothing was published")
    return not outcome.errors


def _render_pdfs(project: Project, site: Path) -> None:
    """The PDFs are made from the built site, like `make pdf` does, before the plan: without them, the
    plan would delete the ones in the bucket and the footer's links would break."""
    from scripts.pdf import PdfError, render

    try:
        for rendered in render(project, site):
            _say(f"{rendered.path.relative_to(site)}: {rendered.pages} pages")
    except PdfError as error:
        raise PublishError(str(error)) from error


def _check_policy(project: Project, site: Path) -> None:
    """A page whose inline scripts the content security policy blocks would break in every browser."""
    template = infra.infra_dir(project) / infra.TEMPLATE
    blocked = infra.not_allowed(site, infra.content_security_policy(template.read_text(encoding="utf-8")))
    if blocked:
        digest, page = next(iter(blocked.items()))
        raise PublishError(f"{project.display(template)}: the content security policy blocks {len(blocked)} inline "
                           f"script(s) of the site ({digest} in {page}): run python -m scripts infra, then update "
                           "the stack")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _error(message: str) -> None:
    print(f"python -m scripts publish: {message}", file=sys.stderr)
