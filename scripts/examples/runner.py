"""Run one page's examples as its reader would: in page order, in a fresh folder, one moto state.

Shell blocks run in bash with `set -e` (a reader stops at the first error), and what they define
carries on to the page's next shell blocks, as in one terminal. Python blocks run as files, each in
its own interpreter. The first failure stops the page, as it would stop its reader; it is reported
at the page line of the command or statement, with the error moto or the CLI printed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import boto3
from botocore.config import Config

from scripts.examples import given, inventory, shapes
from scripts.examples.blocks import Block
from scripts.examples.sandbox import FAKE_KEYS, Moto, Sandbox
from scripts.examples.zygote import V2_LOG
from scripts.findings import Finding

BLOCK_TIMEOUT = 120  # seconds; moto answers at once, and no example waits for real
ERROR_LINES = 6  # the end of what a failed command printed, in the report
SHELL_RUNNER = r"""set -eE -o pipefail
trap 'printf "%s\t%s\n" "$LINENO" "$BASH_COMMAND" >> "$_EXAMPLES_FAILED"' ERR
_EXAMPLES_KNOWN=$(compgen -v)
if [ -f "$_EXAMPLES_STATE" ]; then source "$_EXAMPLES_STATE"; fi
source "$_EXAMPLES_BLOCK"
for _EXAMPLES_NAME in $(compgen -v); do
  case "$_EXAMPLES_NAME" in _EXAMPLES_*) continue;; esac
  if ! grep -qx "$_EXAMPLES_NAME" <<< "$_EXAMPLES_KNOWN"; then declare -p "$_EXAMPLES_NAME"; fi
