"""infra/: the CloudFormation template passes cfn-lint, holds what the hosting promises, and its
CloudFront Function (run in Node.js, as CloudFront's runtime would) routes every kind of path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.project import load_project
from scripts.publish import infra
from tests.support import REPO

TEMPLATE_PATH = REPO / "infra" / "site.yaml"
RUN_HANDLER = r"""
const fs = require("fs"), vm = require("vm");
const handler = vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8") + "\n;handler");
const event = (type, uri, response) => ({version: "1.0", context: {eventType: type}, viewer: {ip: "192.0.2.1"},
  request: {method: "GET", uri: uri, querystring: {}, headers: {}, cookies: {}}, response: response});
const results = JSON.parse(fs.readFileSync(0, "utf8")).map(uri => {
  const request = handler(event("viewer-request", uri));
  if (request.statusCode) return {status: request.statusCode, location: request.headers.location.value};
  const response = handler(event("viewer-response", uri, {statusCode: 200, statusDescription: "OK", headers: {}}));
  return {uri: request.uri, status: response.statusCode};
});
process.stdout.write(JSON.stringify(results));
"""


@pytest.fixture(scope="module")
def template() -> dict:
    return infra.load_template(TEMPLATE_PATH)


def resource(template: dict, kind: str) -> dict:
    (found,) = [item["Properties"] for item in template["Resources"].values() if item["Type"] == kind]
    return found


def test_the_template_passes_cfn_lint() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(TEMPLATE_PATH)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_template_holds_the_router_and_the_router_knows_every_page() -> None:
    project = load_project(REPO)
    router = (REPO / "infra" / "router.js").read_text(encoding="utf-8")
    assert router == infra.router_source(project), "run python -m scripts infra: the nav changed"
    code = infra.load_template(TEMPLATE_PATH)["Resources"]["Router"]["Properties"]["FunctionCode"]
    assert code == router, "run python -m scripts infra: infra/router.js changed"


def test_the_bucket_is_private_encrypted_and_versioned(template: dict) -> None:
    bucket = resource(template, "AWS::S3::Bucket")
    assert set(bucket["PublicAccessBlockConfiguration"].values()) == {True}
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"  # ETag = MD5: see plan.py
    assert bucket["VersioningConfiguration"]["Status"] == "Enabled"
    statements = resource(template, "AWS::S3::BucketPolicy")["PolicyDocument"]["Statement"]
    assert [(s["Effect"], s["Principal"]) for s in statements] == [
        ("Allow", {"Service": "cloudfront.amazonaws.com"}), ("Deny", "*")]


def test_the_distribution_is_https_only_compressed_and_reaches_s3_through_oac(template: dict) -> None:
    config = resource(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    (origin,) = config["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["OriginAccessControl", "Id"]}
    assert config["HttpVersion"] == "http2and3"
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behavior["Compress"] is True
    assert [association["EventType"] for association in behavior["FunctionAssociations"]] == [
        "viewer-request", "viewer-response"]
    assert set(template["Parameters"]) >= {"DomainName", "CertificateArn"}


def test_the_response_headers_policy_sets_the_security_headers(template: dict) -> None:
    headers = resource(template, "AWS::CloudFront::ResponseHeadersPolicy")["ResponseHeadersPolicyConfig"]
    security = headers["SecurityHeadersConfig"]
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert "ContentTypeOptions" in security
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
    policy = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy


def test_the_content_security_policy_allows_every_inline_script_of_the_site(real_site: Path) -> None:
    """The real site is built for GitHub Pages: its pages run the scripts the distribution serves,
    except the 404 pages, which name site_url's path (publish checks those on its own build)."""
    policy = infra.content_security_policy(TEMPLATE_PATH.read_text(encoding="utf-8"))
    blocked = {digest: page for digest, page in infra.not_allowed(real_site, policy).items()
               if not page.endswith("404.html")}
    assert blocked == {}, "run python -m scripts infra, then update the stack"


ROUTES = {
    "/": {"uri": "/index.html", "status": 200},
    "/fr/": {"uri": "/fr/index.html", "status": 200},
    "/core-services/s3/": {"uri": "/core-services/s3/index.html", "status": 200},
    "/fr/core-services/s3/": {"uri": "/fr/core-services/s3/index.html", "status": 200},
    "/core-services/s3": {"status": 301, "location": "/core-services/s3/"},
    "/fr": {"status": 301, "location": "/fr/"},
    "/assets/stylesheets/theme.css": {"uri": "/assets/stylesheets/theme.css", "status": 200},
    "/fr/sitemap.xml": {"uri": "/fr/sitemap.xml", "status": 200},
    "/no/such/page/": {"uri": "/404.html", "status": 404},
    "/core-services/nothing": {"uri": "/404.html", "status": 404},
    "/fr/pas/de/page/": {"uri": "/fr/404.html", "status": 404},
    "/fr/core-services/rien": {"uri": "/fr/404.html", "status": 404},
    "/404.html": {"uri": "/404.html", "status": 404},
}


def test_the_router_serves_pages_files_and_the_404_page_of_each_language(template: dict, tmp_path: Path) -> None:
    function = tmp_path / "router.js"
    function.write_text(template["Resources"]["Router"]["Properties"]["FunctionCode"], encoding="utf-8")
    result = subprocess.run(["node", "-e", RUN_HANDLER, str(function)], input=json.dumps(list(ROUTES)),
                            capture_output=True, text=True, check=True)
    assert dict(zip(ROUTES, json.loads(result.stdout), strict=True)) == ROUTES
