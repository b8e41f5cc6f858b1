"""MkDocs hooks, listed under `hooks:` in mkdocs.yml.

MkDocs loads each hook from its file path, so a hook imports nothing from the `scripts` package:
it must work under a plain `mkdocs serve` as well as under `python -m scripts build`.
"""
