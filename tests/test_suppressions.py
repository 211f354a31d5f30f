"""In-file suppressions on real files through the whole pipeline: Markdown/text comments, one-line
ignores, Word comments on a span, per-path ignores in config, and unused suppressions reported."""

from __future__ import annotations

from pathlib import Path

import docx

from klarsprak import api
from klarsprak.config import load_file
from klarsprak.suppressions import text_suppressions

SENTENCE = "Vi har erhållit din ansökan."  # KS101 on "erhållit"


def _rules(result, word: str) -> set[str]:
    return {f.rule for f in result.findings if f.text == word}


def test_disable_enable_block_in_markdown(tmp_path):
    path = tmp_path / "brev.md"
    unsuppressed = api.lint_text("Vi har erhållit din ansökan.", fmt="md")
    assert "KS101" in _rules(unsuppressed, "erhållit")
    path.write_text(
        "# Beslut\n\n"
        "<!-- klarsprak-disable KS101 -->\n"
        "Vi har erhållit din ansökan.\n"
        "<!-- klarsprak-enable -->\n\n"
        "Sökanden uppbär stöd.\n",
        encoding="utf-8",
    )
    result = api.lint_file(str(path))
    assert "KS101" not in _rules(result, "erhållit")
    assert "KS101" in _rules(result, "uppbär")  # after the enable
    assert not any("undantaget" in w for w in result.warnings)


def test_one_line_ignore_on_its_own_line_and_on_the_next_line(tmp_path):
    path = tmp_path / "brev.txt"
    path.write_text(
        "Vi har erhållit din ansökan. klarsprak: ignorera KS101\n\n"
        "<!-- klarsprak: ignorera KS101 -->\n"
        "Sökanden uppbär stöd.\n\n"
        "Vi har erhållit pengar.\n",
        encoding="utf-8",
    )
    result = api.lint_file(str(path))
    lines = {f.location.line for f in result.findings if f.rule == "KS101"}
    assert lines == {6}  # line 1 (same line) and line 4 (next line) are suppressed


def test_a_suppression_that_suppresses_nothing_is_reported(tmp_path):
    path = tmp_path / "brev.md"
    path.write_text("<!-- klarsprak-disable KS101 -->\nVi har fått din ansökan.\n<!-- klarsprak-enable -->\n", encoding="utf-8")
    result = api.lint_file(str(path))
    assert result.warnings == ["rad 1: undantaget '<!-- klarsprak-disable KS101 -->' döljer inget fynd; ta bort det"]


def test_enable_of_one_rule_keeps_the_others_disabled():
    source = "<!-- klarsprak-disable KS101 KS102 -->\na\n<!-- klarsprak-enable KS101 -->\nb\n"
    spans = [(sorted(s.rules), s.first_line, s.last_line) for s in text_suppressions(source)]
    assert spans == [(["KS101", "KS102"], 1, 3), (["KS102"], 3, 5)]


def _docx_with_comment(path: Path, comment: str, on: str) -> Path:
    d = docx.Document()
    p = d.add_paragraph("Sökanden har ")
    target = p.add_run(on)
    p.add_run(" sin ansökan och uppbär stöd.")
    d.add_comment(target, text=comment, author="Handläggare", initials="H")
    d.save(path)
    return path


def test_a_word_comment_suppresses_the_rule_on_its_span_only(tmp_path):
    plain = _docx_with_comment(tmp_path / "utan.docx", "Ett vanligt kommentar.", "erhållit")
    assert "KS101" in _rules(api.lint_file(str(plain)), "erhållit")  # the rule fires without the directive
    path = _docx_with_comment(tmp_path / "beslut.docx", "Ordet är ett citat. klarsprak: ignorera KS101", "erhållit")
    result = api.lint_file(str(path))
    assert "KS101" not in _rules(result, "erhållit")
    assert "KS101" in _rules(result, "uppbär")  # outside the comment's span
    assert not result.warnings


def test_an_unused_word_comment_suppression_is_reported(tmp_path):
    path = _docx_with_comment(tmp_path / "beslut.docx", "klarsprak: ignorera KS101", "skickat in")
    result = api.lint_file(str(path))
    assert any("kommentar i stycke 1" in w and "döljer inget fynd" in w for w in result.warnings)


def test_per_path_ignores_in_config(tmp_path):
    (tmp_path / "mallar").mkdir()
    config = tmp_path / ".klarsprak.toml"
    config.write_text('[ignore]\n"mallar/**" = ["KS101"]\n', encoding="utf-8")
    inside = tmp_path / "mallar" / "brev.txt"
    outside = tmp_path / "brev.txt"
    for p in (inside, outside):
        p.write_text(SENTENCE + "\n", encoding="utf-8")
    cfg = load_file(config)
    assert "KS101" not in _rules(api.lint_file(str(inside), config=cfg), "erhållit")
    assert "KS101" in _rules(api.lint_file(str(outside), config=cfg), "erhållit")
