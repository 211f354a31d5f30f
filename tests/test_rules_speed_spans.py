"""The position indexes that keep the rules linear in a long block give exactly the answers of the
scans they replace (random spans, including empty, nested and overlapping ones)."""

from __future__ import annotations

import random
import re

import pytest

from klarsprak.checks.alternation import Alternation
from klarsprak.checks.spans import Intervals, SentenceIndex
from klarsprak.nlp.types import Sentence


def _spans(rng: random.Random, n: int, size: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rng.randrange(size)
        out.append((s, s + rng.choice((0, 1, 2, 5, 30))))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_intervals_answer_as_the_scan(seed: int) -> None:
    rng = random.Random(seed)
    spans = _spans(rng, rng.randrange(0, 40), 200)
    index = Intervals(spans)
    for _ in range(300):
        start = rng.randrange(-5, 220)
        end = start + rng.choice((0, 1, 3, 10))
        assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
        assert index.covers(start, end) == any(s <= start and end <= e for s, e in spans)


def _scan(sentences: list[Sentence], offset: int, empty_holds_start: bool) -> Sentence | None:
    for s in sentences:
        if s.start <= offset < (max(s.end, s.start + 1) if empty_holds_start else s.end):
            return s
    return None


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("ordered", [True, False])
def test_sentence_index_finds_the_first_sentence_a_scan_finds(seed: int, ordered: bool) -> None:
    rng = random.Random(seed)
    spans = _spans(rng, rng.randrange(0, 30), 150)
    if ordered:  # the tagger's sentences: in order, some empty, some touching
        spans.sort()
    sentences = [Sentence(i, 0, s, e, 0, 0, f"s{i}") for i, (s, e) in enumerate(spans)]
    index = SentenceIndex(sentences)
    for offset in range(-3, 190):
        for empty in (False, True):
            assert index.first_holding(offset, empty) is _scan(sentences, offset, empty)


def test_alternation_names_the_alternative_the_combined_regex_chose() -> None:
    alternatives = [r"(?:bistånd(?:et)? enligt 4 kap)(?![\w-])", r"(?:bistånd(?:et)?)(?![\w-])",
                    r"(?:e-?post)(?![\w@-])", r"(?:mejl(?:et)?)(?![\w@-])", r"(?:epost|e-post)(?![\w@-])"]
    left = r"(?<![\w-])"
    named = re.compile(left + "(?:" + "|".join(f"(?P<g{i}>{a})" for i, a in enumerate(alternatives)) + ")")
    text = ("Biståndet enligt 4 kap gäller. Du får bistånd, skicka e-post eller epost eller mejlet; "
            "mejla inte, e-posten och xbistånd och bistånd-") * 3
    expected = [(int(m.lastgroup[1:]), m.start(), m.end()) for m in named.finditer(text.lower())]
    assert list(Alternation(left, alternatives).finditer(text.lower())) == expected
    assert len(expected) == 13 and {i for i, _, _ in expected} == {0, 1, 2, 3}
