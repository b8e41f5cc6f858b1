"""`make examples`: broken examples are caught at their page and line, against a real moto server.

One throwaway project holds a page per kind of mistake; its examples run once (a moto server, the
fork servers and the pages take a few seconds), and each test reads its page's part of the report.
The real site's examples run in `make test` itself, through `make examples`.
"""

from __future__ import annotations

import pytest

from scripts.examples.report import Report, render, run
from scripts.project import load_project
from tests.conftest import empty_project, page

pytestmark = pytest.mark.moto

CLI, PYTHON = "```bash\n{}\n```", "```python\n{}\n```"
PAGES = {
    "good.md": "\n\n".join((
        CLI.format('BUCKET=good-bucket\naws s3 mb "s3://$BUCKET"\necho hello > hello.txt\n'
                   'aws s3 cp hello.txt "s3://$BUCKET/hello.txt"'),
        CLI.format('aws s3 rb "s3://$BUCKET" --force'),  # the variable of the block before
        PYTHON.format('import boto3\n\ns3 = boto3.client("s3")\nprint(s3.list_buckets()["Buckets"])'),
        '```{ .json data-output-of="aws sts get-caller-identity" }\n'
        '{"UserId": "AIDAEXAMPLE", "Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/lisa"}\n```',
        '```{ .yaml title="settings.yaml" }\nname: demo\n```',
        PYTHON.format('from pathlib import Path\n\nprint(Path("settings.yaml").read_text())'),
        '```{ .bash data-excused="moto" }\naws freetier get-account-plan-state\n```',
        '```{ .bash data-expected-error="DryRunOperation" }\n'
        'aws ec2 run-instances --dry-run --image-id ami-12c6146b --instance-type t3.micro\n```',
        '```bash\naws lambda list-functions --cli-binary-format raw-in-base64-out\n```',
    )),
    "misspelled-method.md": PYTHON.format('import boto3\n\ns3 = boto3.client("s3")\nprint(s3.list_bucket())'),
    "unknown-flag.md": CLI.format("aws sts get-caller-identity\naws s3 ls --recursve"),
    "left-behind.md": CLI.format("aws s3 mb s3://left-behind\naws s3 ls"),
    "internet.md": PYTHON.format('import urllib.request\n\nurllib.request.urlopen("https://example.com/")'),
    "wrong-sample.md": '```{ .json data-output-of="aws sts get-caller-identity" }\n'
                       '{"User": "lisa", "Account": "111122223333"}\n```',
    "stops.md": CLI.format("aws s3 rb s3://no-such-bucket") + "\n\n" + PYTHON.format("print('never run')"),
    "v2-value.md": CLI.format("aws lambda list-functions --cli-binary-format raw"),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    project = empty_project(tmp_path_factory.mktemp("examples") / "project")
    project.write("en/index.md", page("Home"))
    project.write("fr/index.md", page("Accueil"))
    for name, body in PAGES.items():
        project.write(f"en/{name}", page(name, body))
    return run(load_project(project.root), workers=2)


def findings_of(report: Report, name: str) -> list[tuple[int, str, str]]:
    return [(finding.line, finding.code, finding.message) for finding in report.findings
            if finding.path == f"docs/en/{name}"]


def statuses(report: Report, name: str) -> list[str]:
    (result,) = [page for page in report.pages if page.uri == name]
    return [block.status for block in result.results]


def test_a_good_page_runs_in_order_with_its_files_and_excuses(report: Report) -> None:
    assert findings_of(report, "good.md") == []
    assert statuses(report, "good.md") == ["passed", "passed", "passed", "passed", "excused", "passed", "passed"]
    (good,) = [result for result in report.pages if result.uri == "good.md"]
    assert "name: demo" in good.results[3].output  # the file the YAML block saved, read by the next block


def test_v2_only_syntax_is_counted_with_its_source(report: Report) -> None:
    (good,) = [result for result in report.pages if result.uri == "good.md"]
    assert [(item["option"], item["value"]) for item in good.v2_syntax] == [("--cli-binary-format",
                                                                             "raw-in-base64-out")]
    assert "AWS CLI v2 syntax run on v1: --cli-binary-format raw-in-base64-out, once" in render(report)


def test_a_misspelled_boto3_method_is_reported_at_its_line(report: Report) -> None:
    ((line, code, message),) = findings_of(report, "misspelled-method.md")
    assert (line, code) == (12, "example")  # the block opens on line 8: its fourth line
    assert "s3.list_bucket()" in message and "has no attribute 'list_bucket'" in message


def test_an_unknown_cli_flag_is_reported_at_its_line(report: Report) -> None:
    ((line, code, message),) = findings_of(report, "unknown-flag.md")
    assert (line, code) == (10, "example")
    assert "aws s3 ls --recursve" in message and "Unknown options: --recursve" in message


def test_a_cleanup_that_leaves_a_bucket_is_reported(report: Report) -> None:
    ((line, code, message),) = findings_of(report, "left-behind.md")
    assert (line, code) == (8, "example-cleanup")
    assert "S3 bucket left-behind" in message


def test_a_request_to_the_internet_is_trapped_and_reported_at_its_block(report: Report) -> None:
    found = findings_of(report, "internet.md")
    assert [(line, code) for line, code, _ in found] == [(11, "example"), (8, "example-network")]
    assert "tried to reach example.com:443, outside this machine" in found[1][2]


def test_a_sample_without_the_real_keys_is_reported(report: Report) -> None:
    ((line, code, message),) = findings_of(report, "wrong-sample.md")
    assert (line, code) == (8, "example-output")
    assert "also prints Arn, UserId" in message and "never prints User" in message


def test_a_failure_stops_the_page_as_it_stops_its_reader(report: Report) -> None:
    ((line, code, message),) = findings_of(report, "stops.md")
    assert (line, code) == (9, "example")
    assert "NoSuchBucket" in message
    assert statuses(report, "stops.md") == ["failed", "not run"]


def test_a_wrong_value_of_a_v2_option_fails(report: Report) -> None:
    ((_, code, message),) = findings_of(report, "v2-value.md")
    assert code == "example" and "--cli-binary-format takes one of base64, raw-in-base64-out" in message


def test_the_report_counts_each_page_and_the_excused_blocks_by_reason(report: Report) -> None:
    text = render(report)
    assert "en good.md" in text and "excused, moto (moto lacks an operation it calls): 1" in text
    assert "  docs/en/good.md:" in text
