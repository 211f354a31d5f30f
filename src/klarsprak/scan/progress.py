"""A one-line progress bar on stderr: files, words, speed and time left. Silent off a terminal."""

from __future__ import annotations

import sys
import time

REDRAW_SECONDS = 0.2
WIDTH = 24


def enabled(stream=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _number(n: float) -> str:
    return f"{int(n):,}".replace(",", "\u00a0")  # Swedish thousands separator: a (non-breaking) space


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    def __init__(self, total: int | None, stream=None, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.clock = clock
        self.started = clock()
        self.files = 0
        self.words = 0
        self._drawn = 0.0
        self._width = 0

    def advance(self, words: int = 0) -> None:
        self.files += 1
        self.words += words
        now = self.clock()
        if now - self._drawn >= REDRAW_SECONDS or self.files == self.total:
            self._drawn = now
            self._draw(self.line(now))

    def line(self, now: float | None = None) -> str:
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.files / elapsed
        parts = []
        if self.total:
            done = min(self.files / self.total, 1.0)
            filled = int(done * WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (WIDTH - filled)}] {_number(self.files)}/{_number(self.total)} filer")
        else:
            parts.append(f"{_number(self.files)} filer")
        parts.append(f"{_number(self.words)} ord")
        parts.append(f"{rate:.1f} filer/s".replace(".", ","))
        if self.total and self.files and self.files < self.total:
            parts.append(f"ca {_duration((self.total - self.files) / rate)} kvar")
        return " · ".join(parts)

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
