"""A fork server for `aws` or `python`: the examples run as a reader runs them, twice as fast.

Starting the AWS CLI costs half a second of imports, and a page has a dozen commands. This
process imports awscli (or boto3) once, listens on a Unix socket, and for each request forks a
child that takes the caller's standard streams (passed as file descriptors), working directory,
environment and arguments, runs the real `awscli.clidriver.main()` or the Python file, and sends
back its exit status. The `aws` on the examples' PATH is a ten-line client of it (`SHIM`).

Run as `python -m scripts.examples.zygote SOCKET aws|python`; it prints `ready` once it listens.
One server per kind: awscli v1 brings its own botocore and makes `import botocore` load it, so
the CLI and boto3 cannot share a process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import traceback
from pathlib import Path

V2_LOG = "BIG_PICTURE_EXAMPLES_V2_LOG"  # where the child notes the v2-only syntax it translated
# The services the examples call: their models are read before the first request.
WARM_SERVICES = ("ec2", "s3", "sts", "rds", "dynamodb", "lambda", "sns", "cloudwatch", "autoscaling", "cloudfront",
                 "route53", "elasticbeanstalk", "cloudformation", "budgets", "ssm", "iam")
KEEP = ("AWS_DATA_PATH",)  # what importing awscli sets in the environment: where its models are
DRIVER = None  # the AWS CLI's driver, made once by the `aws` zygote

# What the `aws` on the examples' PATH runs: it hands its standard streams, directory, environment
# and arguments to the server, and exits with the status the server sends back.
SHIM = """#!{python} -IS
import json, os, socket, sys
client = socket.socket(socket.AF_UNIX)
client.connect({socket!r})
request = {{"kind": "aws", "argv": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}}
socket.send_fds(client, [json.dumps(request).encode() + b"\\n"], [0, 1, 2])
answer = client.makefile().readline()
sys.exit(json.loads(answer)["status"] if answer else 1)
"""


def serve(path: str, kind: str) -> None:
    _warm_up(kind)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the children reap themselves
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen(64)
    print("ready", flush=True)
    while True:
        connection, _ = listener.accept()
        message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
        while not message.endswith(b"\n"):
            message += connection.recv(1 << 20)
        if os.fork() == 0:
            listener.close()
            _child(connection, json.loads(message), fds)
        connection.close()
        for fd in fds:
            os.close(fd)


def _warm_up(kind: str) -> None:
    """Import what every request needs and read the service models the examples use, so that each
    child starts with them (botocore reads a model from disk once per session: EC2's takes 0.2 s)."""
    global DRIVER
    if kind == "python":
        _share_model_files()
        return
    import awscli.clidriver
    import awscli.customizations.overridesslcommonname as legacy_names

    # awscli v1 replaces the endpoint of RDS, SQS and a few others with legacy host names in some
    # Regions, whatever AWS_ENDPOINT_URL says: with no names to replace, the variable is obeyed as
    # it is by v2 and by boto3. Without this, those commands would leave the machine.
    legacy_names.SSL_COMMON_NAMES.clear()
    # The CLI's command table depends on the installed models only: it is built once, here.
    DRIVER = awscli.clidriver.create_clidriver()
    DRIVER._get_command_table()
    DRIVER._get_argument_table()
    for service in WARM_SERVICES:
        DRIVER.session.get_service_model(service)


def _share_model_files() -> None:
    """boto3 makes a session, hence a model loader, per process: keep every JSON model file in
    memory and read the big ones now, so that children inherit them. botocore treats a loaded model
    as read-only, except for merging its extras, which gives the same result twice."""
    import boto3  # noqa: F401
    import botocore.loaders
    import botocore.session

    read = botocore.loaders.JSONFileLoader.load_file
    files: dict[str, object] = {}

    def load_file(self: object, file_path: str) -> object:
        if file_path not in files:
            files[file_path] = read(self, file_path)
        return files[file_path]

    botocore.loaders.JSONFileLoader.load_file = load_file
    loader = botocore.session.Session().get_component("data_loader")
    for service in WARM_SERVICES:
        loader.load_service_model(service, "service-2")


def _forget_configuration(session: object) -> None:
    """What a botocore session read from the files and the environment of the zygote: the child
    reads them again from the reader's."""
    for name in ("_profile", "_config", "_credentials", "_auth_token", "_profile_map", "_client_config",
                 "_last_client_region_used"):
        setattr(session, name, None)


def _child(connection: socket.socket, request: dict, fds: list[int]) -> None:
    status, line = 1, None
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
        os.chdir(request["cwd"])
        own = {name: os.environ[name] for name in KEEP if name in os.environ}
        os.environ.clear()
        os.environ.update(request["env"] | own)
        log = os.environ.pop(V2_LOG, None)
        if request["kind"] == "aws":
            status = _aws(request["argv"], log)
        else:
            status, line = _python(request["argv"])
    except SystemExit as stop:  # `aws --version` and `aws help` end this way
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # whatever happens, the caller gets an answer
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):
                stream.flush()
        connection.sendall(json.dumps({"status": status, "line": line}).encode() + b"\n")
        os._exit(status if isinstance(status, int) else 1)


def _aws(argv: list[str], log: str | None) -> int:
    from scripts.examples.cli_v2 import V2SyntaxError, to_v1

    try:
        argv, translated = to_v1(argv)
    except V2SyntaxError as error:
        print(f"aws: {error}", file=sys.stderr)
        return 252  # what the CLI answers to a usage error
    if log and translated:
        with open(log, "a", encoding="utf-8") as notes:
            notes.writelines(f"{json.dumps(item)}\n" for item in translated)
    sys.argv = ["aws", *argv]
    _forget_configuration(DRIVER.session)
    return DRIVER.main(argv)


def _python(argv: list[str]) -> tuple[int, int | None]:
    """Run a file as `python FILE` does; on an exception, the line of the file it came from."""
    path = argv[0]
    sys.argv = list(argv)
    sys.path[0] = str(Path(path).parent)
    code = compile(Path(path).read_text(encoding="utf-8"), path, "exec")
    try:
        exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
    except SystemExit as stop:
        if stop.code is None or stop.code == 0:
            return 0, None
        if not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
        return (stop.code if isinstance(stop.code, int) else 1), _line_in(stop, path)
    except BaseException as error:  # reported as Python would, with the file's line
        traceback.print_exception(error)
        return 1, _line_in(error, path)
    return 0, None


def _line_in(error: BaseException, path: str) -> int | None:
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path]
    return frames[-1].lineno if frames else None


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
