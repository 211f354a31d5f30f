"""Atomic writes: never over an input, never over an existing copy without force, nothing half-written."""

from __future__ import annotations

import os

import pytest

from klarsprak.errors import OutputError
from klarsprak.writeback.atomic import write_atomic


def test_refuses_an_input_even_through_a_symlink_or_with_force(tmp_path):
    source = tmp_path / "beslut.docx"
    source.write_bytes(b"original")
    link = tmp_path / "lank.docx"
    link.symlink_to(source)
    for target in (source, link):
        with pytest.raises(OutputError, match="samma fil som indata"):
            write_atomic(target, b"nytt", inputs=[source], force=True)
    assert source.read_bytes() == b"original"


def test_refuses_an_existing_file_without_force_and_replaces_it_with_force(tmp_path):
    target = tmp_path / "kopia.docx"
    target.write_bytes(b"gammal")
    os.chmod(target, 0o640)
    with pytest.raises(OutputError, match="--force"):
        write_atomic(target, b"ny", force=False)
    write_atomic(target, b"ny", force=True)
    assert target.read_bytes() == b"ny"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopia.docx"]  # no temporary file left


def test_missing_folder_is_a_swedish_error(tmp_path):
    with pytest.raises(OutputError, match="finns inte"):
        write_atomic(tmp_path / "saknas" / "ut.json", "{}")
