"""The tok2vec shortcut (klarsprak.nlp.fast_tok2vec) gives thinc's output bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

from klarsprak.nlp import fast_tok2vec as fast_module
from klarsprak.nlp import load_backend
from klarsprak.nlp.fast_tok2vec import FastTok2Vec, fast_tok2vec

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def backend():
    return load_backend("embedded")


@pytest.fixture(scope="module")
def batches(backend):
    """The decisions of corpora/ as paragraphs, in batches of 64, with odd blocks among them."""
    paragraphs = [p for path in sorted((ROOT / "corpora" / "beslut" / "txt").glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n\n")]
    paragraphs[3:3] = ["", "   ", "Ja", "\n", "§"]  # no tokens, whitespace only, one token
    docs = [backend.nlp.make_doc(p) for p in paragraphs]
    assert sum(len(d) for d in docs) > 5000
    return [docs[i : i + 64] for i in range(0, len(docs), 64)]


def thinc_output(model, batch):
    return model.predict(batch)


def assert_identical(model, fast, batches):
    for batch in batches:
        expected, got = thinc_output(model, batch), fast(batch)
        assert len(expected) == len(got) == len(batch)
        for doc, e, g in zip(batch, expected, got):
            assert g.shape == (len(doc), e.shape[1]) and g.dtype == e.dtype
            assert numpy.array_equal(e, g), doc.text[:60]


def test_the_embedded_pipeline_uses_the_shortcut(backend):
    assert isinstance(backend.nlp.get_pipe("tok2vec").predict, FastTok2Vec)


def test_same_output_as_thinc_on_the_corpora_on_a_first_and_a_second_pass(backend, batches):
    model = backend.nlp.get_pipe("tok2vec").model
    fast = FastTok2Vec(model)
    with backend._one_blas_thread():
        assert_identical(model, fast, batches)  # every row new
        assert_identical(model, fast, batches)  # every row kept from the first pass
    assert 1000 < len(fast._rows) < sum(len(d) for b in batches for d in b)


@pytest.mark.parametrize("chunk", [8, 9, 13, 100])
def test_any_block_size_of_the_encoder_gives_the_same_output(backend, batches, chunk, monkeypatch):
    monkeypatch.setattr(fast_module, "CHUNK_ROWS", chunk)
    model = backend.nlp.get_pipe("tok2vec").model
    with backend._one_blas_thread():
        assert_identical(model, FastTok2Vec(model), batches[:2])


def test_the_kept_rows_start_over_when_full(backend, batches, monkeypatch):
    monkeypatch.setattr(fast_module, "MAX_ROWS", 300)
    model = backend.nlp.get_pipe("tok2vec").model
    fast = FastTok2Vec(model)
    with backend._one_blas_thread():
        assert_identical(model, fast, batches + batches)
    assert len(fast._rows) <= max(300, max(sum(len(d) for d in b) for b in batches))


def test_rows_that_share_a_hash_are_never_mixed_up(backend, batches, monkeypatch):
    # every row gets the same key: the check behind the key must catch it, and the output stays exact
    monkeypatch.setattr(fast_module, "_row_hashes", lambda features: numpy.zeros(len(features), dtype="uint64"))
    model = backend.nlp.get_pipe("tok2vec").model
    with backend._one_blas_thread():
        assert_identical(model, FastTok2Vec(model), batches[:3])


def test_a_single_new_row_is_embedded_as_in_a_batch(backend):
    # numpy's BLAS multiplies 1-4 rows with other kernels; a kept row must be what a batch gives
    model = backend.nlp.get_pipe("tok2vec").model
    fast = FastTok2Vec(model)
    with backend._one_blas_thread():
        fast([backend.nlp.make_doc("ansökan")])
        batch = [backend.nlp.make_doc("Din ansökan om ekonomiskt bistånd avslås.")]
        assert_identical(model, fast, [batch])


def test_a_batch_without_tokens(backend):
    fast = FastTok2Vec(backend.nlp.get_pipe("tok2vec").model)
    out = fast([backend.nlp.make_doc(""), backend.nlp.make_doc("")])
    assert [a.shape for a in out] == [(0, fast.width), (0, fast.width)]


@pytest.mark.parametrize("shape", [{}, {"width": 64, "depth": 2, "maxout_pieces": 2}])
def test_an_untrained_pipeline_of_the_same_architecture_is_exact_too(shape):
    # exact against thinc on numpy's BLAS, which the backend switches every pipeline to
    import spacy

    from klarsprak.nlp.spacy_backend import _use_numpy_blas

    nlp = spacy.blank("sv")
    nlp.add_pipe("tok2vec", config={"model": shape})
    nlp.initialize()
    one_thread = _use_numpy_blas(nlp)
    fast = fast_tok2vec(nlp)
    assert fast is not None
    docs = [nlp.make_doc(t) for t in ("Din ansökan avslås.", "", "Beslutet har fattats av nämnden den 1 juli 2020.")]
    with one_thread():
        assert_identical(nlp.get_pipe("tok2vec").model, fast, [docs, docs])


def test_other_architectures_and_ops_keep_thincs_forward_pass():
    import spacy

    wide_window = spacy.blank("sv")
    wide_window.add_pipe("tok2vec", config={"model": {"window_size": 2}})
    wide_window.initialize()
    assert fast_tok2vec(wide_window) is None
    characters = spacy.blank("sv")
    characters.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.CharacterEmbed.v2", "width": 96, "rows": 2000, "nM": 16, "nC": 4,
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 2, "window_size": 1,
                   "maxout_pieces": 3}}})
    characters.initialize()
    assert fast_tok2vec(characters) is None
    assert fast_tok2vec(spacy.blank("sv")) is None  # no tok2vec at all


def test_only_numpy_arrays_on_the_cpu_take_the_shortcut():
    import spacy
    from thinc.api import Ops

    class OtherOps(Ops):  # stands for a GPU or Apple backend, whose arrays numpy cannot take
        name = "other"

    nlp = spacy.blank("sv")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    assert fast_tok2vec(nlp) is None  # thinc's own blis kernels: the backend has not switched them yet
    for node in nlp.get_pipe("tok2vec").model.walk():
        node.ops = OtherOps()
    assert fast_tok2vec(nlp) is None
