"""`python -m scripts publish` against moto in server mode, on 127.0.0.1, with fake keys: the stack's
outputs, a first publish, a second that sends only what changed, and the one-line errors.

moto's CloudFormation creates the template's bucket (AWS::S3::Bucket, with its encryption only) but
none of its CloudFront resources (Distribution, OriginAccessControl, Function, ResponseHeadersPolicy),
nor the bucket policy (AWS::S3::BucketPolicy): the test creates the origin access control and the
distribution with boto3, and the stack from the template's bucket and outputs, with the
distribution's id as a parameter.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import botocore.exceptions
import pytest

from scripts.examples.sandbox import FAKE_KEYS, REGION, Moto
from scripts.publish import infra
from scripts.publish.plan import LocalFile, Rules, make_plan
from scripts.publish.remote import describe
from tests.conftest import Project, page
from tests.support import REPO

pytestmark = pytest.mark.moto

STACK = "site"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, s-maxage=86400, must-revalidate"
MOTO_DEPLOYS = {"AWS::S3::Bucket"}  # of the template's resource types, the ones moto's CloudFormation creates


def aws_environment(monkeypatch: pytest.MonkeyPatch, url: str, home: Path) -> None:
    """A shell that knows nothing of a real account: fake keys, no profile, moto as the endpoint."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", url)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    for name, value in FAKE_KEYS.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="module")
def moto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Moto]:
    server = Moto(tmp_path_factory.mktemp("moto") / "moto.log")
    yield server
    server.close()


@pytest.fixture
def aws(moto: Moto, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Moto:
    moto.reset()
    aws_environment(monkeypatch, moto.url, tmp_path)
    return moto


@pytest.fixture
def site_project(project: Project) -> Project:
    """The small two-page project of conftest, with the repository's infra/ (the template's policy)."""
    (project.root / "infra").symlink_to(REPO / "infra", target_is_directory=True)
    return project


def create_hosting() -> tuple[str, str]:
    """The template's bucket through CloudFormation, the distribution through boto3: (bucket, distribution)."""
    template = infra.load_template(REPO / "infra" / "site.yaml")
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    cloudfront = boto3.client("cloudfront")
    oac = cloudfront.create_origin_access_control(OriginAccessControlConfig={
        "Name": "site", "SigningProtocol": "sigv4", "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"})
    distribution = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": "site", "Comment": "site", "Enabled": True, "HttpVersion": config["HttpVersion"],
        "DefaultRootObject": config["DefaultRootObject"],
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "site", "DomainName": "placeholder.s3.us-east-1.amazonaws.com",
            "OriginAccessControlId": oac["OriginAccessControl"]["Id"],
            "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "site", "ViewerProtocolPolicy": config["DefaultCacheBehavior"]["ViewerProtocolPolicy"],
            "Compress": True, "CachePolicyId": config["DefaultCacheBehavior"]["CachePolicyId"]},
    })["Distribution"]["Id"]
    resources = {name: item for name, item in template["Resources"].items() if item["Type"] in MOTO_DEPLOYS}
    stack = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"Distribution": {"Type": "String"}},
             "Resources": resources,
             "Outputs": {"BucketName": template["Outputs"]["BucketName"],
                         "DistributionId": {"Value": {"Ref": "Distribution"}}}}
    formation = boto3.client("cloudformation")
    formation.create_stack(StackName=STACK, TemplateBody=json.dumps(stack),
                           Parameters=[{"ParameterKey": "Distribution", "ParameterValue": distribution}])
    outputs = formation.describe_stacks(StackName=STACK)["Stacks"][0]["Outputs"]
    bucket = next(output["OutputValue"] for output in outputs if output["OutputKey"] == "BucketName")
    return bucket, distribution


