"""Tooling for the site: the validating build, its checks, the MkDocs hooks and the benchmarks.

Run it as `python -m scripts <command>`; `python -m scripts --help` lists the commands.
"""
