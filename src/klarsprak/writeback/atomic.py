"""Atomic writes: a temporary file in the target folder, fsync, then ``os.replace``.

A reader never sees half a file, and a crash leaves the old file (or none) in place. Copies
(annotate, fix -o) refuse to overwrite an input and refuse an existing output without ``force``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator

from klarsprak.errors import OutputError


def same_file(a: "str | os.PathLike[str]", b: "str | os.PathLike[str]") -> bool:
    """True when both paths name the same file (symlinks and hard links included)."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
    except OSError:
        pass
    try:
        return pa.resolve() == pb.resolve()
    except (OSError, RuntimeError):  # a symlink loop (Python < 3.13) cannot be a file we write
        return pa.absolute() == pb.absolute()


def check_target(
    target: "str | os.PathLike[str]", inputs: Iterable["str | os.PathLike[str]"] = (), force: bool = False
) -> None:
    """Raise :class:`OutputError` when writing ``target`` would overwrite an input or an existing file."""
    for source in inputs:
        if source and source != "-" and same_file(target, source):
            raise OutputError("utfilen är samma fil som indata; välj ett annat namn med -o", str(target))
    if not force and Path(target).exists():
        raise OutputError("utfilen finns redan; välj ett annat namn eller använd --force", str(target))
    parent = Path(target).parent
    if not parent.is_dir():
        raise OutputError(f"mappen {parent} finns inte", str(target))


def write_atomic(
    target: "str | os.PathLike[str]",
    data: "bytes | str",
    *,
    inputs: Iterable["str | os.PathLike[str]"] = (),
    force: bool = True,
    encoding: str = "utf-8",
) -> None:
    """Write ``data`` to ``target`` atomically after :func:`check_target`.

    ``force`` defaults to True because reports (``--format sarif:ut.sarif``) are meant to be
    rewritten on every run; copies of documents pass ``force`` from the command line."""
    check_target(target, inputs, force)
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_stream(target, binary=True) as fh:
        fh.write(payload)


@contextlib.contextmanager
def atomic_stream(target: "str | os.PathLike[str]", *, binary: bool = False) -> Iterator[IO]:
    """Yield a file to write ``target`` through: a temporary file in the same folder, fsynced and
    renamed over ``target`` when the block ends, removed if it fails or is interrupted (Ctrl-C).

    Streaming, so a large report is never held in memory. Callers check the target first
    (:func:`check_target`); text is UTF-8 with ``\n`` line ends."""
    path = Path(target)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"kunde inte skriva filen ({exc.strerror or exc})", str(target)) from None
    except BaseException:
        _remove(tmp)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
