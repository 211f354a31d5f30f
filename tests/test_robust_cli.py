"""Every hostile or broken file through the real CLI: one Swedish line naming the file, exit 2, the
batch goes on, no traceback; the readable ones in the same batch are still checked."""

from __future__ import annotations

import json
import shutil

import pytest

from robust_cli import BAD, BESLUT, HOSTILE, error_lines, no_traceback, run_cli

# Hostile files made by corpora/hostile/make_hostile.py, with words their one-line error must hold.
HOSTILE_ERRORS = {
    "arabic.txt": "arabisk skrift",
    "english.txt": "engelska",
    "english.docx": "engelska",
    "english.pdf": "engelska",
    "norwegian.txt": "norska",
    "somali.txt": "somaliska",
    "garbled_letters.pdf": "förvrängd",
    "control_chars.txt": "binär",
    "deep_xml.docx": "skadad",
    "lying_sizes.docx": "skadad",
    "many_entries.docx": "max-zip-entries",
    "deflate_bomb.pdf": "max-inflated-mb",
}
HOSTILE_READABLE = (
    "external_refs.docx",
    "xinclude.docx",
    "page_tree_loop.pdf",
    "tricky_unicode.txt",
    "deep_nesting.md",
    "swedish_with_english_translation.txt",
)
BAD_READABLE = ("deep_tables.docx",)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One CLI run over every bad and hostile file plus one good decision, JSON to a file."""
    tmp = tmp_path_factory.mktemp("batch")
    bad = sorted(p for p in BAD.iterdir() if p.is_file())
    hostile = [HOSTILE / n for n in (*HOSTILE_ERRORS, *HOSTILE_READABLE)]
    good = BESLUT / "txt" / "03-avslag-klarsprak.txt"
    out = tmp / "rapport.json"
    proc = run_cli("check", *bad, *hostile, good, "--format", f"json:{out}", tmp=tmp)
    data = json.loads(out.read_text(encoding="utf-8"))
    return proc, {d["path"]: d for d in data["documents"]}, bad


def test_batch_exits_2_without_traceback_and_goes_on(batch):
    proc, docs, bad = batch
    no_traceback(proc)
    assert proc.returncode == 2
    good = docs[str(BESLUT / "txt" / "03-avslag-klarsprak.txt")]
    assert not good["errors"] and good["metrics"]["words"] > 300  # checked although others failed
    assert len(docs) == len(bad) + len(HOSTILE_ERRORS) + len(HOSTILE_READABLE) + 1


def test_each_bad_file_gives_one_swedish_line_naming_it(batch):
    proc, docs, bad = batch
    lines = error_lines(proc)
    expected = [p for p in bad if p.name not in BAD_READABLE] + [HOSTILE / n for n in HOSTILE_ERRORS]
    for path in expected:
        doc = docs[str(path)]
        assert len(doc["errors"]) == 1, (path.name, doc["errors"])
        message = doc["errors"][0]
        assert "\n" not in message and message.strip() == message
        assert not doc["findings"], path.name
        named = [line for line in lines if line.startswith(f"klarsprak: fel: {path}: ")]
        assert named == [f"klarsprak: fel: {path}: {message}"], path.name
    assert len(lines) == len(expected)


def test_hostile_errors_say_what_is_wrong(batch):
    _, docs, _ = batch
    for name, words in HOSTILE_ERRORS.items():
        assert words in docs[str(HOSTILE / name)]["errors"][0], name


def test_hostile_but_readable_files_are_checked(batch):
    _, docs, _ = batch
    for name in HOSTILE_READABLE:
        assert not docs[str(HOSTILE / name)]["errors"], name
    mixed = docs[str(HOSTILE / "swedish_with_english_translation.txt")]
    assert any("engelska" in w and "granskades inte" in w for w in mixed["warnings"])


def test_no_local_file_leaks_through_xinclude_or_external_targets(batch):
    _, docs, _ = batch
    text = json.dumps([docs[str(HOSTILE / n)] for n in ("xinclude.docx", "external_refs.docx")], ensure_ascii=False)
    assert "root:" not in text and "/bin/" not in text


def test_one_bad_file_alone(tmp_path):
    """The single-file case: exit 2, the error in the text report, nothing on stderr twice."""
    proc = run_cli("check", BAD / "zip_bomb.docx", tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "max-unzipped-mb" in proc.stdout and str(BAD / "zip_bomb.docx") in proc.stdout
    assert proc.stderr == ""


@pytest.mark.parametrize("command", ["annotate", "fix"])
def test_annotate_and_fix_on_a_broken_file_leave_no_output(tmp_path, command):
    source = tmp_path / "trasig.docx"
    shutil.copy(BAD / "truncated.docx", source)
    target = tmp_path / "ut.docx"
    proc = run_cli(command, source, "-o", target, tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert len(error_lines(proc)) == 1 and str(source) in proc.stderr and "skadad" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("cache", "watcher")) == ["trasig.docx"]
