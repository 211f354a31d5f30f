"""Never lose the user's work: inputs are only ever opened for reading, no command writes over its
input, and Ctrl-C (a real SIGINT to a real process) leaves no half-written or temporary file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from robust_cli import BESLUT, error_lines, no_traceback, run_cli

DOCX = BESLUT / "docx" / "04-avslag-byrakratisk.docx"
TXT = BESLUT / "txt" / "04-avslag-byrakratisk.txt"

# Records every open() of a file in the input folder, with its mode and flags.
RECORD_OPENS = """
import json, os, sys
_log = os.environ["KS_OPEN_LOG"]
_watch = os.environ["KS_WATCH"]
def _hook(event, args):
    if event == "open" and isinstance(args[0], str) and os.path.abspath(args[0]).startswith(_watch):
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps([args[0], args[1], args[2]]) + "\\n")
sys.addaudithook(_hook)
"""

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _digest(path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DOCX, folder / "beslut.docx")
    shutil.copy(TXT, folder / "brev.txt")
    return folder


def test_inputs_are_opened_read_only_and_left_unchanged(tmp_path, inputs):
    before = {p.name: _digest(p) for p in inputs.iterdir()}
    log = tmp_path / "opens.jsonl"
    env = {"KS_OPEN_LOG": str(log), "KS_WATCH": str(inputs)}
    out = tmp_path / "ut"
    out.mkdir()
    runs = [
        run_cli("check", inputs, "--format", f"json:{out / 'r.json'}", watcher=RECORD_OPENS, env=env, tmp=tmp_path),
        run_cli("annotate", inputs / "beslut.docx", "-o", out / "a.docx", watcher=RECORD_OPENS, env=env, tmp=tmp_path),
        run_cli("fix", inputs / "beslut.docx", "-o", out / "f.docx", watcher=RECORD_OPENS, env=env, tmp=tmp_path),
        run_cli("fix", inputs / "brev.txt", "--diff", watcher=RECORD_OPENS, env=env, tmp=tmp_path),
    ]
    for proc in runs:
        no_traceback(proc)
        assert proc.returncode in (0, 1), proc.stderr
    opens = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {os.path.basename(o[0]) for o in opens} >= {"beslut.docx", "brev.txt"}
    for path, mode, flags in opens:
        assert mode is None or not set(str(mode)) & set("wax+"), (path, mode)
        assert not (int(flags) & WRITE_FLAGS), (path, flags)
    assert {p.name: _digest(p) for p in inputs.iterdir()} == before


@pytest.mark.parametrize(
    "args",
    [
        ("annotate", "{docx}", "-o", "{docx}"),
        ("annotate", "{docx}", "-o", "{link}", "--force"),
        ("annotate", "{docx}", "-o", "{hard}", "--force"),
        ("fix", "{docx}", "-o", "{docx}", "--force"),
        ("fix", "{txt}", "-o", "{txt}", "--force"),
        ("check", "{txt}", "--format", "json:{txt}"),
    ],
    ids=["annotate-same", "annotate-symlink", "annotate-hardlink", "fix-word", "fix-text", "check-report"],
)
def test_no_command_writes_over_its_input(tmp_path, inputs, args):
    os.symlink(inputs / "beslut.docx", tmp_path / "lank.docx")
    os.link(inputs / "beslut.docx", tmp_path / "hard.docx")
    names = {"docx": inputs / "beslut.docx", "txt": inputs / "brev.txt", "link": tmp_path / "lank.docx", "hard": tmp_path / "hard.docx"}
    before = {p.name: _digest(p) for p in inputs.iterdir()}
    proc = run_cli(*(a.format(**names) for a in args), tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert len(error_lines(proc)) == 1 and "samma fil som indata" in proc.stderr
    assert {p.name: _digest(p) for p in inputs.iterdir()} == before
    assert not [p for p in inputs.iterdir() if p.name.startswith(".")]  # no temporary file left


# SIGINT at an exact moment inside the atomic write: after the temporary file is created (mkstemp)
# or after it is fully written, just before the rename (chmod). Python raises KeyboardInterrupt at
# the next bytecode, as it would for a real Ctrl-C arriving then.
INTERRUPT_AT = """
import os, signal, sys
_when = os.environ["KS_INTERRUPT_AT"]
def _hook(event, args):
    if event == _when and str(args[0]).startswith(os.environ["KS_OUT"]) and ".tmp" in str(args[0]):
        os.kill(os.getpid(), signal.SIGINT)
