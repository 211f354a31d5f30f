"""Our LIX agrees with textstat's on plain text where both split sentences and words the same way.

klarsprak computes LIX on the pipeline's own tokens (so "t.ex." and "2 kap. 1 §" do not end a
sentence and placeholders do not count); textstat is the independent reference here."""

from __future__ import annotations

import pytest

from klarsprak import api

textstat = pytest.importorskip("textstat", reason="pip install textstat (ingår i test-extran)")

PLAIN = (
    "Vi har fått din ansökan om pengar till hyran. Du får pengar för mars. "
    "Vi betalar ut pengarna till ditt konto den tjugofemte. Om du har frågor kan du ringa mig. "
    "Handläggaren bedömer ansökningar om ekonomiskt bistånd utifrån riksnormens fastställda belopp."
)


def test_lix_matches_textstat_on_plain_text():
    textstat.set_lang("sv")
    ours = api.lint_text(PLAIN).metrics["lix"]
    reference = textstat.lix(PLAIN)
    assert ours == pytest.approx(reference, abs=1.0), (ours, reference)


def test_abbreviations_do_not_end_sentences_in_our_lix():
    text = "Du kan t.ex. ringa oss. Beslutet gäller enligt 4 kap. 1 § socialtjänstlagen."
    metrics = api.lint_text(text).metrics
    assert metrics["sentences"] == 2
