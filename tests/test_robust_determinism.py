"""The same input and config give byte-identical output across runs, whatever the hash seed.

(One job against two belongs to the batch scan's tests.)"""

from __future__ import annotations

from robust_cli import BESLUT, HOSTILE, no_traceback, run_cli

FILES = [
    BESLUT / "txt" / "02-beviljas-byrakratisk.txt",
    BESLUT / "docx" / "06-delvis-avslag-byrakratisk.docx",
    BESLUT / "pdf" / "13-lvu-information-byrakratisk.pdf",
    BESLUT / "docx" / "16-mall-byrakratisk.docx",
    HOSTILE / "tricky_unicode.txt",
    HOSTILE / "swedish_with_english_translation.txt",
]


def _outputs(tmp_path, name: str, seed: str, *extra) -> dict[str, bytes]:
    out = tmp_path / name
    out.mkdir()
    proc = run_cli(
        "check", *FILES, *extra,
        "--format", f"json:{out / 'r.json'}", "--format", f"sarif:{out / 'r.sarif'}", "--format", f"text:{out / 'r.txt'}",
        env={"PYTHONHASHSEED": seed}, tmp=tmp_path / f"cache-{name}",
    )
    no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_json_sarif_and_text_are_byte_identical_across_runs_and_hash_seeds(tmp_path):
    first = _outputs(tmp_path, "a", "1")
    second = _outputs(tmp_path, "b", "4242")
    assert first.keys() == second.keys() == {"r.json", "r.sarif", "r.txt"}
    for name in first:
        assert first[name] == second[name], name


def test_redacted_output_is_deterministic_too(tmp_path):
    assert _outputs(tmp_path, "a", "7", "--redact") == _outputs(tmp_path, "b", "99", "--redact")