sys.addaudithook(_hook)
"""


@pytest.mark.parametrize("moment", ["tempfile.mkstemp", "os.chmod"])
@pytest.mark.parametrize("command", ["check", "annotate"])
def test_ctrl_c_during_the_write_leaves_the_old_file_and_no_temporary(tmp_path, inputs, moment, command):
    out = tmp_path / "ut"
    out.mkdir()
    target = out / ("rapport.json" if command == "check" else "granskad.docx")
    target.write_bytes(b"GAMMAL")
    if command == "check":
        args = ("check", inputs / "brev.txt", "--format", f"json:{target}")
    else:
        args = ("annotate", inputs / "beslut.docx", "-o", target, "--force")
    proc = run_cli(*args, watcher=INTERRUPT_AT, env={"KS_INTERRUPT_AT": moment, "KS_OUT": str(out)}, tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 130 and "avbrutet" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    assert target.read_bytes() == b"GAMMAL"


# Marks the moment the child starts reading its first document, so the test can send SIGINT while
# the run is under way.
MARK_START = """
import os, sys
_mark = os.environ["KS_MARK"]
def _hook(event, args):
    if event == "open" and str(args[0]).endswith(".txt") and not os.path.exists(_mark):
        open(_mark, "w").close()
sys.addaudithook(_hook)
"""


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.5])
def test_ctrl_c_mid_run_from_outside(tmp_path, delay):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        shutil.copy(TXT, folder / f"brev{i}.txt")
    out = tmp_path / "ut"
    out.mkdir()
    mark = tmp_path / "startad"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KLARSPRAK_", "PYTHON"))}
    watcher = tmp_path / "watcher"
    watcher.mkdir()
    (watcher / "sitecustomize.py").write_text(MARK_START, encoding="utf-8")
    env.update({"PYTHONPATH": str(watcher), "KS_MARK": str(mark), "KLARSPRAK_CACHE_DIR": str(tmp_path / "cache")})
    child = subprocess.Popen(
        [sys.executable, "-m", "klarsprak", "check", str(folder), "--format", f"json:{out / 'r.json'}", "--format", f"sarif:{out / 'r.sarif'}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not mark.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=120)
    assert "Traceback" not in stderr
    if child.returncode == 130:
        assert "avbrutet" in stderr
    else:  # the run had already finished writing when the signal came
        assert child.returncode in (0, 1, 2)
    for path in out.iterdir():
        assert not path.name.startswith("."), path  # no temporary file
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))  # whatever is there is whole
        if path.suffix == ".sarif":
            json.loads(path.read_text(encoding="utf-8"))


# A Ctrl-C that arrives while a C extension runs a Python callback (pydantic inside spaCy's import,
# a __del__) is "unraisable": Python would print a traceback and carry on. Made deterministic here
# with a __del__ that raises KeyboardInterrupt when the first input is opened.
UNRAISABLE_INTERRUPT = """
import os, sys
class _Bomb:
    def __del__(self):
        raise KeyboardInterrupt
_done = []
def _hook(event, args):
    if event == "open" and str(args[0]).endswith(".txt") and not _done:
        _done.append(1)
        _Bomb()
sys.addaudithook(_hook)
"""


def test_ctrl_c_inside_a_c_callback_still_stops_the_run_cleanly(tmp_path, inputs):
    out = tmp_path / "ut"
    out.mkdir()
    result = run_cli("check", inputs / "brev.txt", "--format", f"json:{out / 'r.json'}", watcher=UNRAISABLE_INTERRUPT, tmp=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 130, result.stderr
    assert "avbrutet" in result.stderr
    assert list(out.iterdir()) == []
