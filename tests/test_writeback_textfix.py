"""``klarsprak fix`` for .txt/.md: --diff prints a unified diff, --write applies it atomically in the
file's own encoding; Word files get a tracked-changes copy."""

from __future__ import annotations

import codecs
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from findings_helpers import finding_on, make_decision_docx, read, result_for
from klarsprak.cli import main
from klarsprak.errors import OutputError
from klarsprak.writeback import textfix

LETTER = "Hej!\n\nVi har erhållit din ansökan. Sökanden uppbär stöd.\n"


def test_plan_applies_safe_fixes_and_skips_unsafe_and_overlapping(tmp_path):
    path = tmp_path / "brev.txt"
    path.write_text(LETTER, encoding="utf-8")
    doc = read(path)
    findings = [finding_on(doc, "erhållit", replacement="fått"), finding_on(doc, "har erhållit", replacement="fick"),
                finding_on(doc, "uppbär", replacement="får", safe=False)]
    fixes = textfix.plan(result_for(doc, findings))
    assert fixes.fixed == LETTER.replace("har erhållit", "fick")
    assert [f.text for f, _ in fixes.skipped] == ["erhållit"]


def test_text_joined_across_lines_is_not_fixed(tmp_path):
    path = tmp_path / "brev.txt"
    path.write_text("Vi har gått igenom det du skickade till oss förra veckan och vi har erhållit\n"
                    "din ansökan om ekonomiskt bistånd för april månad.\n", encoding="utf-8")
    doc = read(path)
    fixes = textfix.plan(result_for(doc, [finding_on(doc, "erhållit din", replacement="fått din")]))
    assert fixes.applied == [] and "radbrytning" in fixes.skipped[0][1]


def test_markdown_markup_inside_the_span_is_not_fixed(tmp_path):
    path = tmp_path / "brev.md"
    path.write_text("Vi har **erhållit** din ansökan.\n", encoding="utf-8")
    doc = read(path)
    block = doc.blocks[0]
    if block.text != "Vi har erhållit din ansökan.":
        pytest.skip("Markdown-läsaren behåller markeringen")
    fixes = textfix.plan(result_for(doc, [finding_on(doc, "har erhållit", replacement="fick")]))
    assert fixes.applied == []


def test_cli_diff_is_a_unified_diff_and_exits_1_when_there_is_something_to_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("brev.txt").write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "brev.txt", "--diff"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("--- a/brev.txt\n+++ b/brev.txt\n@@ ")
    assert "-Vi har erhållit din ansökan. Sökanden uppbär stöd.\n" in result.stdout
    assert "+Vi har fått din ansökan. Sökanden får stöd.\n" in result.stdout
    assert Path("brev.txt").read_text(encoding="utf-8") == LETTER  # --diff never writes
    # the diff applies with the real patch tool and gives what --write gives
    Path("kopia.txt").write_text(LETTER, encoding="utf-8")
    patch = subprocess.run(["patch", "--quiet", "kopia.txt"], input=result.stdout, text=True, capture_output=True)
    if patch.returncode == 127:
        pytest.skip("patch saknas")
    assert patch.returncode == 0, patch.stderr
    written = CliRunner().invoke(main, ["fix", "brev.txt", "--write"])
    assert written.exit_code == 0, written.output
    assert Path("brev.txt").read_text(encoding="utf-8") == Path("kopia.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding,bom,newline", [("cp1252", b"", "\r\n"), ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
                                                  ("utf-8", codecs.BOM_UTF8, "\r\n")])
def test_write_keeps_encoding_bom_and_line_breaks(tmp_path, encoding, bom, newline):
    path = tmp_path / "brev.txt"
    path.write_bytes(bom + LETTER.replace("\n", newline).encode(encoding))
    result = CliRunner().invoke(main, ["fix", str(path), "--write"])
    assert result.exit_code == 0, result.output
    expected = LETTER.replace("erhållit", "fått").replace("uppbär", "får").replace("\n", newline)
    assert path.read_bytes() == bom + expected.encode(encoding)


def test_write_refuses_when_the_file_would_not_round_trip(tmp_path):
    path = tmp_path / "brev.txt"
    doc_bytes = "Vi har erhållit din ansökan.\n".encode("utf-8") + b"\xff trasig\n"
    path.write_bytes(doc_bytes)
    doc = read(path)
    with pytest.raises(OutputError):
        textfix.encode_like("x", doc.source_text, doc_bytes, doc.encoding, str(path))


def test_cli_fix_on_word_writes_a_tracked_copy_and_refuses_to_overwrite(tmp_path):
    source = make_decision_docx(tmp_path / "beslut.docx")
    before = source.read_bytes()
    runner = CliRunner()
    result = runner.invoke(main, ["fix", str(source)])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "beslut.forslag.docx"
    assert zipfile.is_zipfile(copy) and source.read_bytes() == before
    with zipfile.ZipFile(copy) as zf:
        assert "<w:ins " in zf.read("word/document.xml").decode()
    again = runner.invoke(main, ["fix", str(source)])
    assert again.exit_code == 2 and "finns redan" in again.output
    wrong = runner.invoke(main, ["fix", str(source), "--diff"])
    assert wrong.exit_code == 2
