#!/bin/sh
# The Python that makes .venv, for the Makefile. POSIX sh, so that it runs before any Python does.
#
#   sh scripts/python.sh venv DIR [PYTHON]   make the virtual environment DIR, unless the one there
#                                            still fits; record its interpreter in DIR/.interpreter
#   sh scripts/python.sh stale DIR [PYTHON]  print why DIR must be made again (nothing if it fits)
#   sh scripts/python.sh pick [PYTHON]       print the interpreter `venv` would use
#
# The interpreter is PYTHON when given; otherwise the newest python3.X on the PATH, then python3,
# whose version meets `requires-python` in pyproject.toml. Each is probed by running it: a name that
# does not run (a pyenv shim of a version that is not installed) is skipped. When none fits, one
# line says what was found and what is needed, and the exit status is 2.
set -eu

case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
PYPROJECT=$here/../pyproject.toml
PROBE='import sys; print("%d.%d.%d" % sys.version_info[:3])'

fail() {
    echo "$*" >&2
    exit 2
}

# The X.Y.Z of `requires-python = ">=X.Y.Z"`, and the comment after it (why).
minimum=$(sed -n 's/^requires-python *= *"[ >=]*\([0-9][0-9.]*\)".*/\1/p' "$PYPROJECT")
reason=$(sed -n 's/^requires-python *=[^#]*# *\(.*[^ ]\) *$/\1/p' "$PYPROJECT")
[ -n "$minimum" ] || fail "$PYPROJECT: no requires-python = \">=X.Y.Z\" in [project]"
case $minimum in *.*.*) ;; *.*) minimum=$minimum.0 ;; *) minimum=$minimum.0.0 ;; esac
needed="Python >= $minimum${reason:+ ($reason)}"

# version_of PROGRAM: its X.Y.Z, or nothing when it does not run.
version_of() {
    version=$("$1" -c "$PROBE" 2>/dev/null </dev/null) || version=
    case $version in [0-9]*.[0-9]*.[0-9]*) echo "$version" ;; esac
}

# at_least VERSION MINIMUM: both X.Y.Z.
at_least() {
    saved_ifs=$IFS
    IFS=.
    # shellcheck disable=SC2086 # split on the dots
    set -- $1 $2
    IFS=$saved_ifs
    [ "$1" -ne "$4" ] && { [ "$1" -gt "$4" ]; return; }
    [ "$2" -ne "$5" ] && { [ "$2" -gt "$5" ]; return; }
    [ "$3" -ge "$6" ]
}

# first_series_from X.Y.Z: the first pythonX.Y whose every release meets X.Y.Z.
first_series_from() {
    major=${1%%.*} minor=${1#*.}
    patch=${minor#*.} minor=${minor%%.*}
    [ "$patch" -eq 0 ] || minor=$((minor + 1))
    echo "python$major.$minor"
}

# Every python3.X on the PATH, in PATH order, then python3.
candidates() {
    saved_ifs=$IFS
    IFS=:
    for dir in $PATH; do
        for path in "${dir:-.}"/python3.[0-9]*; do
            minor=${path##*/python3.}
            case $minor in '' | *[!0-9]*) continue ;; esac
            [ -x "$path" ] && echo "$path"
        done
    done
    IFS=$saved_ifs
    command -v python3 || true
}

# pick [PYTHON]: print the interpreter to use, or say why there is none and exit 2.
pick() {
    if [ -n "${1:-}" ]; then
        version=$(version_of "$1")
        [ -n "$version" ] || fail "PYTHON=$1 does not run; $needed is needed"
        at_least "$version" "$minimum" || fail "needs $needed; PYTHON=$1 is $version"
        command -v "$1"
        return
    fi
    best= best_version= found=
    for path in $(candidates); do
        version=$(version_of "$path")
        [ -n "$version" ] || continue
        case ", $found," in *", ${path##*/} $version,"*) ;; *) found="${found:+$found, }${path##*/} $version" ;; esac
        at_least "$version" "$minimum" || continue
        if [ -z "$best" ] || ! at_least "$best_version" "$version"; then
            best=$path best_version=$version
        fi
    done
    [ -n "$best" ] && { echo "$best"; return; }
    suggested=$(first_series_from "$minimum")
    fail "needs $needed; found ${found:-no python3 on the PATH}; install $suggested," \
        "or run \`make build PYTHON=/path/to/$suggested\`"
}

# stale DIR [PYTHON]: why the virtual environment DIR must be made again; nothing when it fits or is absent.
stale() {
    [ -e "$1" ] || return 0
    version=$(version_of "$1/bin/python")
    made_by=
    [ -f "$1/.interpreter" ] && read -r made_by <"$1/.interpreter"
    if [ -z "$version" ]; then
        echo "its python no longer runs (made by ${made_by:-an interpreter that is gone})"
    elif ! at_least "$version" "$minimum"; then
        echo "its python is $version; needs $needed"
    elif [ -n "${2:-}" ] && [ "$made_by" != "$(command -v "$2" || echo "$2")" ]; then
        echo "made by ${made_by:-another interpreter}, not PYTHON=$2"
    fi
}

# venv DIR [PYTHON]: make DIR with the interpreter `pick` chooses, unless the one there fits.
venv() {
    why=$(stale "$1" "${2:-}")
    if [ -e "$1/bin/python" ] && [ -z "$why" ]; then
        # It fits: keep it. One made before this script gets its record: the interpreter that
        # pyvenv.cfg names, dated as the environment itself so that make reinstalls nothing.
        [ -f "$1/.interpreter" ] && return 0
        made_by=$(sed -n 's/^executable *= *//p' "$1/pyvenv.cfg" 2>/dev/null || true)
        echo "${made_by:-$1/bin/python}" >"$1/.interpreter"
        if [ -f "$1/pyvenv.cfg" ]; then touch -r "$1/pyvenv.cfg" "$1/.interpreter"; fi
        return 0
    fi
    python=$(pick "${2:-}")
    version=$(version_of "$python")
    echo "making $1 with $python ($version)${why:+: the old one is removed, $why}" >&2
    rm -rf "$1"
    if ! "$python" -m venv "$1" || [ -z "$(version_of "$1/bin/python")" ]; then
        rm -rf "$1"
        series=${version%.*}
        fail "\`$python -m venv $1\` failed; on Debian or Ubuntu, install python$series-venv" \
            "(sudo apt-get install python$series-venv), or run make with PYTHON=/path/to/python3"
    fi
    echo "$python" >"$1/.interpreter"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
pick) pick "${1:-}" ;;
stale) stale "${1:?stale DIR [PYTHON]}" "${2:-}" ;;
venv) venv "${1:?venv DIR [PYTHON]}" "${2:-}" ;;
*) fail "usage: sh scripts/python.sh venv DIR [PYTHON] | stale DIR [PYTHON] | pick [PYTHON]" ;;
esac
