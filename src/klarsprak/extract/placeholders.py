"""Template placeholders: spans of block text that a template fills in later, so no rule fires on them.

Recognised by default (shared by every reader):

- ``«Fält»`` – the result text Word shows for a MERGEFIELD, also typed by hand;
- ``{{fält}}`` – mail-merge and web template syntax;
- ``[Fält]`` – square brackets around a name that starts with a capital letter or an underscore
  (``[Namn]``, ``[Sökandens namn]``, ``[PERSONNUMMER]``, ``[_datum]``). Not ``[1]`` (reference
  numbers), not ``[sic]`` or ``[...]`` (lower-case or punctuation: editorial text);
- ``$FÄLT$`` – a name between dollar signs that starts with a letter or underscore (not ``$5$``);
- patterns from ``placeholder-patterns`` in the config (Python regular expressions).

Readers add spans they know from the file itself (docx MERGEFIELD results, content controls that
still show their placeholder text); :func:`merge` combines them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

_LETTER = r"A-Za-zÅÄÖÉÜåäöéü"
_BUILTIN = [
    r"«[^«»\n]{1,80}»",
    r"\{\{[^{}\n]{1,80}\}\}",
    r"\[[A-ZÅÄÖÉÜ_][" + _LETTER + r"0-9_ ./:-]{0,79}\]",
    r"\$[" + _LETTER + r"_][" + _LETTER + r"0-9_]{0,60}\$",
]


@lru_cache(maxsize=32)
def _compiled(extra: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in (*_BUILTIN, *extra)]


def find(text: str, patterns: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Placeholder spans in ``text`` (sorted, non-overlapping)."""
    spans: list[tuple[int, int]] = []
    for rx in _compiled(tuple(patterns)):
        spans.extend(m.span() for m in rx.finditer(text) if m.end() > m.start())
    return merge(spans)


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and join those that overlap or touch."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
