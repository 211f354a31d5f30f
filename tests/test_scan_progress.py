"""The progress bar: what it draws, and that it stays quiet off a terminal."""

from __future__ import annotations

import io

from klarsprak.scan.progress import Progress, enabled


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_silent_when_not_a_terminal():
    assert enabled(io.StringIO()) is False


def test_line_shows_files_words_speed_and_time_left():
    clock, out = Clock(), io.StringIO()
    bar = Progress(total=10, stream=out, clock=clock)
    clock.now += 2.0
    bar.advance(1200)
    clock.now += 2.0
    bar.advance(800)
    line = bar.line()
    assert "2/10 filer" in line
    assert "2\u00a0000 ord" in line
    assert "0,5 filer/s" in line
    assert "ca 16 s kvar" in line
    assert out.getvalue().startswith("\r[")


def test_close_clears_the_line():
    out = io.StringIO()
    bar = Progress(total=1, stream=out, clock=Clock())
    bar.advance(5)
    bar.close()
    assert out.getvalue().endswith("\r")
    assert out.getvalue().split("\r")[-2].strip() == ""
