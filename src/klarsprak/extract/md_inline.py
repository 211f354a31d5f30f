"""Inline Markdown: remove markup (``**``, ``_``, backticks, links, HTML tags and comments, escapes)
from one line while keeping, for every remaining character, its source column.

Inline code keeps its text but is flagged, so the reader can mark it as a span no rule fires on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
HTML_COMMENT = re.compile(r"<!--.*?-->")
AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
LINK = re.compile(r"(!?\[)([^\[\]\n]*)(\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\]\[[^\[\]]*\])")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
STRONG = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
EMPH_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)")
EMPH_UNDERSCORE = re.compile(r"(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w_])")


@dataclass
class Piece:
    text: str
    column: int  # 1-based source column of text[0]
    code: bool = False


def strip_inline(text: str, column: int) -> list[Piece]:
    """Pieces of ``text`` (which starts at source ``column``) with inline markup removed."""
    n = len(text)
    # Flags per character as bytearrays (cheap even for a very long line).
    keep = bytearray(b"\x01") * n
    literal = bytearray(n)  # code span content and escaped characters: never markup
    code = bytearray(n)

    def drop(a: int, b: int) -> None:
        keep[a:b] = bytes(b - a)

    def free(a: int, b: int) -> bool:
        return keep.find(0, a, b) < 0 and literal.find(1, a, b) < 0

    for m in CODE_SPAN.finditer(text):
        drop(m.start(1), m.end(1))
        drop(m.end(2), m.end())
        width = m.end(2) - m.start(2)
        literal[m.start(2):m.end(2)] = b"\x01" * width
        code[m.start(2):m.end(2)] = b"\x01" * width
    for rx in (HTML_COMMENT, HTML_TAG):
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                drop(m.start(), m.end())
    for m in AUTOLINK.finditer(text):
        if free(m.start(), m.end()):
            drop(m.start(), m.start() + 1)
            drop(m.end() - 1, m.end())
    for m in ESCAPE.finditer(text):
        if free(m.start(), m.start() + 1):
            keep[m.start()] = 0
            literal[m.start() + 1] = 1
    for m in LINK.finditer(text):
        if free(m.start(1), m.end(1)) and free(m.start(3), m.end(3)):
            drop(m.start(1), m.end(1))
            drop(m.start(3), m.end(3))
    for rx, width in ((STRONG, 2), (EMPH_STAR, 1), (EMPH_UNDERSCORE, 1)):
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if free(a, a + width) and free(b - width, b):
                drop(a, a + width)
                drop(b - width, b)

    # state 1: plain kept text, 3: kept code text, 0/2: dropped.
    state = bytes(k | (c << 1) for k, c in zip(keep, code)) if n < 4096 else _state(keep, code)
    return [
        Piece(text[m.start():m.end()], column + m.start(), m.group()[0] == 3)
        for m in re.finditer(rb"\x01+|\x03+", state)
    ]


def _state(keep: bytearray, code: bytearray) -> bytes:
    # Long lines: combine with big-int arithmetic instead of a per-character Python loop.
    n = len(keep)
    value = int.from_bytes(keep, "big") | (int.from_bytes(code, "big") << 1)
    return value.to_bytes(n, "big")
