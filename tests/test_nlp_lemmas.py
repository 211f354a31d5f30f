"""Lemma choice and the cached copy of simplemma's dictionary."""

from __future__ import annotations

import sqlite3

import simplemma

from klarsprak.nlp import lemmas


def test_cached_table_gives_simplemmas_lemmas(tmp_path, monkeypatch):
    cache = tmp_path / "simplemma-sv.sqlite3"
    monkeypatch.setattr(lemmas, "_cache_file", lambda: cache)
    for damaged in (None, b"not an SQLite file", "half-written"):
        if damaged == "half-written":  # a database without its completion mark
            cache.unlink()
            db = sqlite3.connect(cache)
            db.execute("CREATE TABLE forms (form BLOB PRIMARY KEY, lemma BLOB NOT NULL) WITHOUT ROWID")
            db.commit()
            db.close()
        elif damaged is not None:
            cache.write_bytes(damaged)  # a damaged cache is rebuilt, not trusted
        lemmas._table.cache_clear()
        lemmas._dictionary.cache_clear()
        for word in ("ansökan", "beslutet", "fattades", "island", "socialnämnden", "t.ex."):
            expected = simplemma.lemmatize(word, lang="sv").lower() if simplemma.is_known(word, lang="sv") else None
            assert lemmas._dictionary(word) == expected, word
        assert cache.stat().st_size > 1_000_000
        assert isinstance(lemmas._table(), lemmas._SqliteTable)  # read from the file, not a fallback
    assert lemmas._dictionary("xyzzyqwerty") is None
    lemmas._table.cache_clear()
    lemmas._dictionary.cache_clear()


def test_choice_by_part_of_speech():
    assert lemmas.choose("Beviljades", "VERB", "") == "bevilja"
    assert lemmas.choose("helt", "ADV", "helt") == "helt"  # the trained lemmatizer for adverbs
    assert lemmas.choose("t.ex.", "ADV", "") == "till_exempel"  # the treebank's expansion
    assert lemmas.choose("2001:453", "NUM", "") == "2001:453"
    assert lemmas.choose("Zyxwq", "NOUN", "") == "zyxwq"  # unknown: the lower-cased form


def test_trained_guess_is_made_only_when_needed():
    asked = []

    def guess():
        asked.append(1)
        return "Gissning"

    assert lemmas.choose("ansökan", "NOUN", guess) == "ansökan" and not asked  # simplemma knows it
    assert lemmas.choose("Zyxwq", "NOUN", guess) == "gissning" and len(asked) == 1
    assert lemmas.choose("krävande", "ADJ", guess) == "gissning" and len(asked) == 2  # trained first
    assert lemmas.choose("§", "PUNCT", guess) == "§" and len(asked) == 2


def test_lemmas_looked_up_together_are_those_looked_up_one_by_one():
    words = ["ansökan", "beslutet", "fattades", "island", "socialnämnden", "t.ex.", "xyzzyqwerty", "nämnden",
             "överklaga", "2020", "kommunens", "hoppas"]
    lemmas._dictionary.cache_clear()
    one_by_one = [lemmas._dictionary(w) for w in words]
    lemmas._dictionary.cache_clear()
    lemmas.prefetch(words)
    assert [lemmas._dictionary(w) for w in words] == one_by_one
    assert one_by_one[3] == "island" and one_by_one[6] is None
    lemmas._dictionary.cache_clear()
