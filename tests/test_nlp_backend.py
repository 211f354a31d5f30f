"""The backend interface: loading, caching, errors, analysis structure and on-demand parsing."""

from __future__ import annotations

import pytest

from klarsprak.errors import BackendError
from klarsprak.model import Block, BlockKind, Document, Place
from klarsprak.nlp import embedded_model_dir, load_backend


def document(*texts):
    return Document(path=None, format="txt",
                    blocks=[Block(index=i, kind=BlockKind.PARAGRAPH, text=t, place=Place()) for i, t in enumerate(texts)])


@pytest.fixture(scope="module")
def backend():
    return load_backend("embedded")


def test_backend_is_cached_and_reports_its_model(backend):
    assert load_backend() is backend
    info = backend.info()
    assert info["name"] == "embedded" and info["model"] == "sv_klarsprak" and info["version"]


def test_embedded_model_is_inside_the_package_and_small():
    path = embedded_model_dir()
    assert (path / "config.cfg").is_file() and (path / "meta.json").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 30_000_000


def test_missing_spacy_model_gives_a_swedish_one_liner():
    with pytest.raises(BackendError) as err:
        load_backend("spacy:sv_core_news_finns_inte")
    message = str(err.value)
    assert "hittades inte" in message and "python -m spacy download sv_core_news_finns_inte" in message
    assert "\n" not in message


def test_unknown_spec_and_stanza_are_explained():
    with pytest.raises(BackendError, match="Okänd NLP-backend"):
        load_backend("nonsens")
    with pytest.raises(BackendError, match="spacy-stanza"):
        load_backend("stanza")


def test_a_spacy_pipeline_by_path(tmp_path):
    import shutil

    copy = tmp_path / "pipeline"
    shutil.copytree(embedded_model_dir(), copy)
    user = load_backend(f"spacy:{copy}")
    assert user.info()["name"] == "spacy"
    analysis = user.analyse(document("Din ansökan avslås."))
    assert [t.text for t in analysis.tokens] == ["Din", "ansökan", "avslås", "."]


def test_analysis_structure(backend):
    doc = document("Socialnämnden har prövat din ansökan. Du har rätt till bistånd.", "Beslut")
    analysis = backend.analyse(doc)
    assert analysis.backend == backend.info()
    assert [s.text for s in analysis.sentences] == [
        "Socialnämnden har prövat din ansökan.", "Du har rätt till bistånd.", "Beslut"]
    assert [t.i for t in analysis.tokens] == list(range(len(analysis.tokens)))
    for s in analysis.sentences:
        assert all(t.sent == s.i and t.block == s.block for t in analysis.sentence_tokens(s))
    by_text = {}
    for t in analysis.tokens:
        by_text.setdefault(t.text, t)  # the first "har" is the auxiliary
    assert by_text["Socialnämnden"].upos == "NOUN" and by_text["Socialnämnden"].lemma == "socialnämnd"
    assert by_text["har"].upos == "AUX" and by_text["har"].lemma == "ha"
    assert by_text["prövat"].feat("VerbForm") == "Sup"
    assert by_text["ansökan"].xpos.startswith("NN|")
    assert all(t.dep == "" and t.head == -1 for t in analysis.tokens)  # not parsed unless asked


def test_parse_only_requested_sentences_with_global_heads(backend):
    analysis = backend.analyse(document("Vi har tagit emot din ansökan.", "Nämnden avslår ansökan om bistånd."))
    backend.parse(analysis, [1])
    first, second = analysis.sentences
    assert not first.parsed and all(t.head == -1 for t in analysis.sentence_tokens(first))
    assert second.parsed
    toks = analysis.sentence_tokens(second)
    assert all(second.first <= t.head < second.last for t in toks)
    roots = [t for t in toks if t.dep == "root"]
    assert len(roots) == 1 and roots[0].text == "avslår" and roots[0].head == roots[0].i
    subject = next(t for t in toks if t.text == "Nämnden")
    assert subject.dep == "nsubj" and subject.head == roots[0].i


def test_analyse_with_parse(backend):
    analysis = backend.analyse(document("Du får 1 200 kr i månaden."), parse=True)
    assert all(s.parsed for s in analysis.sentences) and all(t.dep for t in analysis.tokens)


def test_empty_and_whitespace_blocks(backend):
    analysis = backend.analyse(document("", "   \t ", "Hej."))
    assert [s.block for s in analysis.sentences] == [2]


