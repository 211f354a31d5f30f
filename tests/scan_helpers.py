"""Helpers for the scan tests: a small sample of the decision corpus and a way to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BESLUT = ROOT / "corpora" / "beslut"
BAD = ROOT / "corpora" / "fixtures" / "bad"

# Templates 15/16 with the letters built from the same standard wordings, one docx, two bad files.
SAMPLE_TXT = [
    "01-beviljas-klarsprak",
    "02-beviljas-byrakratisk",
    "03-avslag-klarsprak",
    "04-avslag-byrakratisk",
    "06-delvis-avslag-byrakratisk",
    "15-mall-klarsprak",
    "16-mall-byrakratisk",
]
SAMPLE_BAD = ["nul.txt", "truncated.docx"]


def make_sample(folder: Path) -> Path:
    """Copies (the tests may try to overwrite them) in ``folder/dokument``."""
    docs = folder / "dokument"
    (docs / "brev").mkdir(parents=True)
    (docs / "trasiga").mkdir()
    for stem in SAMPLE_TXT:
        target = docs / ("mallar" if "mall" in stem else "brev")
        target.mkdir(exist_ok=True)
        shutil.copy(BESLUT / "txt" / f"{stem}.txt", target / f"{stem}.txt")
    shutil.copy(BESLUT / "docx" / "08-aterkrav-byrakratisk.docx", docs / "brev" / "08-aterkrav-byrakratisk.docx")
    for name in SAMPLE_BAD:
        shutil.copy(BAD / name, docs / "trasiga" / name)
    return docs


def run_scan(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("COLUMNS", None)
    return subprocess.run(
        [sys.executable, "-m", "klarsprak", "scan", *args],
        cwd=cwd,
        env=env,
        capture_output=kwargs.pop("capture_output", True),
        text=True,
        timeout=kwargs.pop("timeout", 900),
        **kwargs,
    )
