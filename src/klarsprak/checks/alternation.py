"""One scan of a text for many alternative patterns, telling which alternative matched.

A combined regex with a named group per alternative (``(?P<g0>…)|(?P<g1>…)``) is slow in Python's
``re``: a group in front of each alternative stops the engine from rejecting an alternative by its
first character, so every alternative is tried at every position. Here the scan uses the bare
alternation, and only a match (rare) is asked which alternative it was, by matching the
alternatives in order at its start, the choice the scan itself made.
"""

from __future__ import annotations

import re
from typing import Iterator


class Alternation:
    __slots__ = ("scan", "parts")

    def __init__(self, left: str, alternatives: list[str]):
        """``left``: a zero-width pattern in front of every alternative (e.g. a word boundary)."""
        self.scan = re.compile(left + "(?:" + "|".join(alternatives) + ")")
        self.parts = [re.compile(a) for a in alternatives]

    def finditer(self, text: str) -> Iterator[tuple[int, int, int]]:
        """``(alternative, start, end)`` for each match of the scan, left to right."""
        for m in self.scan.finditer(text):
            start = m.start()
            for i, part in enumerate(self.parts):
                found = part.match(text, start)
                if found is not None:
                    yield i, start, found.end()
                    break
