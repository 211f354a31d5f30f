"""Text that is not Swedish is recognised and reported, and no Swedish rule runs on it; Swedish
text (decisions, forms, tables, short snippets) is never mistaken for another language."""

from __future__ import annotations

import pytest

from klarsprak import api, extract, language
from robust_cli import BAD, BESLUT, HOSTILE


@pytest.mark.parametrize(
    "name, code",
    [
        ("english.txt", "en"),
        ("norwegian.txt", "nb"),
        ("somali.txt", "so"),
        ("arabic.txt", "script:arabic"),
        ("english.docx", "en"),
        ("english.pdf", "en"),
        ("garbled_letters.pdf", "unknown"),
    ],
)
def test_foreign_and_garbled_texts_are_recognised(name, code):
    document = extract.read(HOSTILE / name)
    verdict = language.assess(document)
    assert verdict.guess.code == code
    assert not verdict.swedish and "\n" not in verdict.error()


def test_other_scripts_are_named():
    samples = {
        "script:cyrillic": "Решение о предоставлении финансовой помощи на март месяц. Деньги поступят на ваш счёт до двадцать пятого числа.",
        "script:ethiopic": "ውሳኔ ብዛዕባ ናይ ገንዘብ ሓገዝ ንወርሒ መጋቢት። ገንዘብ ቅድሚ 25 ናብ ሕሳብኩም ክኣቱ እዩ። ሕቶ እንተለኩም ንሰራሕተኛኹም ተወከሱ። ውሳኔ ብዛዕባ ናይ ገንዘብ ሓገዝ",
    }
    for code, text in samples.items():
        assert language.guess(text).code == code


def test_every_swedish_decision_is_swedish(shared):
    paths = [*sorted((BESLUT / "txt").glob("*.txt")), *sorted((BESLUT / "pdf").glob("*.pdf"))[:4], *sorted((shared / "corpus").glob("*.txt"))]
    for path in paths:
        verdict = language.assess(extract.read(path))
        assert verdict.swedish and not verdict.foreign_blocks, path.name


def test_lists_tables_and_short_texts_count_as_swedish():
    assert language.assess(extract.read(BAD / "deep_tables.docx")).swedish  # "Nivå 0" ... "Nivå 60"
    assert language.guess("The decision is final.").swedish  # too short to judge
    form = "\n\n".join(["Namn", "Personnummer", "Adress", "Postnummer och ort", "Telefon", "E-post", "Datum", "Underskrift"] * 6)
    assert language.guess(form).swedish


def test_no_rule_runs_on_a_foreign_document():
    english = (HOSTILE / "english.txt").read_text(encoding="utf-8")
    result = api.lint_text(english)
    assert result.errors == [
        "texten verkar vara på engelska, inte på svenska; klarsprak granskar bara svensk text och reglerna kördes inte"
    ]
    assert not result.findings and not result.metrics


def test_a_translation_inside_a_swedish_decision_is_skipped_with_a_warning():
    document = extract.read(HOSTILE / "swedish_with_english_translation.txt")
    verdict = language.assess(document)
    assert verdict.swedish and len(verdict.foreign_blocks) == 1
    english_block = verdict.foreign_blocks[0]
    assert document.blocks[english_block].text.startswith("We have decided")
    result = api.lint_document(document)
    assert not result.errors and result.findings
    assert all(f.location.block != english_block for f in result.findings)
    assert any(w.startswith("ett stycke (rad ") and "engelska" in w for w in result.warnings)
