"""Every rule's own bad/good examples run as tests: a rule whose examples fail cannot ship."""

from __future__ import annotations

import pytest

from klarsprak import api
from klarsprak.checks import registry

RULES = registry()
CASES = [(rule_id, i, ex) for rule_id, rule in RULES.items() for i, ex in enumerate(rule.examples)]


def test_every_rule_has_examples_and_swedish_texts():
    assert RULES, "no rules registered"
    for rule_id, rule in RULES.items():
        assert rule.examples, f"{rule_id} has no examples"
        assert rule.title and rule.explanation, f"{rule_id} lacks title/explanation"
        assert rule.id.startswith("KS") and len(rule.id) == 5


@pytest.mark.parametrize("rule_id,index,example", CASES, ids=[f"{r}-{i}" for r, i, _ in CASES])
def test_bad_example_is_flagged(rule_id, index, example):
    result = api.lint_text(example.bad, profile=example.profile)
    assert not result.errors, result.errors
    rules = [f.rule for f in result.findings]
    assert rule_id in rules, f"{rule_id} missed its own bad example {example.bad!r}; found {rules}"


@pytest.mark.parametrize("rule_id,index,example", CASES, ids=[f"{r}-{i}" for r, i, _ in CASES])
def test_good_example_is_clean(rule_id, index, example):
    result = api.lint_text(example.good, profile=example.profile)
    assert not result.errors, result.errors
    hits = [f.message for f in result.findings if f.rule == rule_id]
    assert not hits, f"{rule_id} flags its own good example {example.good!r}: {hits}"
