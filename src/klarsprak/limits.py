"""Per-document limits of a run: time (``limits.max-seconds``) and words (``limits.max-words``).

Size, page, zip-entry and unzipped-size limits are checked by the readers before the costly work
starts (:mod:`klarsprak.extract.limits`); this module bounds what can only be bounded while running.

How the time limit works (one mechanism for the CLI, scan workers and library callers):

- On the main thread of a POSIX process (the CLI, and every worker of a ``ProcessPoolExecutor``,
  which runs its tasks on its main thread) a real-time interval timer (``setitimer(ITIMER_REAL)``)
  sends SIGALRM at the deadline. Its handler raises :class:`DocumentTimeout` wherever the code
  is, so even a runaway loop or regular expression inside a reader or a rule is stopped.
- Elsewhere (a thread of a web server or language server, Windows, or a program that uses SIGALRM
  itself) the deadline is cooperative: :func:`check` is called between pages and between rules
  and raises there. A single rule stuck in C code is then not interrupted; the run is still bounded
  by what is left after it.

:class:`DocumentTimeout` derives from ``BaseException`` on purpose: the readers turn any
``Exception`` from a broken file into "the file is damaged", and a timeout must not be reported
as that. The ``time_limit`` block that owns the deadline turns it into a :class:`LimitError` with
one Swedish line. Deadlines nest: an inner block never extends an outer one.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from klarsprak.config import DEFAULT_LIMITS
from klarsprak.errors import LimitError


class DocumentTimeout(BaseException):
    """A deadline passed; carries the :class:`_Deadline` it belongs to."""

    def __init__(self, owner: "_Deadline"):
        super().__init__("time limit")
        self.owner = owner


class _Deadline:
    __slots__ = ("at", "seconds", "alarm")

    def __init__(self, at: float, seconds: float, alarm: bool):
        self.at = at
        self.seconds = seconds
        self.alarm = alarm


_local = threading.local()


def _stack() -> list[_Deadline]:
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


def limit(config, key: str) -> float:
    values = getattr(config, "limits", None) or {}
    return float(values.get(key, DEFAULT_LIMITS[key]))


def seconds_for(config) -> float:
    return limit(config, "max-seconds")


def _earliest(stack: list[_Deadline]) -> _Deadline | None:
    return min(stack, key=lambda d: d.at) if stack else None


_RING_AGAIN = 0.05  # seconds


def _on_alarm(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    # Only the main thread runs handlers, so this stack is the main thread's.
    due = _earliest(_stack())
    if due is not None and time.monotonic() >= due.at - 0.001:
        # Raised inside a finaliser or a C callback (a gc callback, __del__) the exception is
        # swallowed as "unraisable"; the timer then rings again soon, until the block is left.
        signal.setitimer(signal.ITIMER_REAL, _RING_AGAIN)
        raise DocumentTimeout(due)
    if due is not None:  # woken early (a timer left over from an inner block): wait for the rest
        signal.setitimer(signal.ITIMER_REAL, max(due.at - time.monotonic(), 0.001))


def _can_use_alarm() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    current = signal.getsignal(signal.SIGALRM)
    return current in (signal.SIG_DFL, None, _on_alarm)


def check() -> None:
    """Raise :class:`DocumentTimeout` when the current thread's deadline has passed (cooperative)."""
    due = _earliest(_stack())
    if due is not None and time.monotonic() >= due.at:
        raise DocumentTimeout(due)


@contextmanager
def time_limit(seconds: float, what: str = "granska") -> Iterator[None]:
    """Run the block within ``seconds``; past that raise :class:`LimitError` (``max-seconds``)."""
    stack = _stack()
    now = time.monotonic()
    use_alarm = _can_use_alarm()
    own = _Deadline(now + seconds, seconds, use_alarm)
    stack.append(own)
    previous_handler = None
    if use_alarm:
        previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
        due = _earliest(stack)
        signal.setitimer(signal.ITIMER_REAL, max(due.at - now, 0.001))
    try:
        yield
    except DocumentTimeout as timeout:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)  # no second ring while this one is handled
        if timeout.owner is not own:
            raise
        raise LimitError(
            f"filen tog mer än {seconds:g} sekunder att {what} och avbröts (limits.max-seconds); "
            "dela upp dokumentet eller höj gränsen"
        ) from None
    finally:
        stack.remove(own)
        if use_alarm:
            rest = _earliest(stack)
            if rest is not None and rest.alarm:
                signal.setitimer(signal.ITIMER_REAL, max(rest.at - time.monotonic(), 0.001))
            else:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous_handler if previous_handler is not None else signal.SIG_DFL)


def check_words(config, words: int) -> None:
    """Refuse a document with more words than ``limits.max-words``."""
    from klarsprak.extract.limits import check_words as _check

    _check(config, words)
