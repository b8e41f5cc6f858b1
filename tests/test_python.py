"""Which Python makes .venv: the real Makefile and scripts/python.sh, with stand-in interpreters.

Each test copies the Makefile, pyproject.toml and scripts/python.sh into a temporary project and
runs make with a PATH that holds only the tools they need and the stand-ins, so that the machine's
own python3 stays out of sight. A stand-in is a small shell script: it answers the version probe
with the version it was given, and records any other call (`-m venv DIR`, `-m pip ...`) in a log;
`-m venv DIR` makes DIR/bin/python a link to the stand-in itself, as a real venv links to its
interpreter, so removing the stand-in leaves the venv with a python that no longer runs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOLS = ("sh", "make", "sed", "rm", "touch")  # what the Makefile's venv rules and python.sh call
TOO_OLD = "needs Python >= 3.11.5 (pymdown-extensions 13); found {found}; install python3.12, " \
          "or run `make build PYTHON=/path/to/python3.12`"

STAND_IN = """#!/bin/sh
# A stand-in Python {version}.
case "$1" in
-c) {answer} ;;
-m) echo "$0 $*" >>{log}
    if [ "$2" = venv ]; then
        {mkdir} -p "$3/bin" && {ln} -sf "$0" "$3/bin/python" && echo "home = ${{0%/*}}" >"$3/pyvenv.cfg"
        {venv_outcome}
    fi ;;
esac
"""


class Sandbox:
    """A copy of the project's venv plumbing, a PATH of its own, and the stand-ins' log."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.project = root / "project"
        self.bin = root / "bin"
        self.log = root / "calls.log"
        (self.project / "scripts").mkdir(parents=True)
        for name in ("Makefile", "pyproject.toml", "requirements.txt", "scripts/python.sh"):
            shutil.copy(REPO / name, self.project / name)
        self.bin.mkdir()
        for tool in TOOLS:
            (self.bin / tool).symlink_to(shutil.which(tool) or pytest.fail(f"{tool} is not on the PATH"))
        self.log.touch()

    def python(self, name: str, version: str, folder: str = "bin", venv_fails: bool = False) -> Path:
        """A stand-in interpreter `name` reporting `version` (empty: one that does not run)."""
        path = self.root / folder / name
        path.parent.mkdir(exist_ok=True)
        answer = f"echo {version}" if version else f"echo 'pyenv: {name}: command not found' >&2; exit 127"
        outcome = "echo 'Error: ensurepip is not available' >&2; exit 1" if venv_fails else ":"
        path.write_text(STAND_IN.format(version=version or "that does not run", answer=answer, log=self.log,
                                        mkdir=shutil.which("mkdir"), ln=shutil.which("ln"), venv_outcome=outcome))
        path.chmod(0o755)
        return path

    def make(self, target: str = "venv", *, path: str = "", **variables: str) -> subprocess.CompletedProcess:
        """`make -C project TARGET VAR=value...` with only the sandbox's PATH."""
        assignments = [f"{name}={value}" for name, value in variables.items()]
        return subprocess.run([str(self.bin / "make"), "-s", "-C", str(self.project), target, *assignments],
                              env={"PATH": path or str(self.bin)}, capture_output=True, text=True, timeout=60)

    def calls(self) -> list[str]:
        """The stand-ins' calls other than the probe, with the sandbox's path shortened to `~`."""
        return [line.replace(str(self.root), "~") for line in self.log.read_text().splitlines()]

    @property
    def venv(self) -> Path:
        return self.project / ".venv"


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


def own_lines(stderr: str) -> list[str]:
    """What the script says, without make's own `make: *** ... Error 2` line."""
    return [line for line in stderr.splitlines() if not line.startswith("make")]


def test_a_too_old_python_alone_is_one_line_exit_2_and_no_venv(sandbox: Sandbox) -> None:
    sandbox.python("python3", "3.11.2")
    sandbox.python("python3.11", "3.11.2")
    result = sandbox.make()
    assert result.returncode == 2
    assert own_lines(result.stderr) == [TOO_OLD.format(found="python3.11 3.11.2, python3 3.11.2")]
    assert not sandbox.venv.exists()
    assert sandbox.calls() == []


