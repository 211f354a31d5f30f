"""A fuzz corpus run in CI: mutated .docx, .pdf and .txt from corpora/ (fixed seed) through the
whole pipeline. Each mutant gives findings that point inside their block, or one clean Swedish
error; never a reader bug, never an exception. ``benchmarks/fuzz.py`` runs the same for longer."""

from __future__ import annotations

import random
import sys

import pytest

from klarsprak import api
from klarsprak.config import from_mapping
from robust_cli import BESLUT, HOSTILE
from test_fuzz_text import check_result

sys.path.insert(0, str(HOSTILE))
from mutate import MUTATORS  # noqa: E402

SEED = 20250308
SOURCES = {
    "docx": [BESLUT / "docx" / "02-beviljas-byrakratisk.docx", BESLUT / "docx" / "13-lvu-information-byrakratisk.docx"],
    "pdf": [BESLUT / "pdf" / "06-delvis-avslag-byrakratisk.pdf", BESLUT / "pdf" / "11-informationsbrev-klarsprak.pdf"],
    "txt": [BESLUT / "txt" / "08-aterkrav-byrakratisk.txt"],
}
PER_SOURCE = {"docx": 14, "pdf": 14, "txt": 10}
# A mutant that loops would stop at this limit with its own clean message instead of hanging CI.
CONFIG = from_mapping({"limits": {"max-seconds": 20}})


def _cases():
    rng = random.Random(SEED)
    for fmt, paths in SOURCES.items():
        for path in paths:
            data = path.read_bytes()
            for i in range(PER_SOURCE[fmt]):
                yield pytest.param(fmt, path, MUTATORS[fmt](data, rng), id=f"{path.stem[:12]}-{fmt}-{i}")


@pytest.mark.parametrize("fmt, source, mutant", list(_cases()))
def test_mutant_gives_findings_or_one_clean_error(tmp_path, fmt, source, mutant):
    path = tmp_path / f"mutant.{fmt}"
    path.write_bytes(mutant)
    result = api.lint_file(str(path), config=CONFIG)
    check_result(result)
    assert len(result.errors) <= 1
