"""Limits per document: time (SIGALRM on the main thread, cooperative elsewhere, and in worker
processes), words, size; a document past a limit is one Swedish line and the run goes on."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from klarsprak import api, limits
from klarsprak.config import from_mapping
from klarsprak.errors import LimitError
from robust_cli import BESLUT, HOSTILE, error_lines, no_traceback, run_cli


def _spin(seconds: float) -> int:
    """Pure-Python work that never returns by itself within ``seconds``."""
    n = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        n += 1
    return n


def test_alarm_interrupts_a_runaway_loop_on_the_main_thread():
    with pytest.raises(LimitError) as info:
        with limits.time_limit(0.2):
            _spin(30)  # no checkpoint inside: only the alarm can stop it
    assert "0.2 sekunder" in info.value.message and "limits.max-seconds" in info.value.message


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_alarm_swallowed_by_a_finaliser_rings_again():
    # The first ring lands in __del__ (as it may in a gc callback or a C callback), where Python
    # only reports the exception as "unraisable"; the loop after it has no checkpoint.
    class SlowToDie:
        def __del__(self):
            _spin(0.4)

    started = time.monotonic()
    with pytest.raises(LimitError):
        with limits.time_limit(0.1):
            obj = SlowToDie()
            del obj
            _spin(10)
    assert time.monotonic() - started < 5


def test_alarm_interrupts_a_catastrophic_regular_expression():
    import re

    with pytest.raises(LimitError):
        with limits.time_limit(0.3):
            re.match(r"(a+)+$", "a" * 60 + "b")


def test_inner_deadline_never_extends_the_outer_one():
    start = time.monotonic()
    with pytest.raises(LimitError) as info:
        with limits.time_limit(0.3):
            with limits.time_limit(50):
                _spin(30)
    assert "0.3 sekunder" in info.value.message
    assert time.monotonic() - start < 20


def test_a_finished_block_leaves_no_alarm_behind():
    import signal

    with limits.time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)


def test_other_threads_get_the_cooperative_deadline():
    outcome = {}

    def work():
        try:
            with limits.time_limit(0.2):
                while True:
                    time.sleep(0.01)
                    limits.check()
        except LimitError as exc:
            outcome["error"] = exc.message

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert "limits.max-seconds" in outcome["error"]


def _lint_in_worker(text: str) -> list[str]:
    cfg = from_mapping({"limits": {"max-seconds": 0.5}})
    return api.lint_text(text, config=cfg).errors


def test_time_limit_in_a_worker_process():
    text = (BESLUT / "txt" / "04-avslag-byrakratisk.txt").read_text(encoding="utf-8").replace("\n", " ") * 40
    with ProcessPoolExecutor(max_workers=1) as pool:
        errors = pool.submit(_lint_in_worker, text).result(timeout=300)
    assert len(errors) == 1 and "limits.max-seconds" in errors[0]


# the first ring may land in a gc callback (Hypothesis installs one) and be reported as unraisable;
# the next ring stops the run (test_an_alarm_swallowed_by_a_finaliser_rings_again)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_checks_stop_at_the_limit_in_the_library():
    cfg = from_mapping({"limits": {"max-seconds": 0.5}})
    text = (BESLUT / "txt" / "04-avslag-byrakratisk.txt").read_text(encoding="utf-8") * 40
    result = api.lint_text(text, config=cfg)
    assert result.errors and "max-seconds" in result.errors[0] and not result.findings


def test_cli_batch_goes_on_past_time_word_and_size_limits(tmp_path):
    """Three documents past three limits and one good one, in one run, each a single line."""
    (tmp_path / ".klarsprak.toml").write_text(
        "[limits]\nmax-seconds = 5\nmax-words = 200000\nmax-file-mb = 2\n", encoding="utf-8"
    )
    source = (BESLUT / "txt" / "04-avslag-byrakratisk.txt").read_text(encoding="utf-8")
    one_line = " ".join(source.split())
    # ~170 000 words in one block: linear, but far more than 5 s of work on any machine
    (tmp_path / "utan_radbrytningar.txt").write_text(" ".join([one_line] * 540), encoding="utf-8")
    (tmp_path / "for_manga_ord.txt").write_text((source + "\n\n") * 800, encoding="utf-8")  # ~250 000 words, 1.8 MB
    (tmp_path / "for_stor.txt").write_text("ord " * 600_000, encoding="utf-8")  # 2.4 MB
    (tmp_path / "bra.txt").write_text(source, encoding="utf-8")
    paragraphs = tmp_path / "manga_stycken.docx"
    paragraphs.write_bytes((HOSTILE / "many_paragraphs.docx").read_bytes())
    out = tmp_path / "rapport.json"
    proc = run_cli("check", tmp_path, "--format", f"json:{out}", tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    lines = {line.split(": ")[2]: line for line in error_lines(proc)}
    assert "max-seconds" in lines[str(tmp_path / "utan_radbrytningar.txt")]
    assert "max-seconds" in lines[str(tmp_path / "manga_stycken.docx")]
    assert "max-words" in lines[str(tmp_path / "for_manga_ord.txt")]
    assert "max-file-mb" in lines[str(tmp_path / "for_stor.txt")]
    assert str(tmp_path / "bra.txt") not in lines
    import json

    docs = {d["path"]: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert docs[str(tmp_path / "bra.txt")]["findings"]


def test_fifty_megabytes_on_one_line_is_refused_at_the_size_limit(tmp_path):
    big = tmp_path / "en_rad.txt"
    with open(big, "w", encoding="utf-8") as fh:
        chunk = "Nämnden har beslutat att avslå din ansökan om bistånd. " * 1000
        while fh.tell() < 50 * 1024 * 1024 + 10:
            fh.write(chunk)
    proc = run_cli("check", big, "--format", f"json:{tmp_path / 'r.json'}", tmp=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 2
    assert error_lines(proc) == [line for line in proc.stderr.splitlines() if line]
    assert "max-file-mb" in proc.stderr and str(big) in proc.stderr
