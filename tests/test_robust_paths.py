"""Paths a batch meets in the wild, through the real CLI: a named pipe and a device named like
documents (must not hang), symlink loops (file and folder), dangling links, unreadable files and
a file that vanishes while the run is under way. Each is one line; the rest of the folder is checked."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from robust_cli import BESLUT, error_lines, no_traceback, run_cli

GOOD = BESLUT / "txt" / "03-avslag-klarsprak.txt"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "arkiv"
    (root / "under").mkdir(parents=True)
    shutil.copy(GOOD, root / "under" / "bra.txt")
    os.mkfifo(root / "pipe.txt")
    os.symlink("slinga.txt", root / "slinga.txt")
    os.symlink("saknas.txt", root / "dinglande.txt")
    os.symlink("/dev/zero", root / "noll.txt")
    os.symlink("..", root / "under" / "upp")  # a folder loop: os.walk must not follow it
    os.symlink(root, root / "under" / "rot")
    return root


def _run(tmp_path, *args, **kwargs):
    out = tmp_path / "rapport.json"
    proc = run_cli("check", *args, "--format", f"json:{out}", tmp=tmp_path, timeout=300, **kwargs)
    no_traceback(proc)
    docs = {d["path"]: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]} if out.exists() else {}
    return proc, docs


def test_pipes_devices_and_symlink_loops_are_one_line_each(tmp_path, folder):
    proc, docs = _run(tmp_path, folder)
    assert proc.returncode == 2
    lines = error_lines(proc)
    expected = {
        "pipe.txt": "inte en vanlig fil",
        "noll.txt": "inte en vanlig fil",
        "slinga.txt": "slinga",
        "dinglande.txt": "finns inte",
    }
    for name, words in expected.items():
        mine = [line for line in lines if line.startswith(f"klarsprak: fel: {folder / name}: ")]
        assert len(mine) == 1 and words in mine[0], (name, lines)
    assert len(lines) == len(expected)
    good = docs[str(folder / "under" / "bra.txt")]
    assert not good["errors"] and good["metrics"]["words"] > 300
    assert len(docs) == len(expected) + 1  # the folder loops were not followed into duplicates


def test_a_symlink_loop_given_directly(tmp_path, folder):
    proc, docs = _run(tmp_path, folder / "slinga.txt")
    assert proc.returncode == 2 and len(error_lines(proc)) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX only")
def test_unreadable_file(tmp_path):
    secret = tmp_path / "hemlig.txt"
    shutil.copy(GOOD, secret)
    os.chmod(secret, 0)
    prefix = ()
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv saknas; som root kan filen inte göras oläsbar")
        prefix = (setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--")
    out = tmp_path / "r.json"
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("KLARSPRAK_", "PYTHON"))}
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "klarsprak", "check", str(secret), str(GOOD), "--format", f"json:{out}"],
        capture_output=True, text=True, timeout=300, env=env, stdin=subprocess.DEVNULL,
    )
    no_traceback(proc)
    assert proc.returncode == 2
    assert error_lines(proc) == [f"klarsprak: fel: {secret}: filen kan inte läsas: behörighet saknas"]
    docs = {d["path"]: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert not docs[str(GOOD)]["errors"]


# The child deletes the second file the moment it opens the first one for reading: the file was
# listed by the folder walk but is gone when its turn comes.
VANISH = """
import os, sys
_done = []
def _hook(event, args):
    if event == "open" and not _done and isinstance(args[0], (str, bytes)) and str(args[0]).endswith("a_forsta.txt"):
        _done.append(1)
        os.unlink(os.environ["KS_VANISH"])
sys.addaudithook(_hook)
"""


def test_a_file_that_vanishes_during_the_run(tmp_path):
    folder = tmp_path / "mapp"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a_forsta.txt")
    shutil.copy(GOOD, folder / "b_forsvinner.txt")
    shutil.copy(GOOD, folder / "c_sista.txt")
    proc, docs = _run(tmp_path, folder, watcher=VANISH, env={"KS_VANISH": str(folder / "b_forsvinner.txt")})
    assert proc.returncode == 2
    assert error_lines(proc) == [f"klarsprak: fel: {folder / 'b_forsvinner.txt'}: filen finns inte (den kan ha flyttats eller tagits bort)"]
    assert not docs[str(folder / "a_forsta.txt")]["errors"] and not docs[str(folder / "c_sista.txt")]["errors"]


def test_a_missing_path_and_an_empty_folder(tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    proc, docs = _run(tmp_path, tmp_path / "finns_inte.docx", empty)
    assert proc.returncode == 2
    assert error_lines(proc) == [f"klarsprak: fel: {tmp_path / 'finns_inte.docx'}: filen finns inte (den kan ha flyttats eller tagits bort)"]


@pytest.mark.parametrize("command", ["annotate", "fix"])
def test_annotate_and_fix_refuse_a_named_pipe_instead_of_waiting_on_it(tmp_path, command):
    pipe = tmp_path / "beslut.docx"
    os.mkfifo(pipe)
    proc = run_cli(command, pipe, "-o", tmp_path / "ut.docx", tmp=tmp_path, timeout=120)
    no_traceback(proc)
    assert proc.returncode == 2
    assert error_lines(proc) == [f"klarsprak: fel: {pipe}: sökvägen är inte en vanlig fil (utan t.ex. en namngiven pipe eller en enhet) och läses inte"]
    assert not (tmp_path / "ut.docx").exists()
