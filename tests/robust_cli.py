"""Running the real CLI in a subprocess, optionally with a ``sitecustomize`` that watches it.

The robustness and privacy tests drive ``python -m klarsprak`` exactly as a user would. A watcher
(``sitecustomize.py`` on ``PYTHONPATH``) can install an audit hook in the child: to record every
``open()`` of the user's file, to refuse any network connection, or to send the child SIGINT at a
precise moment (between writing an output's temporary file and renaming it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "corpora" / "fixtures" / "bad"
HOSTILE = ROOT / "corpora" / "hostile"
BESLUT = ROOT / "corpora" / "beslut"


def run_cli(*args, cwd=None, watcher: str | None = None, env: dict | None = None, timeout: float = 600, tmp: Path | None = None):
    """``klarsprak ARGS`` in a fresh interpreter; ``watcher`` is the source of a sitecustomize."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KLARSPRAK_", "PYTHON"))}
    environment["NO_COLOR"] = "1"
    if tmp is not None:
        environment["KLARSPRAK_CACHE_DIR"] = str(tmp / "cache")
    if watcher is not None:
        assert tmp is not None, "a watcher needs a folder for its sitecustomize"
        folder = tmp / "watcher"
        folder.mkdir(exist_ok=True)
        (folder / "sitecustomize.py").write_text(watcher, encoding="utf-8")
        environment["PYTHONPATH"] = str(folder)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "klarsprak", *map(str, args)],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )


def no_traceback(proc) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert 'File "' not in stream, stream


def error_lines(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("klarsprak: fel:")]
