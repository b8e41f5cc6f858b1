"""What exists in moto: listed before a page's examples and after its last block, so that a
"first try" that forgets its clean-up is caught.

Each entry lists one kind of resource a page may create, the way a reader would look for it, in
each Region the examples use. A resource that is being deleted or is gone but still listed (a
terminated instance, a deleted stack) does not count: that is what the clean-up leaves in AWS too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from botocore.exceptions import BotoCoreError, ClientError

REGIONS = ("us-east-1", "eu-west-3")
GONE_INSTANCES = {"shutting-down", "terminated"}
GONE_STACKS = {"DELETE_COMPLETE"}

Client = Callable[[str, str], object]  # (service, Region) -> a boto3 client


def _buckets(client: Client, region: str) -> Iterable[str]:
    return (bucket["Name"] for bucket in client("s3", region).list_buckets()["Buckets"])


def _tables(client: Client, region: str) -> Iterable[str]:
    return client("dynamodb", region).list_tables()["TableNames"]


def _topics(client: Client, region: str) -> Iterable[str]:
    return (topic["TopicArn"] for topic in client("sns", region).list_topics()["Topics"])


def _functions(client: Client, region: str) -> Iterable[str]:
    return (function["FunctionName"] for function in client("lambda", region).list_functions()["Functions"])


def _instances(client: Client, region: str) -> Iterable[str]:
    reservations = client("ec2", region).describe_instances()["Reservations"]
    return (instance["InstanceId"] for reservation in reservations for instance in reservation["Instances"]
            if instance["State"]["Name"] not in GONE_INSTANCES)


def _databases(client: Client, region: str) -> Iterable[str]:
    return (db["DBInstanceIdentifier"] for db in client("rds", region).describe_db_instances()["DBInstances"])


def _stacks(client: Client, region: str) -> Iterable[str]:
    return (stack["StackName"] for stack in client("cloudformation", region).list_stacks()["StackSummaries"]
            if stack["StackStatus"] not in GONE_STACKS)


def _caches(client: Client, region: str) -> Iterable[str]:
    return (cache["CacheClusterId"]
            for cache in client("elasticache", region).describe_cache_clusters()["CacheClusters"])


def _groups(client: Client, region: str) -> Iterable[str]:
    groups = client("autoscaling", region).describe_auto_scaling_groups()["AutoScalingGroups"]
    return (group["AutoScalingGroupName"] for group in groups)


def _zones(client: Client, region: str) -> Iterable[str]:
    return (zone["Name"] for zone in client("route53", region).list_hosted_zones()["HostedZones"])


def _budgets(client: Client, region: str) -> Iterable[str]:
    account = client("sts", region).get_caller_identity()["Account"]
    return (budget["BudgetName"]
            for budget in client("budgets", region).describe_budgets(AccountId=account).get("Budgets", []))


def _distributions(client: Client, region: str) -> Iterable[str]:
    listing = client("cloudfront", region).list_distributions()["DistributionList"]
    return (item["Id"] for item in listing.get("Items", []))


# The service whose calls create the resource, the resource's name, and how to list it.
KINDS: dict[str, tuple[str, Callable[[Client, str], Iterable[str]]]] = {
    "s3": ("S3 bucket", _buckets),
    "dynamodb": ("DynamoDB table", _tables),
    "sns": ("SNS topic", _topics),
    "lambda": ("Lambda function", _functions),
    "ec2": ("EC2 instance", _instances),
    "rds": ("RDS DB instance", _databases),
    "cloudformation": ("CloudFormation stack", _stacks),
    "elasticache": ("ElastiCache cluster", _caches),
    "autoscaling": ("Auto Scaling group", _groups),
    "route53": ("Route 53 hosted zone", _zones),
    "budgets": ("budget", _budgets),
    "cloudfront": ("CloudFront distribution", _distributions),
}
GLOBAL = {"s3", "route53", "budgets", "cloudfront"}  # one list for every Region
CREATES_ANYTHING = {"cloudformation"}  # a stack makes resources of any service


def resources(client: Client, services: set[str]) -> set[str]:
    """The resources that the calls of `services` may have made, as 'kind name (Region)'."""
    found = set()
    everything = bool(services & CREATES_ANYTHING)
    for service, (kind, lister) in KINDS.items():
        if not (everything or service in services):
            continue
        for region in REGIONS[:1] if service in GLOBAL else REGIONS:
            try:
                names = list(lister(client, region))
            except (BotoCoreError, ClientError) as error:
                names = [f"<cannot list: {error}>"]
            found.update(f"{kind} {name}" + ("" if kind in GLOBAL else f" ({region})") for name in names)
    return found
