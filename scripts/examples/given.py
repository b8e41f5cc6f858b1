"""What a page assumes its reader already has, made in moto before the page's examples run.

Some examples work on the reader's own resources: "invoke an existing function", "attach a profile
to a running instance", a bucket called `amzn-s3-demo-bucket`. For those pages, a function below
creates the resource first, and returns the placeholders of the page (an example ID such as
`E1EXAMPLE12345`) with the real ID that replaces them, as a reader replaces them with their own.
Everything made here exists before the inventory is taken, so it is not counted as left behind.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from scripts.examples.inventory import Client

Given = Callable[[Client], dict[str, str]]
WORLDS: dict[str, Given] = {}
TRUST_LAMBDA = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
                '"Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}')
REGION = "us-east-1"


def given(*uris: str) -> Callable[[Given], Given]:
    """Register the function as the world of the pages `uris` (docs-relative, in every language)."""
    def register(function: Given) -> Given:
        WORLDS.update(dict.fromkeys(uris, function))
        return function
    return register


def prepare(uri: str, client: Client) -> dict[str, str]:
    """Make the world of page `uri`; its placeholders and what replaces them."""
    world = WORLDS.get(uri)
    return world(client) if world else {}


@given("app-services/lambda.md")
def _a_function(client: Client) -> dict[str, str]:
    role = client("iam", REGION).create_role(RoleName="my-function-role", AssumeRolePolicyDocument=TRUST_LAMBDA)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as files:
        files.writestr("app.py", "def handler(event, context):\n    return {'hello': event.get('name')}\n")
    client("lambda", REGION).create_function(
        FunctionName="my-function", Runtime="python3.13", Role=role["Role"]["Arn"], Handler="app.handler",
        Code={"ZipFile": archive.getvalue()})
    return {}


@given("app-services/cloudfront.md")
def _a_distribution(client: Client) -> dict[str, str]:
    config = {
        "CallerReference": "given",
        "Comment": "",
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": "example-site.s3.amazonaws.com",
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "MinTTL": 0, "ForwardedValues": {"QueryString": False,
                                                                  "Cookies": {"Forward": "none"}}},
    }
    created = client("cloudfront", REGION).create_distribution(DistributionConfig=config)
    return {"E1EXAMPLE12345": created["Distribution"]["Id"]}


@given("app-services/ec2-auto-scaling.md")
def _a_group(client: Client) -> dict[str, str]:
    client("ec2", REGION).create_launch_template(
        LaunchTemplateName="example-web", LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"})
    client("autoscaling", REGION).create_auto_scaling_group(
        AutoScalingGroupName="example-web-asg", LaunchTemplate={"LaunchTemplateName": "example-web"},
        MinSize=1, MaxSize=3, DesiredCapacity=1, AvailabilityZones=[f"{REGION}a"])
    return {}


@given("cli-to-code/credentials-and-roles.md")
def _an_instance_and_a_profile(client: Client) -> dict[str, str]:
    iam = client("iam", REGION)
    iam.create_instance_profile(InstanceProfileName="riddle-app-profile")
    instance = client("ec2", REGION).run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)
    return {"i-0123456789abcdef0": instance["Instances"][0]["InstanceId"]}


@given("core-services/route53.md")
def _a_zone(client: Client) -> dict[str, str]:
    zone = client("route53", REGION).create_hosted_zone(Name="example.com", CallerReference="given")
    return {"Z0000000EXAMPLEZONE": zone["HostedZone"]["Id"].rsplit("/", 1)[-1]}


@given("cli-to-code/sdks.md")
def _a_bucket(client: Client) -> dict[str, str]:
    s3 = client("s3", REGION)
    s3.create_bucket(Bucket="amzn-s3-demo-bucket")
    for key in ("uploads/riddle-1.txt", "uploads/riddle-2.txt", "riddle.txt"):
        s3.put_object(Bucket="amzn-s3-demo-bucket", Key=key, Body=b"What has keys but opens no locks?\n")
    return {}
