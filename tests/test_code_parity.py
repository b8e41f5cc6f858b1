"""The code parity check: the code blocks of a French page pair with the English ones, and only
their comments, strings and prose may differ. On small projects, on their sources."""

from __future__ import annotations

from scripts.findings import Finding
from tests.conftest import Project, page

PYTHON = ('```python\nimport boto3\n\n# List the buckets\ns3 = boto3.client("s3")\n'
          'for bucket in s3.list_buckets()["Buckets"]:\n    print(bucket["Name"], f"created {bucket}")\n```')
BASH = '```bash\n# Copy a file\naws s3 cp notes.txt s3://bucket/ --acl private --metadata "note=hello"\n```'
YAML = ("```yaml\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket  # the bucket\n"
        "    Properties:\n      Description: Private bucket for the uploads\n      Tags: [\"demo\"]\n```")
JSON = '```json\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"]}]}\n```'


def write(project: Project, en: str, fr: str) -> list[Finding]:
    project.write("en/guide.md", page("Guide", en))
    project.write("fr/guide.md", page("Guide", fr))
    return [finding for finding in project.check_sources() if finding.code == "code-parity"]


def test_the_same_code_with_translated_comments_and_strings_passes(project: Project) -> None:
    fr = (PYTHON.replace("# List the buckets", "# Lister les compartiments").replace("created", "créé le")
          .replace('"Name"', '"Name"  ')
          + "\n\n" + BASH.replace("# Copy a file", "# Copier un fichier").replace("note=hello", "note=bonjour")
          + "\n\n" + YAML.replace("# the bucket", "# le compartiment")
          .replace("Private bucket for the uploads", "Compartiment privé des envois").replace('"demo"', '"démo"')
          + "\n\n" + JSON.replace('"Allow"', '"Autoriser"'))
    en = "\n\n".join((PYTHON, BASH, YAML, JSON))
    assert write(project, en, fr) == []


def test_text_blocks_hold_prose_in_each_language(project: Project) -> None:
    assert write(project, "```text\nHello, world\n```", "```text\nBonjour tout le monde\n```") == []
    assert write(project, "```markdown\n!!! note\n    Text.\n```", "```markdown\n!!! note\n    Texte.\n```") == []


def test_a_misspelled_method_is_reported_at_the_french_block(project: Project) -> None:
    (finding,) = write(project, PYTHON, PYTHON.replace("list_buckets", "list_bucket"))
    assert (finding.path, finding.line, finding.col) == ("docs/fr/guide.md", 8, 1)
    assert finding.message == "the code of this python block differs from docs/en/guide.md:8"
    assert finding.hint.startswith("line 13 has 'list_bucket' where docs/en/guide.md:13 has 'list_buckets'")


def test_a_different_flag_is_reported(project: Project) -> None:
    (finding,) = write(project, BASH, BASH.replace("--acl private", "--acl public-read"))
    assert (finding.path, finding.line) == ("docs/fr/guide.md", 8)
    assert "has 'public' where docs/en/guide.md:10 has 'private'" in finding.hint


def test_a_changed_yaml_type_is_reported(project: Project) -> None:
    (finding,) = write(project, YAML, YAML.replace("AWS::S3::Bucket", "AWS::S3::BucketPolicy"))
    assert "'BucketPolicy' where" in finding.hint


def test_a_missing_block_is_reported(project: Project) -> None:
    (finding,) = write(project, PYTHON + "\n\nText.\n\n" + BASH, PYTHON + "\n\nTexte.")
    assert (finding.path, finding.line) == ("docs/fr/guide.md", 8)
    assert finding.message == "code block missing after this line: docs/en/guide.md:19 has a 'bash' block"


def test_an_extra_block_is_reported(project: Project) -> None:
    (finding,) = write(project, BASH, BASH + "\n\n" + BASH)
    assert (finding.line, finding.message) == (13, "'bash' code block has no counterpart in docs/en/guide.md")


def test_a_block_in_another_language_is_reported(project: Project) -> None:
    (finding,) = write(project, BASH, BASH.replace("```bash", "```shell"))
    assert finding.message == "'shell' code block where docs/en/guide.md:8 has a 'bash' one"


def test_a_python_block_that_does_not_tokenize_is_compared_as_written(project: Project) -> None:
    en = '```python\nprint("open\n```'
    assert write(project, en, en) == []
    (finding,) = write(project, en, en.replace("print", "prnt"))
    assert "'prnt(\"open' where" in finding.hint