TRICKY = ("Din ansökan om bistånd enl. 4 kap. 1 § socialtjänstlagen (2001:453) avslås, bl.a. p.g.a. SOSFS 2014:5. "
          "Beslutet (dnr ASN-2019-19470) har fattats av nämnden  2020-12-23; se https://www.example.se/a?b=1 "
          "eller skriv till info@kommun.se.\n\n1) Du kan överklaga beslutet t.ex. inom tre veckor.")


def test_analysis_reads_the_same_annotation_as_spacy_tokens(backend):
    # the backend reads tags, features, lemmas and sentence starts as arrays; spaCy's Token objects
    # are the reference for what those arrays mean
    from klarsprak.nlp import sentences

    analysis = backend.analyse(document(TRICKY))
    doc = sentences.preset(backend.nlp.make_doc(TRICKY))
    doc = next(backend.nlp.pipe([doc], disable=backend._tagging_off))
    words = [t for t in doc if not t.is_space]
    assert [(t.text, t.idx, t.pos_, t.tag_, str(t.morph)) for t in words] == [
        (t.text, t.start, t.upos, t.xpos, t.feats) for t in analysis.tokens]
    assert any(t.feats == "" for t in analysis.tokens) and any(t.feats for t in analysis.tokens)
    spacy_sentences = [[t for t in s if not t.is_space] for s in doc.sents]  # ours end at the last word
    assert [(s[0].idx, s[-1].idx + len(s[-1])) for s in spacy_sentences if s] == [
        (s.start, s.end) for s in analysis.sentences]
    assert len(analysis.sentences) >= 3


def test_embedded_tokenizer_is_the_saved_one(backend):
    # the embedded pipeline is loaded without spaCy's default tokenizer (its saved rules replace it)
    import spacy

    plain = spacy.load(embedded_model_dir(), exclude=["parser", "senter", "tagger", "morphologizer",
                                                      "trainable_lemmatizer", "tok2vec"])
    assert [t.text for t in backend.nlp.make_doc(TRICKY)] == [t.text for t in plain.make_doc(TRICKY)]


def test_spacy_is_imported_without_its_command_line():
    # spaCy's CLI (typer, weasel, requests, ...) is a fifth of a cold start and never needed to load
    # a pipeline; it must still work when someone asks for it
    import subprocess
    import sys

    code = ("import sys; from klarsprak.nlp import load_backend; load_backend('embedded'); "
            "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules, 'CLI imported'; "
            "import spacy, spacy.cli; assert callable(spacy.cli.setup_cli); "
            "assert spacy.info()['spacy_version'] == spacy.__version__; print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_per_word_results_do_not_depend_on_what_was_analysed_before(backend):
    # the backend keeps what each distinct word and tag gives (lemma, tags, passive candidate):
    # a word seen before, as a field or in other company, must come out as on a fresh start
    def fields(analysis):
        return [(t.text, t.lemma, t.upos, t.xpos, t.feats, t.start, t.end, t.sent, t.ws, t.passive, t.placeholder)
                for t in analysis.tokens]

    target = Document(path=None, format="txt", blocks=[
        Block(index=0, kind=BlockKind.PARAGRAPH, text="Hej «Namn»! Din ansökan avslås. Namn har sökt.", place=Place()),
        Block(index=1, kind=BlockKind.PARAGRAPH, text="Ansökan blev avslagen av Namn 1 200 kr.", place=Place(),
              placeholders=[(25, 29)]),
    ])
    backend._entries.clear()
    fresh = fields(backend.analyse(target))
    backend.analyse(document(TRICKY, "Namn, ansökan och avslås i andra sammanhang: vi träffas, det finns.",
                             "{{Namn}} och [Namn] ansökan."))
    assert fields(backend.analyse(target)) == fresh
    assert [t.placeholder for t in backend.analyse(target).tokens if t.text == "Namn"] == [False, True]


def test_garbage_collection_is_only_paused_while_analysing(backend):
    import gc

    assert gc.isenabled()
    backend.analyse(document("Din ansökan avslås."))
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        backend.analyse(document("Din ansökan avslås."))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_one_block_over_a_million_characters_is_analysed(backend):
    """spaCy refuses texts over nlp.max_length (1,000,000) by default; one long PDF block must not."""
    text = "Beslutsunderlagsförteckningen. " * 33_000  # 1,023,000 characters, 66,000 tokens
    block = Block(index=0, kind=BlockKind.PARAGRAPH, text=text, place=Place())
    analysis = backend.analyse(Document(path=None, format="txt", blocks=[block]))
    assert len(analysis.tokens) == 66_000
    assert analysis.tokens[-1].end == len(text.rstrip())
