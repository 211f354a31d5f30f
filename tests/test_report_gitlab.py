"""GitLab Code Quality: the fields GitLab requires, unique and stable fingerprints."""

from __future__ import annotations

import json

from report_fixtures import TRICKY, mixed_report
from findings_helpers import finding_on, read, report_of, result_for
from klarsprak.report import render


def test_every_issue_has_what_gitlab_requires(tmp_path):
    issues = json.loads(render(mixed_report(tmp_path), "gitlab"))
    assert len(issues) == 7
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert TRICKY in issues[0]["description"]


def test_fingerprints_are_unique_for_the_same_word_twice_and_stable_across_runs(tmp_path):
    path = tmp_path / "brev.txt"
    path.write_text("Vi har erhållit och erhållit din ansökan.\n", encoding="utf-8")
    document = read(path)
    text = document.blocks[0].text
    second = text.index("erhållit", text.index("erhållit") + 1)
    twice = [finding_on(document, "erhållit"), finding_on(document, "erhållit")]
    from klarsprak.checks.base import locate

    twice[1].location = locate(document, 0, second, second + len("erhållit"))
    run1 = json.loads(render(report_of(result_for(document, twice)), "gitlab"))
    run2 = json.loads(render(report_of(result_for(read(path), twice)), "gitlab"))
    assert run1[0]["fingerprint"] != run1[1]["fingerprint"]
    assert [i["fingerprint"] for i in run1] == [i["fingerprint"] for i in run2]
