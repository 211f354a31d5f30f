"""Shared test fixtures: paths to the project's own corpora and to ../shared (optional)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"

# Tests never write into the user's own cache folder (~/.cache/klarsprak): one private folder per run.
os.environ.setdefault("KLARSPRAK_CACHE_DIR", tempfile.mkdtemp(prefix="klarsprak-test-cache-"))


@pytest.fixture(scope="session")
def corpora() -> Path:
    return CORPORA


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared saknas bredvid projektet (finns i CI); testet behöver det delade materialet")
    return SHARED


def require_soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice saknas: installera det med 'apt-get install libreoffice-writer-nogui'")
    return exe


def require_chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Chromium saknas: installera det med 'apt-get install chromium'")
    return exe
