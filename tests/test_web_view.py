"""What the page shows: every block's text cut into pieces that add up to the text exactly, each
finding highlighted on exactly its words, overlapping findings sharing a piece."""

from __future__ import annotations

from pathlib import Path

import pytest

from klarsprak import api

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page():
    from klarsprak.web import view

    result = api.lint_file(str(ROOT / "corpora" / "beslut" / "docx" / "04-avslag-byrakratisk.docx"), profile="beslut")
    assert result.findings and not result.errors
    return result, view.build(result, "04-avslag-byrakratisk.docx", is_word=True)


def test_pieces_add_up_to_the_text_and_cover_each_finding_exactly(page):
    result, shown = page
    blocks = result.document.blocks
    assert [b.index for b in shown.blocks] == [b.index for b in blocks]
    for block_view, block in zip(shown.blocks, blocks):
        assert "".join(p.text for p in block_view.pieces) == block.text
        covered: dict[str, str] = {}
        for piece in block_view.pieces:
            for f in piece.findings:
                covered[f.id] = covered.get(f.id, "") + piece.text
        for f in shown.findings:
            if f.block == block.index and f.text:
                assert covered[f.id] == f.text  # the highlight is the finding's own words, contiguous


def test_every_finding_is_listed_with_its_explanation_and_counted(page):
    result, shown = page
    assert len(shown.findings) == len(result.findings)
    assert all(f.explanation for f in shown.findings)
    assert sum(shown.counts.values()) == len(result.findings)
    assert shown.lix and shown.lix_band and any(label == "Ord" for label, _ in shown.metrics)
    assert {s["role"] for s in shown.outline} >= {"decision", "reasons"}
    assert shown.whole_document == [f for f in shown.findings if f.block < 0]


@pytest.mark.parametrize("command, module", [("serve", "starlette"), ("lsp", "pygls")])
def test_without_the_extra_the_command_says_what_to_install(command, module):
    import subprocess
    import sys

    code = f"import sys; sys.modules[{module!r}] = None; sys.argv = ['klarsprak', {command!r}]; from klarsprak.cli import main; main()"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert run.returncode == 2
    assert "pip install 'klarsprak[serve]'" in run.stderr and "Traceback" not in run.stderr