def sections(output: str) -> dict[str, list[str]]:
    """The plan that publish prints: each list ('upload', 'delete', 'invalidate') with its items."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in output.splitlines():
        if line.startswith("  ") and not line.startswith("    "):
            current = found.setdefault(line.split()[0], [])
        elif line.startswith("    "):
            current.append(line.strip())
    return found


def keys(lines: list[str]) -> list[str]:
    return [line.split("  (")[0] for line in lines]


def test_the_stack_creates_the_encrypted_bucket_of_the_template(aws: Moto) -> None:
    """moto applies a bucket's encryption and tags only: versioning and Block Public Access are
    checked in the template itself (tests/test_infra.py)."""
    bucket, _ = create_hosting()
    s3 = boto3.client("s3")
    (rule,) = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"


def test_publish_sends_only_what_changed_with_its_headers_then_invalidates_once(
        aws: Moto, site_project: Project) -> None:
    bucket, distribution = create_hosting()
    s3, cloudfront = boto3.client("s3"), boto3.client("cloudfront")

    dry = site_project.run("publish", "--no-pdf", "--stack", STACK, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    planned = keys(sections(dry.stdout)["upload"])
    assert "index.html" in planned and "fr/guide/index.html" in planned
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0, "a dry run writes nothing"
    groups = [0 if not key.endswith(".html") else 1 for key in planned if not key.endswith(("sitemap.xml",
              "sitemap.xml.gz", "search_index.json"))]
    assert groups == sorted(groups), "the files pages use go up before the pages"
    assert planned[-1].endswith(("sitemap.xml", "sitemap.xml.gz", "search_index.json"))

    first = site_project.run("publish", "--no-pdf", "--stack", STACK)
    assert first.returncode == 0, first.stderr
    assert keys(sections(first.stdout)["upload"]) == planned
    assert sections(first.stdout)["invalidate"] == [], "nothing was there to forget"
    headers = {key: s3.head_object(Bucket=bucket, Key=key) for key in (
        "guide/index.html", "sitemap.xml", "search/search_index.json", "assets/images/logo.svg")}
    assert {key: (head["ContentType"], head["CacheControl"]) for key, head in headers.items()} == {
        "guide/index.html": ("text/html; charset=utf-8", REVALIDATE),
        "sitemap.xml": ("application/xml; charset=utf-8", REVALIDATE),
        "search/search_index.json": ("application/json; charset=utf-8", REVALIDATE),
        "assets/images/logo.svg": ("image/svg+xml", REVALIDATE),
    }
    (bundle,) = [key for key in planned if key.startswith("assets/javascripts/bundle.") and key.endswith(".js")]
    bundle_head = s3.head_object(Bucket=bucket, Key=bundle)
    assert (bundle_head["ContentType"], bundle_head["CacheControl"]) == ("text/javascript; charset=utf-8", IMMUTABLE)
    page_text = s3.get_object(Bucket=bucket, Key="fr/404.html")["Body"].read().decode()
    assert 'new URL("/fr/",location)' in page_text, "built for the distribution's root, not for GitHub Pages"

    s3.put_object(Bucket=bucket, Key="old/index.html", Body=b"a page the site no longer has")
    site_project.write("en/guide.md", page("Guide", "## Pricing { #pricing }\n\nA changed text."))
    second = site_project.run("publish", "--no-pdf", "--stack", STACK)
    assert second.returncode == 0, second.stderr
    plan = sections(second.stdout)
    uploaded = keys(plan["upload"])
    assert "guide/index.html" in uploaded and "search/search_index.json" in uploaded
    others = [key for key in uploaded if key != "guide/index.html"]
    assert all(b"A changed text" in s3.get_object(Bucket=bucket, Key=key)["Body"].read() for key in others), (
        "besides the page, only the files that gather every page's text (search index, print page)")
    assert plan["delete"] == ["old/index.html"]
    expected = ["/guide/", "/guide/index.html", "/old/", "/old/index.html"]
    expected += ["/" + key for key in others]
    expected += ["/" + key[: -len("index.html")] for key in others if key.endswith("/index.html")]
    assert sorted(plan["invalidate"]) == sorted(expected)
    invalidations = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]
    assert invalidations["Quantity"] == 1, "one request"
    print(dry.stdout, second.stdout, sep="\n--- second publish ---\n")  # shown with pytest -s


def test_a_missing_bucket_is_one_line_and_nothing_is_built(aws: Moto, site_project: Project) -> None:
    _, distribution = create_hosting()
    started = time.monotonic()
    result = site_project.run("publish", "--no-pdf", "--bucket", "no-such-bucket", "--distribution", distribution)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "python -m scripts publish: bucket no-such-bucket does not exist (or is in another account): "
        "check the name, or the stack's outputs"]
    assert time.monotonic() - started < 5, "checked before the build"
    assert not (site_project.root / "site").exists()


def test_a_missing_stack_or_distribution_is_one_line(aws: Moto, site_project: Project) -> None:
    bucket, _ = create_hosting()
    no_stack = site_project.run("publish", "--no-pdf", "--stack", "no-such-stack")
    no_distribution = site_project.run("publish", "--no-pdf", "--bucket", bucket, "--distribution", "E0000000000000")
    assert (no_stack.returncode, no_distribution.returncode) == (1, 1)
    assert len(no_stack.stderr.strip().splitlines()) == 1 and "stack no-such-stack" in no_stack.stderr
    assert no_distribution.stderr.strip() == ("python -m scripts publish: distribution E0000000000000 does not "
                                              "exist: check the id, or the stack's outputs")


def test_missing_credentials_are_one_line(aws: Moto, site_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in FAKE_KEYS:
        monkeypatch.delenv(name)
    result = site_project.run("publish", "--no-pdf", "--stack", STACK)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "python -m scripts publish: no AWS credentials found: sign in (aws sso login, or aws configure) or set "
        "AWS_PROFILE; publish uses the standard credential chain"]


def test_denied_access_is_one_line(tmp_path: Path, site_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A moto that checks credentials from its first request: the fake keys belong to no IAM user."""
    monkeypatch.setenv("INITIAL_NO_AUTH_ACTION_COUNT", "0")
    strict = Moto(tmp_path / "moto.log")
    try:
        aws_environment(monkeypatch, strict.url, tmp_path)
        result = site_project.run("publish", "--no-pdf", "--bucket", "site", "--distribution", "E0000000000000")
    finally:
        strict.close()
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("python -m scripts publish: access denied to bucket site (")
    assert "PublisherPolicyArn" in line


