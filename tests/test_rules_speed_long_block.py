"""One long paragraph (PDF text without breaks) is judged like its parts: every repetition of a
paragraph gets the same findings, with the right sentence and placeholders honoured, at the end
of the block as at its start. (The rules answer position questions from per-document indexes; a
wrong index would show here as a missing or misplaced finding late in the block. Speed itself is
measured by ``benchmarks/rules_speed.py --long-block``.)"""

from __future__ import annotations

from collections import defaultdict

from klarsprak import api

UNIT = (
    "Vi har tagit emot Din ansökan om bistånd och «Namn» har skickat in den. Handläggaren  erhåller "
    "underlaget , och vi beslutar snart om Din ansökan. "
)
REPEATS = 120
# rules that fire on every occurrence (the first-use rules, e.g. KS105, fire once per document)
EVERY_TIME = {"KS101", "KS302", "KS303", "KS503", "KS602"}


def test_every_repetition_in_one_long_block_gets_the_same_findings() -> None:
    result = api.lint_text(UNIT * REPEATS, profile="brev")
    assert not result.errors
    assert len(result.document.blocks) == 1  # one paragraph of about 2,800 words

    by_repetition: dict[int, set] = defaultdict(set)
    for f in result.findings:
        if f.rule not in EVERY_TIME:
            continue
        k, start = divmod(f.location.start, len(UNIT))
        by_repetition[k].add((f.rule, start, f.location.end - k * len(UNIT), f.text, f.message, f.sentence))

    first = by_repetition[0]
    assert {x[0] for x in first} == EVERY_TIME
    assert {x[3] for x in first if x[0] == "KS303"} == {"Din"}
    # the sentence of each finding is its own sentence, not the block or a neighbour
    assert {x[5] for x in first if x[0] == "KS101"} == {"Handläggaren  erhåller underlaget , och vi beslutar snart om Din ansökan."}
    assert {x[5] for x in first if x[0] == "KS303"} == {
        "Vi har tagit emot Din ansökan om bistånd och «Namn» har skickat in den.",
        "Handläggaren  erhåller underlaget , och vi beslutar snart om Din ansökan.",
    }
    assert sorted(by_repetition) == list(range(REPEATS))
    for k in range(1, REPEATS):
        assert by_repetition[k] == first, f"repetition {k}"

    # template placeholders stay out of every other rule's findings, late in the block too
    placeholders = result.document.blocks[0].placeholders
    assert len(placeholders) == REPEATS
    for f in result.findings:
        if f.rule != "KS602":
            assert not any(s < f.location.end and f.location.start < e for s, e in placeholders), f
