"""The AWS side of a publish: where to (arguments or a stack's outputs), the checks made before any
write, the bucket's listing, and the writes themselves, in the order scripts/publish/plan.py sets.

boto3 finds the credentials the standard way (environment, profile, SSO, the role of the machine):
nothing here reads or stores a key. Every AWS error becomes one line (PublishError).
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass

import boto3
import botocore.exceptions

from scripts.publish.plan import Plan

OUTPUT_BUCKET, OUTPUT_DISTRIBUTION, OUTPUT_SITE_URL = "BucketName", "DistributionId", "SiteUrl"
PUBLISHER_POLICY = "the PublisherPolicyArn output of the stack (infra/site.yaml) lists what publish needs"
DENIED = frozenset({"AccessDenied", "AccessDeniedException", "403", "Forbidden", "InvalidAccessKeyId",
                    "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException"})
MISSING_BUCKET = frozenset({"NoSuchBucket", "404", "NotFound"})


class PublishError(Exception):
    """Publishing cannot go on: the one line to print."""


@dataclass(frozen=True)
class Target:
    bucket: str
    distribution: str
    site_url: str  # where readers find the site: the site is built for it


class Aws:
    """The clients a publish uses, from one boto3 session (the standard credential chain)."""

    def __init__(self, region: str | None = None) -> None:
        try:
            session = boto3.Session(region_name=region)
            self.s3 = session.client("s3")
            self.cloudfront = session.client("cloudfront")
            self.cloudformation = session.client("cloudformation")
        except botocore.exceptions.BotoCoreError as error:
            raise PublishError(describe(error, "AWS")) from None


def resolve(aws: Aws, bucket: str | None, distribution: str | None, stack: str | None,
            site_url: str | None) -> Target:
    """The bucket, the distribution and the site's address: given, or read from the stack's outputs;
    checked before anything is built or written (credentials, bucket, distribution)."""
    if stack:
        outputs = _outputs(aws, stack)
        bucket, distribution = outputs.get(OUTPUT_BUCKET), outputs.get(OUTPUT_DISTRIBUTION)
        site_url = site_url or outputs.get(OUTPUT_SITE_URL)
        if not bucket or not distribution:
            raise PublishError(f"stack {stack} has no {OUTPUT_BUCKET} and {OUTPUT_DISTRIBUTION} outputs: "
                               "was it created from infra/site.yaml?")
    if not bucket or not distribution:
        raise PublishError("give a bucket and a distribution, or a stack")
    _call(lambda: aws.s3.head_bucket(Bucket=bucket), f"bucket {bucket}")
    domain = _call(lambda: aws.cloudfront.get_distribution(Id=distribution),
                   f"distribution {distribution}")["Distribution"]["DomainName"]
    return Target(bucket, distribution, site_url or f"https://{domain}/")


def remote_etags(aws: Aws, bucket: str) -> dict[str, str]:
    """Every key of the bucket with its ETag, unquoted (the MD5 of its content)."""
    def listing() -> dict[str, str]:
        etags = {}
        for page in aws.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            etags.update({item["Key"]: item["ETag"].strip('"') for item in page.get("Contents", [])})
        return etags
    return _call(listing, f"bucket {bucket}")


def apply(aws: Aws, target: Target, plan: Plan, say: Callable[[str], None]) -> str | None:
    """Upload, delete, then invalidate, in that order (see scripts/publish/plan.py); return the
    invalidation's id, if one was made."""
    where = f"bucket {target.bucket}"
    for file in plan.uploads:
        _call(lambda file=file: aws.s3.put_object(
            Bucket=target.bucket, Key=file.key, Body=file.path.read_bytes(), ContentType=file.content_type,
            CacheControl=file.cache_control, ContentMD5=_base64_md5(file.md5)), where)
        say(f"uploaded {file.key}")
    for start in range(0, len(plan.deletions), 1000):  # DeleteObjects takes 1,000 keys at most
        batch = plan.deletions[start:start + 1000]
        result = _call(lambda batch=batch: aws.s3.delete_objects(
            Bucket=target.bucket, Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True}), where)
        if result.get("Errors"):
            error = result["Errors"][0]
            raise PublishError(f"{where}: cannot delete {error['Key']}: {error.get('Code')} ({error.get('Message')})")
        say(f"deleted {len(batch)} object(s)")
    if not plan.invalidations:
        return None
    batch = {"Paths": {"Quantity": len(plan.invalidations), "Items": plan.invalidations},
             "CallerReference": f"publish-{time.time_ns()}"}
    result = _call(lambda: aws.cloudfront.create_invalidation(DistributionId=target.distribution,
                                                              InvalidationBatch=batch),
                   f"distribution {target.distribution}")
    return result["Invalidation"]["Id"]


def _outputs(aws: Aws, stack: str) -> dict[str, str]:
    stacks = _call(lambda: aws.cloudformation.describe_stacks(StackName=stack)["Stacks"], f"stack {stack}")
    return {output["OutputKey"]: output["OutputValue"] for output in stacks[0].get("Outputs", [])}


def _call(action, what: str):
    try:
        return action()
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
        raise PublishError(describe(error, what)) from None


def describe(error: Exception, what: str) -> str:
    """One line that says what went wrong with `what`, and what to do about it."""
    if isinstance(error, botocore.exceptions.NoCredentialsError):
        return ("no AWS credentials found: sign in (aws sso login, or aws configure) or set AWS_PROFILE; "
                "publish uses the standard credential chain")
    if isinstance(error, botocore.exceptions.NoRegionError):
        return "no AWS Region set: set AWS_REGION, or pass --region"
    if isinstance(error, botocore.exceptions.ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        message = error.response.get("Error", {}).get("Message") or code
        if code in DENIED:
            return f"access denied to {what} ({code}): {PUBLISHER_POLICY}"
        if code in MISSING_BUCKET and what.startswith("bucket"):
            return f"{what} does not exist (or is in another account): check the name, or the stack's outputs"
        if code == "NoSuchDistribution":
            return f"{what} does not exist: check the id, or the stack's outputs"
        if code == "ValidationError" and what.startswith("stack"):
            return f"{what}: {message}"
        return f"{what}: {code}: {message}"
    return f"{what}: {error}"


def _base64_md5(hex_digest: str) -> str:
    """Content-MD5: S3 refuses a body that arrives different from what was read."""
    return base64.b64encode(bytes.fromhex(hex_digest)).decode()