def test_usage_errors_exit_2(site_project: Project) -> None:
    for args in ((), ("--bucket", "b"), ("--stack", "s", "--bucket", "b")):
        result = site_project.run("publish", "--no-pdf", *args)
        assert result.returncode == 2, args
        assert result.stderr.strip() == ("python -m scripts publish: give --bucket and --distribution, or --stack "
                                         "(whose outputs name them)")


def test_aws_errors_read_as_one_line() -> None:
    denied = botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied", "Message": "Access Denied"}},
                                             "PutObject")
    assert describe(denied, "bucket site") == ("access denied to bucket site (AccessDenied): the PublisherPolicyArn "
                                               "output of the stack (infra/site.yaml) lists what publish needs")
    assert "\n" not in describe(botocore.exceptions.EndpointConnectionError(endpoint_url="https://s3"), "bucket b")


def test_a_plan_orders_uploads_and_invalidates_only_what_readers_may_hold(tmp_path: Path) -> None:
    rules = Rules(re.compile(r"\.[0-9a-f]{8}\.min\.js$"), IMMUTABLE, REVALIDATE,
                  ("sitemap.xml",), invalidate_all_above=3)
    local = {key: LocalFile(key, tmp_path / key, md5, "", "") for key, md5 in (
        ("index.html", "new"), ("a/index.html", "same"), ("sitemap.xml", "new"), ("main.0123abcd.min.js", "new"),
        ("theme.css", "new"))}
    remote = {"index.html": "old", "a/index.html": "same", "main.89abcdef.min.js": "old", "theme.css": "old"}
    plan = make_plan(local, remote, rules)
    assert [file.key for file in plan.uploads] == ["main.0123abcd.min.js", "theme.css", "index.html", "sitemap.xml"]
    assert plan.deletions == ["main.89abcdef.min.js"]
    assert plan.invalidations == ["/", "/index.html", "/theme.css"]  # the new sitemap was never cached
    assert plan.unchanged == 1
    remote["sitemap.xml"] = "old"
    assert make_plan(local, remote, rules).invalidations == ["/*"], "above the threshold: one path"