done > "$_EXAMPLES_STATE.new"
mv "$_EXAMPLES_STATE.new" "$_EXAMPLES_STATE"
"""
INPUT = "\n" * 20  # Enter, for each input() a Python example waits on
_SESSION = boto3.session.Session()  # the runner's own, for the worlds and the inventories
_CLIENTS = threading.Lock()


@dataclass
class BlockResult:
    block: Block
    status: str  # "passed", "failed", "excused" or "not run" (after a failure on its page)
    output: str = ""


@dataclass
class PageResult:
    uri: str
    language: str
    results: list[BlockResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    v2_syntax: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


class PageRun:
    def __init__(self, sandbox: Sandbox, moto: Moto, uri: str, language: str, blocks: list[Block]) -> None:
        self.sandbox, self.moto, self.uri, self.blocks = sandbox, moto, uri, blocks
        self.result = PageResult(uri, language)
        self.root = Path(tempfile.mkdtemp(prefix="page-", dir=sandbox.scratch))
        self.work, self.home, self.notes = (self.root / name for name in ("work", "home", "notes"))
        for folder in (self.work, self.home, self.notes):
            folder.mkdir()
        self.env = sandbox.environment(moto, self.home) | {V2_LOG: str(self.notes / "v2.jsonl")}
        _reader_profiles(self.home)
        self.replacements: dict[str, str] = {}  # the page's example IDs, and the real ones (given.py)
        self.services: set[str] = set()  # the services its blocks call: what the inventory lists

    def run(self) -> PageResult:
        self.moto.reset()
        self.replacements = given.prepare(self.uri, self.client)
        self.services = {service for block in self.blocks if block.is_example and not block.excuse
                         for service in block.services}
        before = inventory.resources(self.client, self.services)
        failed = False
        for block in self.blocks:
            failed = self._run_block(block, failed)
        if not failed and any(result.status == "passed" for result in self.result.results):
            self._check_leftovers(before)
        self.result.v2_syntax = _read_jsonl(self.notes / "v2.jsonl")
        shutil.rmtree(self.root, ignore_errors=True)
        return self.result

    def client(self, service: str, region: str) -> object:
        return _client(self.moto.url, service, region)

    def _run_block(self, block: Block, failed: bool) -> bool:
        """Run, save or check `block`; whether the page has failed once it is done."""
        if block.excuse:
            if block.is_example:
                self.result.results.append(BlockResult(block, "excused"))
            return failed
        if failed:
            if block.is_example:
                self.result.results.append(BlockResult(block, "not run"))
            return True
        body = self._body(block)
        if block.file:
            target = self.work / block.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        if block.kind == "output":
            return self._check_output(block, body)
        if not block.is_example:
            return False
        runner = self._shell if block.kind == "shell" else self._python
        trapped = len(self.moto.trap.hosts)
        passed, output = runner(block, body)
        if passed and block.cleanup:
            passed = self._shell(block, block.cleanup + "\n", cleanup=True)[0]
        if escaped := sorted(set(self.moto.trap.hosts[trapped:])):
            passed = False
            self.result.findings.append(Finding(
                block.page.display, block.line, block.fence.col, "example-network",
                f"this block tried to reach {', '.join(escaped)}, outside this machine",
                "an AWS call goes to AWS_ENDPOINT_URL; nothing else may use the network (excuse the block if "
                "it must)"))
        self.result.results.append(BlockResult(block, "passed" if passed else "failed", output))
        return not passed

    def _body(self, block: Block) -> str:
        text = "\n".join(block.fence.body) + "\n"
        for placeholder, value in self.replacements.items():
            text = text.replace(placeholder, value)
        return text

    def _shell(self, block: Block, body: str, cleanup: bool = False) -> tuple[bool, str]:
        name = f"{block.line}-cleanup" if cleanup else str(block.line)
        script, failed = self.notes / f"block-{name}.sh", self.notes / f"failed-{name}"
        script.write_text(body, encoding="utf-8")
        env = self.env | {"_EXAMPLES_BLOCK": str(script), "_EXAMPLES_FAILED": str(failed),
                          "_EXAMPLES_STATE": str(self.notes / "state.sh")}
        completed = self._bash(SHELL_RUNNER, env)
        if completed.returncode == 0 or (block.expected_error and block.expected_error in completed.stderr
                                         and not cleanup):
            return True, completed.stdout
        line, command = _first_failure(failed)
        if cleanup:
            line, command = 0, f"{command} (its data-cleanup)"
        self._fail(block, line, command, completed.stderr or completed.stdout)
        return False, completed.stdout

    def _bash(self, script: str, env: dict[str, str]) -> subprocess.CompletedProcess:
        """`script` in a bash without the user's start-up files, in the reader's folder."""
        return subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=self.work, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=BLOCK_TIMEOUT)

    def _python(self, block: Block, body: str) -> tuple[bool, str]:
        script = self.notes / f"block-{block.line}.py"
        script.write_text(body, encoding="utf-8")
        status, line, stdout, stderr = self._zygote_python(script)
        if status == 0:
            return True, stdout
        statement = block.fence.body[line - 1].strip() if line and line <= len(block.fence.body) else ""
        self._fail(block, line, statement, stderr)
        return False, stdout

    def _zygote_python(self, script: Path) -> tuple[int, int | None, str, str]:
        read_end, write_end = os.pipe()
        os.write(write_end, INPUT.encode())
        os.close(write_end)
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
                socket.socket(socket.AF_UNIX) as connection:
            connection.settimeout(BLOCK_TIMEOUT)
            connection.connect(self.sandbox.sockets["python"])
            request = {"kind": "python", "argv": [str(script)], "cwd": str(self.work), "env": self.env}
            socket.send_fds(connection, [json.dumps(request).encode() + b"\n"], [read_end, out.fileno(), err.fileno()])
            os.close(read_end)
            answer = json.loads(connection.makefile().readline() or '{"status": 1, "line": null}')
            out.seek(0)
            err.seek(0)
            return answer["status"], answer["line"], out.read(), err.read()

    def _check_output(self, block: Block, sample: str) -> bool:
        """Run the command the sample shows the output of, and compare their shapes."""
        completed = self._bash(f"set -e -o pipefail\n{block.output_of}", self.env)
        if completed.returncode != 0:
            self._fail(block, 1, block.output_of or "", completed.stderr)
            return True
        difference = shapes.compare(block.language, sample, completed.stdout)
        if difference:
            self.result.findings.append(Finding(
                block.page.display, block.line, block.fence.col, "example-output",
                f"this sample of `{block.output_of}` does not have the shape of its real output: {difference}",
                "show what the command prints today (keys, columns), with example values"))
        return False

    def _check_leftovers(self, before: set[str]) -> None:
        left = sorted(inventory.resources(self.client, self.services) - before)
        if not left:
            return
        last = [result.block for result in self.result.results if result.status == "passed"][-1]
        self.result.findings.append(Finding(
            last.page.display, last.line, last.fence.col, "example-cleanup",
            f"the page's examples leave {', '.join(left)} behind",
            "end the example that creates it with its clean-up (a reader pays for what is left)"))

    def _fail(self, block: Block, line: int | None, command: str, error: str) -> None:
        page_line = block.line + (1 if line is None else line)
        told = "\n".join(text for text in error.strip().splitlines() if text.strip())
        told = "\n".join(told.splitlines()[-ERROR_LINES:]) or "no error message"
        self.result.findings.append(Finding(
            block.page.display, page_line, block.fence.col, "example",
            f"{block.language} example failed at `{_one_line(command)}`: {told}",
            "run it with `make examples`; fix the code in both languages"))


def _first_failure(path: Path) -> tuple[int | None, str]:
    if not path.exists():
        return None, ""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    number, _, command = first.partition("\t")
    return (int(number) if number.isdigit() else None), command


def _one_line(command: str) -> str:
    words = " ".join(command.split())
    return words if len(words) <= 160 else words[:157] + "..."


def _read_jsonl(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _reader_profiles(home: Path) -> None:
    """The reader's ~/.aws: a default profile and the `dev` profile the CLI pages set up."""
    aws = home / ".aws"
    aws.mkdir()
    keys = "aws_access_key_id = {AWS_ACCESS_KEY_ID}\naws_secret_access_key = {AWS_SECRET_ACCESS_KEY}\n".format(
        **FAKE_KEYS)
    (aws / "credentials").write_text(f"[default]\n{keys}\n[dev]\n{keys}", encoding="utf-8")
    (aws / "config").write_text("[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-3\n",
                                encoding="utf-8")


@cache
def _client(url: str, service: str, region: str) -> object:
    with _CLIENTS:  # boto3's default session is not safe to share between threads while it makes clients
        return _SESSION.client(service, region_name=region, endpoint_url=url,
                               aws_access_key_id=FAKE_KEYS["AWS_ACCESS_KEY_ID"],
                               aws_secret_access_key=FAKE_KEYS["AWS_SECRET_ACCESS_KEY"],
                               config=Config(retries={"max_attempts": 1}, proxies={}))
