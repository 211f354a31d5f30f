"""`scan --redact` masks personal data in every output: the JSON, the HTML report and the cache key."""

from __future__ import annotations

import shutil

from scan_helpers import BESLUT, run_scan

PERSONAL = ["19910228-4471", "Lindqvist", "Björkvägen 12"]  # in 04-avslag-byrakratisk: pnr, name, address


def test_scan_redact_masks_personal_data_in_json_and_html(tmp_path):
    docs = tmp_path / "dokument"
    docs.mkdir()
    shutil.copy(BESLUT / "txt" / "04-avslag-byrakratisk.txt", docs)
    cache = tmp_path / "cache"

    plain = run_scan(["dokument", "-j", "1", "--cache", str(cache), "--report", "vanlig.html", "--format", "json"], tmp_path)
    assert plain.returncode in (0, 1), plain.stderr
    html = (tmp_path / "vanlig.html").read_text(encoding="utf-8")
    assert all(p in html for p in PERSONAL), "the unredacted report should hold the document text"

    masked = run_scan(
        ["dokument", "-j", "1", "--cache", str(cache), "--redact", "--report", "maskerad.html", "--format", "json"], tmp_path
    )
    assert masked.returncode in (0, 1), masked.stderr
    html = (tmp_path / "maskerad.html").read_text(encoding="utf-8")
    for secret in PERSONAL:
        assert secret not in masked.stdout, secret
        assert secret not in html, secret
    # the same cache served both runs: a redacted run must not reuse the unredacted record
    assert "█" in html
