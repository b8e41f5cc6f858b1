"""Where the examples run: moto in server mode, a trap for any request that would leave the machine,
and the fork server that runs `aws` and `python` quickly (scripts/examples/zygote.py).

Every process an example starts gets an environment that points the AWS CLI and the SDKs at moto
(`AWS_ENDPOINT_URL`, fake credentials) and every other HTTP(S) request at the trap, a proxy on
127.0.0.1 that answers 403 and notes the host: an example that calls a real AWS endpoint, or
anything else on the internet, is reported instead of reaching it.
"""

from __future__ import annotations

import json
import os
import re
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import ExitStack, closing
from pathlib import Path

from scripts.examples.zygote import SHIM

RUNNING_ON = re.compile(r"Running on http://127\.0\.0\.1:(?P<port>\d+)")
REGION = "us-east-1"  # the examples' default Region; a block may name another one
FAKE_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
START_TIMEOUT = 30.0


class SandboxError(RuntimeError):
    """moto or the fork server did not start."""


class Moto:
    """One moto server on an ephemeral port of 127.0.0.1, with its own state."""

    def __init__(self, log: Path) -> None:
        # Its own trap, so that a request leaving the machine is told at the page and block that made it.
        self.trap = _Trap()
        threading.Thread(target=self.trap.serve_forever, daemon=True).start()
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
            stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, **FAKE_KEYS})
        self.url = f"http://127.0.0.1:{_wait_for(log, RUNNING_ON, self.process)['port']}"

    def reset(self) -> None:
        """Forget every resource, then run Lambda functions without Docker (moto's simple Lambda)."""
        self._post("/moto-api/reset", None)
        self._post("/moto-api/config", {"lambda": {"use_docker": False}})

    def _post(self, path: str, body: dict | None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        request = urllib.request.Request(self.url + path, data=data, method="POST")
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=30):
            pass

    def close(self) -> None:
        self.trap.shutdown()
        self.trap.server_close()
        self.process.terminate()
        self.process.wait(10)
        self._log.close()


class _Trap(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _TrapHandler)
        self.hosts: list[str] = []


class _TrapHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        request_line = self.rfile.readline(4096).decode("latin-1").split()
        if len(request_line) >= 2:
            target = request_line[1]
            host = target.split("//", 1)[-1].split("/", 1)[0] if "//" in target else target
            self.server.hosts.append(host)  # type: ignore[attr-defined]
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class Sandbox:
    """Moto servers (one per page run at a time, each with its trap) and the fork servers, for one run."""

    def __init__(self, scratch: Path, workers: int) -> None:
        self.scratch = scratch
        self._stack = ExitStack()
        self.sockets = {kind: str(scratch / f"{kind}.sock") for kind in ("aws", "python")}
        try:
            zygotes = [self._start_zygote(kind) for kind in self.sockets]
            self.motos = [self._stack.enter_context(closing(Moto(scratch / f"moto-{n}.log")))
                          for n in range(workers)]
            for log, process in zygotes:
                _wait_for(log, re.compile("^ready$", re.MULTILINE), process)
        except BaseException:
            self._stack.close()
            raise
        self.bin = scratch / "bin"
        self.bin.mkdir()
        shim = self.bin / "aws"
        shim.write_text(SHIM.format(python=sys.executable, socket=self.sockets["aws"]), encoding="utf-8")
        shim.chmod(0o755)

    def environment(self, moto: Moto, home: Path) -> dict[str, str]:
        """What a reader's terminal holds, pointed at `moto`: fake keys, a Region, no pager."""
        trap = f"http://127.0.0.1:{moto.trap.server_address[1]}"
        venv_bin = str(Path(sys.executable).parent)
        return {
            "HOME": str(home),
            "PATH": os.pathsep.join((str(self.bin), venv_bin, "/usr/local/bin", "/usr/bin", "/bin")),
            "LANG": "C.UTF-8",
            **FAKE_KEYS,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ENDPOINT_URL": moto.url,
            "AWS_EC2_METADATA_DISABLED": "true",  # no lookup of 169.254.169.254 for credentials
            "AWS_PAGER": "",
            "PYTHONDONTWRITEBYTECODE": "1",
            **{name: trap for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")},
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }

    def _start_zygote(self, kind: str) -> tuple[Path, subprocess.Popen]:
        log_path = self.scratch / f"{kind}-zygote.log"
        log = self._stack.enter_context(log_path.open("w"))
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.examples.zygote", self.sockets[kind], kind],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[2])
        self._stack.callback(_stop, process)
        return log_path, process

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(10)


def _wait_for(log: Path, pattern: re.Pattern[str], process: subprocess.Popen) -> dict[str, str]:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if match := pattern.search(text):
            return match.groupdict()
        if process.poll() is not None:
            raise SandboxError(f"{' '.join(map(str, process.args))} stopped: {text.strip()[-2000:]}")
        time.sleep(0.05)
    raise SandboxError(f"{' '.join(map(str, process.args))} did not start in {START_TIMEOUT:.0f} s")
