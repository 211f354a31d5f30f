"""Output files of a scan, written as a stream to a temporary file that is renamed at the end.

A report of thousands of documents is never held in memory, and an interrupted scan leaves no
half-written file. An output never replaces one of the scanned documents."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO, Iterable, Iterator

from klarsprak.errors import OutputError
from klarsprak.writeback.atomic import atomic_stream, same_file


def check_output(target: str) -> None:
    """Fail before the scan starts when the output cannot be written."""
    path = Path(target)
    if path.is_dir():
        raise OutputError("utfilen är en mapp; ange ett filnamn", target)
    if not path.parent.is_dir():
        raise OutputError(f"mappen {path.parent} finns inte", target)


@contextlib.contextmanager
def atomic_text(target: str, inputs: Iterable[str] = ()) -> Iterator[IO[str]]:
    path = Path(target)
    check_output(target)
    if path.exists() and any(same_file(path, p) for p in inputs):
        raise OutputError("utfilen är en av de granskade filerna; välj ett annat namn", target)
    with atomic_stream(target) as fh:
        yield fh
