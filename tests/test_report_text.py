"""Terminal output: grouped per document and category, context with the span marked, summary,
colours only when asked (a terminal without NO_COLOR), quiet and verbose."""

from __future__ import annotations

import io

from report_fixtures import mixed_report, txt_result
from findings_helpers import report_of
from klarsprak.report import render, use_color


def test_findings_are_grouped_per_document_and_category_with_context_and_caret(tmp_path):
    out = render(mixed_report(tmp_path), "text", {"color": False})
    assert "\x1b[" not in out
    lines = out.splitlines()
    txt_start = next(i for i, l in enumerate(lines) if l.endswith("02-beviljas-byrakratisk.txt  (txt, profil beslut, teckenkodning UTF-8)") or "02-beviljas-byrakratisk.txt" in l)
    block = lines[txt_start:]
    cats = [l.strip() for l in block if l.strip() in ("Vårdat", "Enkelt", "Begripligt", "Struktur")]
    assert cats[:3] == ["Vårdat", "Enkelt", "Begripligt"]
    i = next(i for i, l in enumerate(lines) if "KS101" in l)
    assert "rad " in lines[i] and "varning" in lines[i]
    assert "100 % byråkratiskt" in lines[i] and "\n" not in lines[i]  # a message is one line
    context, caret = lines[i + 1], lines[i + 2]
    start = caret.index("^")
    assert context[start:start + len("uppbär")] == "uppbär" and caret.count("^") == len("uppbär")
    assert lines[i + 3].strip() == "→ Förslag: får"
    assert any(l.strip().startswith("Sammanfattning: 4 fynd (1 fel, 1 varning, 2 info)") and "LIX 38,5 (medelsvår)" in l for l in lines)
    assert "hela dokumentet" in out and "sidhuvud" in out and "stycke 2" in out
    assert "fel: PDF-filen saknar textlager" in out
    assert lines[-1].startswith("Totalt: 3 dokument, 6 fynd")


def test_colour_marks_the_span_and_is_off_without_a_terminal_or_with_no_color():
    out = render(report_of(txt_result()), "text", {"color": True})
    assert "\x1b[1;4;31muppbär\x1b[0m" in out
    assert use_color(io.StringIO(), env={}) is False

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert use_color(Tty(), env={}) is True
    assert use_color(Tty(), env={"NO_COLOR": "1"}) is False


def test_quiet_leaves_out_summaries_and_verbose_adds_outline_and_abbreviations(tmp_path):
    result = txt_result()
    result.outline = [{"role": "decision", "label": "Beslut", "heading": "Beslut", "source": "heading", "blocks": [4, 5]}]
    result.abbreviations = [{"abbreviation": "FK", "expansion": "Försäkringskassan", "defined_at": None, "uses": 2}]
    quiet = render(report_of(result), "text", {"quiet": True})
    assert "Sammanfattning" not in quiet and "KS101" in quiet
    verbose = render(report_of(result), "text", {"verbose": True})
    assert "Disposition:" in verbose and "- Beslut: ”Beslut” (block 5–6)" in verbose
    assert "Förkortningar:" in verbose and "- FK = Försäkringskassan (2 gånger), förklaras inte i texten" in verbose
    normal = render(report_of(result), "text", {})
    # the outline is part of every report (issue 5): one short line unless verbose
    assert "Disposition: Beslut\n" in normal and "(block 5–6)" not in normal
    assert "Disposition:" not in quiet


def test_cli_text_output_has_no_colour_when_not_a_terminal_and_lists_real_findings(monkeypatch):
    from pathlib import Path

    from click.testing import CliRunner

    from klarsprak.cli import main

    path = Path(__file__).resolve().parents[1] / "corpora" / "beslut" / "txt" / "02-beviljas-byrakratisk.txt"
    result = CliRunner().invoke(main, ["check", str(path), "--fail-on", "never", "-v"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out
    assert "Vårdat" in out and "Sammanfattning:" in out and "LIX" in out and "Disposition:" in out
    lines = out.splitlines()
    for i, line in enumerate(lines):  # every caret line marks the finding's text in the line above
        if line.strip().startswith("│") and set(line.split("│", 1)[1].strip()) == {"^"}:
            above = lines[i - 1].split("│", 1)[1]
            marks = line.split("│", 1)[1]
            start = marks.index("^")
            assert above[start:start + marks.count("^")].strip() or marks.count("^") <= 2
