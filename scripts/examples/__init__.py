"""`make examples`: every `aws` command and every Python example of the site, in every language, run
against moto on this machine, with a report per page.

The pieces, one module each: `blocks` finds the examples in a page (scripts/sources.py locates the
fences), `sandbox` starts moto, the trap for requests leaving the machine and the fork server
(`zygote`), `given` makes what a page assumes its reader has, `runner` runs a page as its reader
would, `inventory` lists what the page left behind, `shapes` compares shown output with the real
one, and `cli_v2` runs the AWS CLI v2 syntax the site teaches on PyPI's v1.

pytest-examples was considered for the Python blocks and not kept: it sees Python only, runs each
block inside the test process (no fresh interpreter, no shared page order with the shell blocks),
and reads its own fence options, where a page needs shell and Python blocks in one order and one
moto state, and markers that the theme and the build already read.
"""
