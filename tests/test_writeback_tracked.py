"""Safe fixes as tracked changes in a real .docx: w:del/w:ins with author and date, formatting
kept, and the file reads back as "all accepted" (our reader) and "all rejected" (the deletions)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

from conftest import require_soffice
from findings_helpers import finding_on, make_decision_docx, read
from klarsprak import extract
from klarsprak.writeback.tracked import track_fixes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture()
def decision(tmp_path: Path) -> Path:
    return make_decision_docx(tmp_path / "beslut.docx")


def _body(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _rejected_text(p) -> str:
    """The paragraph as it reads when every change is rejected: deletions back, insertions out."""
    out = []
    for el in p.iter(W + "t", W + "delText"):
        inside_ins = any(a.tag == W + "ins" for a in el.iterancestors())
        if not inside_ins:
            out.append(el.text or "")
    return "".join(out)


def test_safe_fixes_become_tracked_changes_with_author_and_date(decision):
    document = read(decision)
    findings = [
        finding_on(document, "erhållits", replacement="fått"),
        finding_on(document, "tillställt", replacement="skickat"),
        finding_on(document, "Erhållet", replacement="Beviljat"),
        finding_on(document, "nämnden", replacement="socialnämnden", safe=False),  # not safe: left alone
    ]
    when = datetime(2024, 5, 2, 9, 30, tzinfo=timezone.utc)
    out = track_fixes(decision.read_bytes(), document, findings, date=when)
    assert [f.text for f in out.applied] == ["erhållits", "tillställt", "Erhållet"]
    body = _body(out.data)
    dels, inss = body.findall(f".//{W}del"), body.findall(f".//{W}ins")
    assert len(dels) == 3 and len(inss) == 3
    for el in dels + inss:
        assert el.get(W + "author") == "Klarspråk"
        assert el.get(W + "date") == "2024-05-02T09:30:00Z"
    ids = [el.get(W + "id") for el in dels + inss]
    assert len(set(ids)) == len(ids)
    assert ["".join(t.text for t in d.iter(W + "delText")) for d in dels] == ["erhållits", "tillställt", "Erhållet"]
    assert ["".join(t.text for t in i.iter(W + "t")) for i in inss] == ["fått", "skickat", "Beviljat"]
    # the inserted word keeps the formatting of the word it replaces
    first_ins_run = inss[0].find(W + "r")
    assert first_ins_run.find(f"{W}rPr/{W}b") is not None


def test_accepting_and_rejecting_give_the_fixed_and_the_original_text(decision):
    document = read(decision)
    original = [b.text for b in document.blocks]
    findings = [finding_on(document, "erhållits", replacement="fått"), finding_on(document, "tillställt", replacement="skickat")]
    out = track_fixes(decision.read_bytes(), document, findings)
    accepted = extract.read_bytes(out.data, "docx", str(decision))  # the reader treats w:ins as text, w:del as not
    assert "Din ansökan har fått av nämnden. Vi har skickat dig beslutet." in [b.text for b in accepted.blocks]
    paragraphs = _body(out.data).findall(f".//{W}p")
    assert _rejected_text(paragraphs[1]) == original[2]


def test_overlapping_fixes_and_fixes_inside_earlier_revisions_are_skipped_with_a_reason(decision, tmp_path):
    document = read(decision)
    first = track_fixes(decision.read_bytes(), document, [finding_on(document, "tillställt", replacement="skickat")])
    revised = tmp_path / "reviderad.docx"
    revised.write_bytes(first.data)
    again = read(revised)
    findings = [
        finding_on(again, "erhållits", replacement="fått"),
        finding_on(again, "har erhållits", replacement="har fått"),  # overlaps the one before
        finding_on(again, "skickat", replacement="sänt"),  # sits in the earlier tracked insertion
    ]
    out = track_fixes(revised.read_bytes(), again, findings)
    assert [f.text for f in out.applied] == ["har erhållits"]  # the first in reading order wins
    reasons = {f.text: reason for f, reason in out.skipped}
    assert "överlappar" in reasons["erhållits"]
    assert "spårad ändring" in reasons["skickat"]


def test_the_copy_converts_with_libreoffice(decision, tmp_path):
    soffice = require_soffice()
    document = read(decision)
    out = track_fixes(decision.read_bytes(), document, [finding_on(document, "erhållits", replacement="fått"),
                                                        finding_on(document, "erhåller", replacement="får")])
    copy = tmp_path / "beslut.forslag.docx"
    copy.write_bytes(out.data)
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                           "--convert-to", "odt", "--outdir", str(tmp_path / "lo"), str(copy)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "lo" / "beslut.forslag.odt") as zf:
        content = zf.read("content.xml").decode() + zf.read("styles.xml").decode()  # headers live in styles.xml
    # LibreOffice understood both (body and header) as tracked changes, insertion + deletion each
    assert len(re.findall(r"<text:changed-region ", content)) == 4
    assert content.count("<dc:creator>Klarspråk</dc:creator>") == 4


def test_a_word_template_stays_a_template(tmp_path):
    from click.testing import CliRunner

    from klarsprak.cli import main
    from klarsprak.extract.sniff import WORD_MAIN, WORD_TEMPLATE

    docx_file = make_decision_docx(tmp_path / "mall.docx")
    template = tmp_path / "mall.dotx"
    with zipfile.ZipFile(docx_file) as src, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(WORD_MAIN.encode(), WORD_TEMPLATE.encode())
            dst.writestr(info, blob)
    result = CliRunner().invoke(main, ["fix", str(template)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "mall.forslag.dotx") as zf:
        types = zf.read("[Content_Types].xml").decode()
        assert WORD_TEMPLATE in types and WORD_MAIN not in types
        assert "<w:ins " in zf.read("word/document.xml").decode()
