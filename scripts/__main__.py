"""The one entry point: `python -m scripts build | check | serve | preview | audit | screenshots | ...`.

Exit codes: 0 when everything is clean, 1 when the content has errors, 2 for a usage or
configuration error. A user's mistake is reported as `path:line:col: message`, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from scripts.findings import FORMATS, render
from scripts.project import ConfigError, Project, load_project

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXIT_CLEAN, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root).resolve()
    try:
        return args.command(args, root)
    except ConfigError as error:
        _report(error.findings, getattr(args, "format", "text"))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(PROJECT_ROOT), help="the project folder (default: %(default)s)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build both languages, check them, then replace site/")
    build.set_defaults(command=_build)
    check = commands.add_parser("check", help="build and check into a temporary folder; site/ is not touched")
    check.set_defaults(command=_check)
    for sub in (build, check):
        sub.add_argument("--format", choices=FORMATS, default="text", help="how to print findings")

    serve = commands.add_parser("serve", help="live preview of every language from one address, checked on change")
    serve.add_argument("--host", default="127.0.0.1", help="address to serve on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port; 0 picks a free one (default: %(default)s)")
    serve.set_defaults(command=_serve)

    preview = commands.add_parser("preview", help="serve the built site/ as its host will, under site_url's path")
    preview.add_argument("--port", type=int, default=8000,
                         help="port on 127.0.0.1; 0 picks a free one (default: %(default)s)")
    preview.set_defaults(command=_preview)

    audit = commands.add_parser("audit", help="Lighthouse and the Nu HTML Checker on the built site/: one table")
    audit.add_argument("--runs", type=int, default=3,
                       help="Lighthouse runs per page (prints the median performance)")
    audit.add_argument("--page", action="append", dest="pages", metavar="PATH",
                       help="a page to run Lighthouse on, in every language, as a path below site_url "
                            "(repeatable; default: the home page, EC2 and the glossary)")
    audit.set_defaults(command=_audit)

    screenshots = commands.add_parser("screenshots", help="screenshots of the built site/ in every language")
    screenshots.add_argument("--readme", action="store_true", help="also update the README's screenshot")
    screenshots.set_defaults(command=_screenshots)

    pdf = commands.add_parser("pdf", help="the whole course as one PDF per language, printed from the built "
                                          "site's print page in headless Chromium, into the site")
    pdf.set_defaults(command=_pdf)

    search_rank = commands.add_parser("search-rank", help="where the site's search puts the page that explains "
                                                         "each query of tests/search-learners.yml (figures)")
    search_rank.set_defaults(command=_search_rank)

    for sub in (build, audit, screenshots, pdf, search_rank):
        sub.add_argument("--site-dir", help="the site folder (default: the site_dir of mkdocs.yml)")

    bench = commands.add_parser("bench", help="time a bare MkDocs build against the validated build")
    bench.add_argument("--runs", type=int, default=5, help="runs of each (the median is printed)")
    bench.set_defaults(command=_bench)

    linkcheck = commands.add_parser("linkcheck", help="lychee fetches the external links, as lychee.toml says "
                                    "(needs the network)")
    linkcheck.add_argument("--format", choices=FORMATS, default="text", help="how to print findings")
    linkcheck.add_argument("--no-cache", action="store_true", help="ignore lychee's cache of earlier results")
    linkcheck.set_defaults(command=_linkcheck)

    examples = commands.add_parser("examples", help="run every aws command and Python example of every language "
                                                    "against moto on this machine: a report per page")
    examples.add_argument("pages", nargs="*", metavar="PATH", help="only these pages, as part/name.md "
                                                                   "(default: every page)")
    examples.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                          help="pages run at a time, each with its own moto (default: one per core)")
    examples.add_argument("--format", choices=FORMATS, default="text", help="how to print findings")
    examples.set_defaults(command=_examples)

    typography = commands.add_parser("typography", help="the typography findings of the pages, without a build; "
                                      "--fix rewrites their prose as the hints say")
    typography.add_argument("--fix", action="store_true", help="apply every fix in place and print it")
    typography.add_argument("--format", choices=FORMATS, default="text", help="how to print findings")
    typography.set_defaults(command=_typography)

    translations = commands.add_parser(
        "translations", help="the status of every translated page and, for an outdated one, what changed in "
                             "English since; --mark records a page as translated from the English text of now")
    translations.add_argument("pages", nargs="*", metavar="PATH", help="only these pages (default: every page)")
    translations.add_argument("--mark", action="append", default=[], metavar="PATH",
                              help="record the translations of this page as up to date (repeatable)")
    translations.add_argument("--mark-all", action="store_true",
                              help="record every translated page as up to date: for the first records")
    translations.add_argument("--diff", action="store_true",
                              help="for an outdated page, the diff of the English text since its record")
    translations.set_defaults(command=_translations)

    diagrams = commands.add_parser(
        "diagrams", help="draw the SVG diagrams of docs/diagrams.yml into docs/<lang>/assets/diagrams/"
    )
    diagrams.set_defaults(command=_diagrams)

    page = commands.add_parser("page", help="start a page in every language from the template, listed in the navs "
                                            "and in its part's index.md")
    page.add_argument("path", metavar="PART/NAME.md", help="the page's path below docs/<lang>/")
    page.add_argument("--kind", help="service (the service page template) or topic")
    page.add_argument("--title", help="the page's title")
    page.add_argument("--title-fr", help="its French title, when it differs")
    page.add_argument("--category", action="append", default=[], help="a category of a service page, in any "
                                                                      "language (repeatable)")
    page.add_argument("--after", metavar="PART/OTHER.md", help="the page to follow (default: the end of the part)")
    page.set_defaults(command=_page)

    notes = commands.add_parser("import", help="course notes become page pairs: each topic or service the site "
                                               "does not cover yet, listed in the navs and index pages")
    notes.add_argument("notes", metavar="NOTES", help="a Markdown notes file: '## Part', '### Topic', "
                                                     "'- **Service name**:' items")
    notes.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    notes.set_defaults(command=_import)

    publish = commands.add_parser("publish", help="build for the S3 and CloudFront hosting of infra/site.yaml, "
                                                  "then upload what changed, delete what left, invalidate once")
    publish.add_argument("--bucket", help="the site's bucket (with --distribution)")
    publish.add_argument("--distribution", help="the distribution's id (with --bucket)")
    publish.add_argument("--stack", help="a stack made from infra/site.yaml: its outputs name both")
    publish.add_argument("--site-url", help="the site's address (default: the stack's SiteUrl output, else "
                                            "https://<the distribution's domain>/)")
    publish.add_argument("--region", help="the AWS Region (default: the profile's or AWS_REGION)")
    publish.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    publish.add_argument("--no-pdf", action="store_true", help="leave out the course's PDFs (make pdf): the plan "
                                                               "then deletes those in the bucket")
    publish.set_defaults(command=_publish)
    infra = commands.add_parser("infra", help="write the page table into infra/router.js, and the router and "
                                              "the inline script hashes into infra/site.yaml")
    infra.set_defaults(command=_infra)
    return parser


def _build(args: argparse.Namespace, root: Path) -> int:
    from scripts.build import build_and_publish

    project = load_project(root)
    site_dir = _site_dir(args, project)
    outcome = build_and_publish(project, site_dir)
    _report(outcome.findings, args.format)
    if outcome.errors:
        _say(args.format, f"{outcome.errors} error(s): {project.display(site_dir)}/ left as it was")
        return EXIT_CONTENT
    _say(args.format, f"built and checked {len(project.languages)} languages into {project.display(site_dir)}/")
    return EXIT_CLEAN


def _check(args: argparse.Namespace, root: Path) -> int:
    from scripts.build import validate

    project = load_project(root)
    with tempfile.TemporaryDirectory(prefix="site-check-") as out_dir:
        outcome = validate(project, Path(out_dir))
    _report(outcome.findings, args.format)
    if outcome.errors:
        _say(args.format, f"{outcome.errors} error(s)")
    return EXIT_CONTENT if outcome.errors else EXIT_CLEAN


def _serve(args: argparse.Namespace, root: Path) -> int:
    from scripts.serve import serve

    return serve(root, args.host, args.port)


def _preview(args: argparse.Namespace, root: Path) -> int:
    from scripts.preview import start

    project = load_project(root)
    site_dir = _site_dir(args, project)
    if not (site_dir / "index.html").is_file():
        print(f"no site to preview in {project.display(site_dir)}/: run 'make build' first", file=sys.stderr)
        return EXIT_USAGE
    try:
        server, url = start(site_dir, project.site_url, args.port)
    except OSError as error:
        print(f"python -m scripts preview: cannot serve on port {args.port}: {error.strerror.lower()} "
              "(pick another port: PORT=8001 make preview)", file=sys.stderr)
        return EXIT_USAGE
    print(f"serving {project.display(site_dir)}/ at {url} (Ctrl+C to stop)")
    try:
        threading.Event().wait()  # the server runs in its own thread until Ctrl+C
    finally:
        server.shutdown()
    return EXIT_CLEAN


def _audit(args: argparse.Namespace, root: Path) -> int:
    from scripts.audit import PAGES, run

    project = load_project(root)
    return run(project, _site_dir(args, project), max(1, args.runs), tuple(args.pages or PAGES))


def _screenshots(args: argparse.Namespace, root: Path) -> int:
    from scripts.screenshots import run

    project = load_project(root)
    return run(project, _site_dir(args, project), args.readme)


def _pdf(args: argparse.Namespace, root: Path) -> int:
    from scripts.pdf import run

    project = load_project(root)
    return run(project, _site_dir(args, project))


def _search_rank(args: argparse.Namespace, root: Path) -> int:
    from scripts.search_rank import run

    project = load_project(root)
    return run(project, _site_dir(args, project))


def _bench(args: argparse.Namespace, root: Path) -> int:
    from scripts.bench import run

    return run(load_project(root), args.runs)


def _examples(args: argparse.Namespace, root: Path) -> int:
    from scripts.examples.report import render, run
    from scripts.examples.sandbox import SandboxError
    from scripts.findings import count_errors

    try:
        report = run(load_project(root), args.pages, max(1, args.workers))
    except SandboxError as error:
        print(f"python -m scripts examples: {error}", file=sys.stderr)
        return EXIT_USAGE
    _report(report.findings, args.format)
    if args.format != "json":
        print(render(report))
    return EXIT_CONTENT if count_errors(report.findings) else EXIT_CLEAN


def _linkcheck(args: argparse.Namespace, root: Path) -> int:
    from scripts.findings import count_errors
    from scripts.linkcheck import run

    findings = run(load_project(root), use_cache=not args.no_cache)
    _report(findings, args.format)
    return EXIT_CONTENT if count_errors(findings) else EXIT_CLEAN


def _typography(args: argparse.Namespace, root: Path) -> int:
    from scripts.checks.typography import fix_project

    findings = fix_project(load_project(root), write=args.fix)
    _report(findings, args.format)
    files = len({finding.path for finding in findings})
    if args.fix:
        _say(args.format, f"{len(findings)} fix(es) in {files} file(s)")
        return EXIT_CLEAN
    if findings:
        _say(args.format, f"{len(findings)} error(s) in {files} file(s): --fix applies the hints")
    return EXIT_CONTENT if findings else EXIT_CLEAN


def _translations(args: argparse.Namespace, root: Path) -> int:
    from scripts.translations import run

    return run(load_project(root), args.pages, args.mark, args.mark_all, args.diff)


def _diagrams(args: argparse.Namespace, root: Path) -> int:
    from scripts.diagrams import DiagramError, generate

    docs = root / "docs"
    try:
        outputs = generate(docs / "diagrams.yml", docs)
    except DiagramError as error:
        print(f"python -m scripts diagrams: {error}", file=sys.stderr)
        return EXIT_USAGE
    changed = [output.path for output in outputs if output.changed]
    for path in changed:
        print(f"wrote {path.relative_to(root).as_posix()}")
    print(f"{len(outputs)} diagram files, {len(changed)} rewritten", file=sys.stderr)
    return EXIT_CLEAN


def _page(args: argparse.Namespace, root: Path) -> int:
    from scripts.page import PageError, Request, scaffold

    project = load_project(root)
    titles = {"fr": args.title_fr} if args.title_fr else {}
    categories = [name.strip() for value in args.category for name in value.split(",") if name.strip()]
    try:
        written = scaffold(project, Request(args.path, args.kind, args.title, titles, categories, args.after))
    except PageError as error:
        print(f"python -m scripts page: {error}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {project.display(path)}")
    return EXIT_CLEAN


def _import(args: argparse.Namespace, root: Path) -> int:
    from scripts.importer import NotesError, PageError, run

    if not args.notes.strip():
        print("python -m scripts import: no notes file given (make import NOTES=path/to/notes.md)", file=sys.stderr)
        return EXIT_USAGE
    project = load_project(root)
    try:
        return run(project, Path(args.notes), args.dry_run)
    except (NotesError, PageError) as error:
        print(f"python -m scripts import: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"python -m scripts import: cannot write {error.filename}: {(error.strerror or '').lower()} "
              "(nothing was changed)", file=sys.stderr)
        return EXIT_USAGE


def _publish(args: argparse.Namespace, root: Path) -> int:
    from scripts.publish import Options, run

    options = Options(args.bucket, args.distribution, args.stack, args.site_url, args.region, args.dry_run,
                      pdf=not args.no_pdf)
    return run(load_project(root), options)


def _infra(args: argparse.Namespace, root: Path) -> int:
    from scripts.publish.infra import write

    project = load_project(root)
    try:
        changed = write(project)
    except (OSError, ValueError) as error:
        print(f"python -m scripts infra: {error}", file=sys.stderr)
        return EXIT_CONTENT
    for path in changed:
        print(f"wrote {project.display(path)}")
    print(f"{len(changed)} file(s) rewritten: update the stack when infra/site.yaml changed", file=sys.stderr)
    return EXIT_CLEAN


def _site_dir(args: argparse.Namespace, project: Project) -> Path:
    """--site-dir if given, else the site_dir of mkdocs.yml."""
    return Path(args.site_dir).resolve() if getattr(args, "site_dir", None) else Path(project.default.config.site_dir)


def _report(findings, fmt: str) -> None:
    if findings or fmt == "json":
        print(render(findings, fmt))


def _say(fmt: str, message: str) -> None:
    """A closing line for people; kept out of the JSON report so that it stays parseable."""
    if fmt != "json":
        print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