def test_the_newest_fitting_python_on_the_path_makes_the_venv(sandbox: Sandbox) -> None:
    sandbox.python("python3", "3.11.2")
    sandbox.python("python3.11", "3.11.2")
    sandbox.python("python3.13", "")  # a pyenv shim of a version that is not installed
    sandbox.python("python3.12", "3.12.3", folder="other-bin")
    result = sandbox.make(path=f"{sandbox.bin}:{sandbox.root / 'other-bin'}")
    assert result.returncode == 0, result.stderr
    assert sandbox.calls() == ["~/other-bin/python3.12 -m venv .venv"]
    assert (sandbox.venv / ".interpreter").read_text() == f"{sandbox.root}/other-bin/python3.12\n"


def test_python_given_wins_over_the_path(sandbox: Sandbox) -> None:
    sandbox.python("python3", "3.11.2")
    sandbox.python("python3.12", "3.12.3")
    chosen = sandbox.python("custom-python", "3.11.9", folder="elsewhere")
    result = sandbox.make(PYTHON=str(chosen))
    assert result.returncode == 0, result.stderr
    assert sandbox.calls() == ["~/elsewhere/custom-python -m venv .venv"]


def test_python_given_that_does_not_fit_is_refused(sandbox: Sandbox) -> None:
    sandbox.python("python3.12", "3.12.3")
    old = sandbox.python("python3.11", "3.11.2")
    result = sandbox.make(PYTHON=str(old))
    assert result.returncode == 2
    assert own_lines(result.stderr) == [f"needs Python >= 3.11.5 (pymdown-extensions 13); PYTHON={old} is 3.11.2"]
    assert not sandbox.venv.exists()


def test_a_venv_whose_python_is_gone_is_made_again_and_its_requirements_installed(sandbox: Sandbox) -> None:
    first = sandbox.python("python3.12", "3.12.3")
    assert sandbox.make(".venv/.runtime-installed").returncode == 0
    first.unlink()
    sandbox.python("python3.13", "3.13.1")
    result = sandbox.make(".venv/.runtime-installed")
    assert result.returncode == 0, result.stderr
    assert "its python no longer runs" in result.stderr
    assert [call.split(" -m ")[0:2] for call in sandbox.calls()] == [
        ["~/bin/python3.12", "venv .venv"],
        [".venv/bin/python", "pip install --quiet --disable-pip-version-check -r requirements.txt"],
        ["~/bin/python3.13", "venv .venv"],
        [".venv/bin/python", "pip install --quiet --disable-pip-version-check -r requirements.txt"],
    ]


def test_a_venv_that_no_longer_fits_is_made_again(sandbox: Sandbox) -> None:
    sandbox.python("python3.12", "3.12.3")
    assert sandbox.make().returncode == 0
    sandbox.python("python3.13", "3.13.1")
    pyproject = sandbox.project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('">=3.11.5"', '">=3.12.5"'))
    result = sandbox.make()
    assert result.returncode == 0, result.stderr
    assert "its python is 3.12.3; needs Python >= 3.12.5" in result.stderr
    assert sandbox.calls() == ["~/bin/python3.12 -m venv .venv", "~/bin/python3.13 -m venv .venv"]


def test_a_fitting_venv_is_kept_without_reinstalling(sandbox: Sandbox) -> None:
    sandbox.python("python3.12", "3.12.3")
    assert sandbox.make(".venv/.runtime-installed").returncode == 0
    sandbox.python("python3.13", "3.13.1")  # newer, but the venv still fits
    (sandbox.venv / ".interpreter").unlink()  # as in a .venv made before scripts/python.sh
    result = sandbox.make(".venv/.runtime-installed")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert len(sandbox.calls()) == 2, "one venv, one pip install"
    assert (sandbox.venv / ".interpreter").is_file()


def test_a_failed_venv_is_removed_and_the_package_named(sandbox: Sandbox) -> None:
    sandbox.python("python3.12", "3.12.3", venv_fails=True)
    result = sandbox.make()
    assert result.returncode == 2
    assert own_lines(result.stderr)[-1] == (
        f"`{sandbox.bin}/python3.12 -m venv .venv` failed; on Debian or Ubuntu, install python3.12-venv "
        "(sudo apt-get install python3.12-venv), or run make with PYTHON=/path/to/python3"
    )
    assert not sandbox.venv.exists()
