"""Code is the same in both languages: the fenced code blocks of a translated page pair with those of
the default language's page, in order, with the same language and the same code once comments and
string literals (which a translation may translate) are set aside.

Each language is read its own way: Python with `tokenize`; shells, PowerShell, JavaScript and
TypeScript, JSON, YAML and INI with a small lexer that knows their comments and quotes (and, in
YAML, takes a plain value of several words for a string); any other language token by token, as
written. `text` and `markdown` blocks hold prose in each language: only
their number and language are compared. A finding points at the translation's block.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from itertools import zip_longest

from scripts.checks.context import Context
from scripts.findings import Finding
from scripts.sources import Fence, SourcePage

STRING = "<string>"
END = "<end of line>"
PROSE = frozenset({"text", "markdown", "md", "plain", "txt"})  # prose in each language


@dataclass(frozen=True)
class Lexer:
    """How to set comments and strings aside in one language."""

    comments: tuple[str, ...] = ()  # what starts a comment to the end of the line
    word_start: bool = False  # a comment or a quote starts only at the start of a word (`a#b` is not one)
    blocks: tuple[tuple[str, str], ...] = ()  # block comments: opening, closing
    quotes: str = ""  # the quotes of string literals
    escape: str = ""  # the escape character, inside and outside double quotes
    raw: str = ""  # the quotes inside which nothing is escaped
    indentation: bool = False  # the indentation of each line has a meaning


SHELL = Lexer(comments=("#",), word_start=True, quotes="'\"", escape="\\", raw="'")
LEXERS = {
    **dict.fromkeys(("bash", "sh", "shell", "console", "zsh", "shell-session"), SHELL),
    "powershell": Lexer(comments=("#",), word_start=True, blocks=(("<#", "#>"),), quotes="'\"", escape="`",
                        raw="'"),
    **dict.fromkeys(("javascript", "js", "typescript", "ts", "java", "go", "c", "cpp", "csharp", "rust"),
                    Lexer(comments=("//",), blocks=(("/*", "*/"),), quotes="'\"`", escape="\\")),
    "json": Lexer(quotes='"', escape="\\"),
    **dict.fromkeys(("yaml", "yml"), Lexer(comments=("#",), word_start=True, quotes="'\"", escape="\\", raw="'",
                                          indentation=True)),
    "ini": Lexer(comments=("#", ";"), word_start=True),
    "toml": Lexer(comments=("#",), word_start=True, quotes="'\"", escape="\\", raw="'"),
}
WORD = re.compile(r"\w+")
# A YAML plain scalar of several words, after a key or a list dash: prose, a string that may be
# translated (`Description: Private bucket`), unlike one word (`Type: String`) or a tag (`!Ref Name`).
YAML_PROSE = re.compile(
    r"^(?P<head>[ \t]*(?:(?:-[ \t]+)?[\w.-]+:[ \t]+|-[ \t]+))"
    r"(?P<value>[^\s!&*|>\[{\"'#%@`-][^#]*?[ \t][^#]*?[^\s#])(?P<tail>[ \t]+#.*)?$"
)
WORD_BOUNDARY = " \t([{,:=|;&"  # what may come right before a comment or a quote that starts a word


@dataclass(frozen=True)
class Token:
    text: str
    line: int  # in the block's body, from 0


def check(context: Context) -> list[Finding]:
    default = context.project.default
    originals = context.pages(default)
    findings: list[Finding] = []
    for language in context.project.languages[1:]:
        for uri, translation in sorted(context.pages(language).items()):
            original = originals.get(uri)
            if original is None or not (original.body_read and translation.body_read):
                continue  # the parity check reports the missing page, the encoding check the unreadable one
            findings += compare(original, translation)
    return findings


def compare(original: SourcePage, translation: SourcePage) -> list[Finding]:
    """The findings on the code blocks of `translation`, the translation of `original`."""
    findings = []
    for want, have in zip_longest(original.fences, translation.fences):
        if have is None:
            line = translation.fences[-1].line if translation.fences else 1
            return [*findings, Finding(
                translation.display, line, 1, "code-parity",
                f"code block missing after this line: {original.display}:{want.line} has a "
                f"{_describe(want)} block", "copy the code block in the same place, and translate its comments")]
        if want is None:
            return [*findings, Finding(
                translation.display, have.line, have.col, "code-parity",
                f"{_describe(have)} code block has no counterpart in {original.display}",
                "add it in both languages, or in neither")]
        if language_of(want) != language_of(have):
            return [*findings, Finding(
                translation.display, have.line, have.col, "code-parity",
                f"{_describe(have)} code block where {original.display}:{want.line} has a {_describe(want)} one",
                "keep the code blocks in the same order, with the same language")]
        if language_of(want) in PROSE:
            continue
        difference = _first_difference(tokens(language_of(want), want.body), tokens(language_of(have), have.body))
        if difference is None:
            continue
        wanted, found = difference
        findings.append(Finding(
            translation.display, have.line, have.col, "code-parity",
            f"the code of this {language_of(have)} block differs from {original.display}:{want.line}",
            f"line {_line(have, found)} has {_show(found)} where {original.display}:{_line(want, wanted)} has "
            f"{_show(wanted)}: keep the code as in {original.display}, translate only comments and strings"))
    return findings


def language_of(fence: Fence) -> str:
    """The first word of the info string, without the `{ .lang }` braces and dot."""
    words = fence.info.strip("{} ").split()
    return words[0].lstrip(".").lower() if words else ""


def tokens(language: str, body: tuple[str, ...] | list[str]) -> list[Token]:
    """The code of `body`, with comments dropped and string literals replaced by STRING."""
    if language in ("python", "py", "python3"):
        return _python(body)
    lexer = LEXERS.get(language)
    if language in ("yaml", "yml"):
        body = [YAML_PROSE.sub(r"\g<head>''\g<tail>", line) for line in body]
    return _lex(body, lexer) if lexer else _words(body)


def _python(body: tuple[str, ...] | list[str]) -> list[Token]:
    found: list[Token] = []
    depth = 0  # inside an f-string, as Python 3.12 tokenizes it
    start, end = getattr(tokenize, "FSTRING_START", None), getattr(tokenize, "FSTRING_END", None)
    try:
        for token in tokenize.generate_tokens(io.StringIO("\n".join(body) + "\n").readline):
            if token.type == start:
                depth += 1
                if depth == 1:
                    found.append(Token(STRING, token.start[0] - 1))
            elif token.type == end:
                depth -= 1
            elif depth or token.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENDMARKER):
                continue
            elif token.type == tokenize.STRING:
                found.append(Token(STRING, token.start[0] - 1))
            elif token.type == tokenize.NEWLINE:
                found.append(Token(END, token.start[0] - 1))
            elif token.type in (tokenize.INDENT, tokenize.DEDENT):
                found.append(Token(tokenize.tok_name[token.type], token.start[0] - 1))
            else:
                found.append(Token(token.string, token.start[0] - 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return _words(body)  # not Python as a whole (a fragment, a session): compare it as written
    return found


def _words(body: tuple[str, ...] | list[str]) -> list[Token]:
    """Every word of every line, as written."""
    found = []
    for number, line in enumerate(body):
        words = [Token(word, number) for word in line.split()]
        found += [*words, Token(END, number)] if words else []
    return found


def _lex(body: tuple[str, ...] | list[str], lexer: Lexer) -> list[Token]:
    found: list[Token] = []
    text = "\n".join(body)
    line, position, closing = 0, 0, None  # closing: the end of the block comment we are in

    def starts_word() -> bool:
        return not lexer.word_start or position == 0 or text[position - 1] in WORD_BOUNDARY + "\n"

    def end_line() -> None:
        if found and found[-1].text != END:
            found.append(Token(END, found[-1].line))

    at_line_start = True
    while position < len(text):
        char = text[position]
        if closing is not None:
            stop = text.find(closing, position)
            stop = len(text) if stop < 0 else stop + len(closing)
            line += text.count("\n", position, stop)
            position, closing = stop, None
            continue
        if char == "\n":
            end_line()
            line, position, at_line_start = line + 1, position + 1, True
            continue
        if char in " \t":
            if at_line_start and lexer.indentation:
                width = len(text[position:]) - len(text[position:].lstrip(" \t"))
                rest = text[position + width:position + width + 1]
                if rest not in ("", "\n") and not any(text.startswith(c, position + width) for c in lexer.comments):
                    found.append(Token(f"<indent {width}>", line))
                position += width
            else:
                position += 1
            at_line_start = False
            continue
        at_line_start = False
        if any(text.startswith(comment, position) for comment in lexer.comments) and starts_word():
            stop = text.find("\n", position)
            position = len(text) if stop < 0 else stop
            continue
        block = next((pair for pair in lexer.blocks if text.startswith(pair[0], position)), None)
        if block:
            position, closing = position + len(block[0]), block[1]
            continue
        if lexer.escape and char == lexer.escape and position + 1 < len(text):
            if text[position + 1] == "\n":  # a line continued
                line, position = line + 1, position + 2
            else:
                found.append(Token(text[position:position + 2], line))
                position += 2
            continue
        if char in lexer.quotes and starts_word():
            found.append(Token(STRING, line))
            position += 1
            while position < len(text) and text[position] != char:
                if lexer.escape and text[position] == lexer.escape and char not in lexer.raw:
                    position += 1
                line += text[position:position + 1] == "\n"
                position += 1
            position += 1
            continue
        word = WORD.match(text, position)
        found.append(Token(word[0] if word else char, line))
        position = word.end() if word else position + 1
    end_line()
    return found


def _first_difference(wanted: list[Token], found: list[Token]) -> tuple[Token | None, Token | None] | None:
    for want, have in zip_longest(wanted, found):
        if want is None or have is None or want.text != have.text:
            return want, have
    return None


def _line(fence: Fence, token: Token | None) -> int:
    """The line of `token` in the page: the line after the block's last line when there is none."""
    return fence.line + 1 + (token.line if token else len(fence.body))


def _show(token: Token | None) -> str:
    if token is None:
        return "the end of the block"
    if token.text in (STRING, END) or token.text.startswith(("<indent", "INDENT", "DEDENT")):
        return {STRING: "a string", END: "the end of a line"}.get(token.text, token.text.strip("<>").lower())
    return f"'{token.text}'"


def _describe(fence: Fence) -> str:
    return f"'{language_of(fence)}'" if language_of(fence) else "language-less"
