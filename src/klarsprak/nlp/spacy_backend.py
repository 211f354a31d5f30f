"""A backend on top of a spaCy pipeline: the embedded one or a user's installed pipeline."""

from __future__ import annotations

import contextlib
import gc
import re
import threading
from bisect import bisect_left
from itertools import repeat
from typing import Iterable

from klarsprak.nlp.spacy_import import spacy  # noqa: F401 - before any spacy.*: spaCy without its CLI
from spacy.attrs import LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import filter_spans, registry

from klarsprak.model import Block, Document
from klarsprak.nlp import lemmas, passive, sentences
from klarsprak.nlp.fast_tok2vec import fast_tok2vec
from klarsprak.nlp.text import normalise
from klarsprak.nlp.tokenizer import BULLET_SET, PLACEHOLDER_SPAN, PLACEHOLDER_TOKEN
from klarsprak.nlp.types import Analysis, Sentence, Token

# amounts and numbers written with a space between thousands: "1 200 kr", "12 345,50"
_GROUPED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d])")
_DIGIT_GAP = re.compile(r"\d \d")  # in every match of _GROUPED_NUMBER
# what the analysis needs when no rule asks for dependencies
_TAGGING = {"tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "lemmatizer", "attribute_ruler", "senter",
            "sentencizer"}
BATCH_SIZE = 256
_MAX_ENTRIES = 100_000  # per-word results a backend keeps (~60 MB at most); cleared when full
_NO_DICTIONARY = lemmas.VERBATIM | lemmas.TRAINED_FIRST  # parts of speech whose lemma rarely or never needs it
# fields of an entry (see SpacyBackend._entry)
_LEMMA, _UPOS, _XPOS, _FEATS, _PLACEHOLDER, _KIND, _RAW_UPOS, _LOWER, _SUC = range(9)
_SENT_START_VALUE = {1: True, -1: False, 0: None}
PROXY_WORD = "Anna"  # what a template field is tagged as: a name, not whatever its letters suggest
# the entry of a key whose lemma is the trained lemmatizer's: it waits for that token's label
_NEEDS_LABEL = ("needs the lemmatizer's label",)


class _LabelNeeded(Exception):
    pass

# The embedded pipeline's tokenizer comes whole from its saved rules (every pattern and exception is
# in model/tokenizer), so spaCy's default Swedish tokenizer, built first only to be replaced, was
# wasted work at every start (~0.04 s CPU: its regular expressions and 1,100 special cases).
BLANK_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "klarsprak.blank_tokenizer.v1"}}}


@registry.tokenizers("klarsprak.blank_tokenizer.v1")
def _blank_tokenizer():
    return lambda nlp: Tokenizer(nlp.vocab)


class SpacyBackend:
    def __init__(self, nlp: Language, name: str, model: str, version: str):
        self.nlp = nlp
        self._one_blas_thread = _use_numpy_blas(nlp)
        self.name = name
        self._model = model
        self._version = version
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        has_senter = any(n in nlp.pipe_names for n in ("senter", "sentencizer"))
        if not has_senter and "parser" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
            has_senter = True
        # without a sentence splitter of its own, the parser has to run to find sentences
        keep = _TAGGING if has_senter else _TAGGING | {"parser"}
        if has_senter:
            # spaCy's 1,000,000-character cap guards the parser's memory on whole texts; here the
            # parser only sees the sentences a rule asks for, and a block's size is bounded by
            # limits.max-words, so one long block (PDF text without breaks) must not fail on it
            nlp.max_length = max(nlp.max_length, 100_000_000)
        self._tagging_off = [n for n in nlp.pipe_names if n not in keep]
        fast = fast_tok2vec(nlp)
        if fast is not None:  # the same output as thinc's forward pass, in less time (see fast_tok2vec)
            nlp.get_pipe("tok2vec").predict = fast
        self._lemmatizer = _lazy_lemmatizer(nlp)
        if self._lemmatizer is not None:
            self._tagging_off.append("trainable_lemmatizer")  # run below, only where its lemma is used
            self._lemma_weights = _output_weights(self._lemmatizer)
        self._parsing_off = [n for n in nlp.pipe_names if n not in ("tok2vec", "parser")]
        self.has_parser = "parser" in nlp.pipe_names
        self._entries: dict[tuple, tuple] = {}

    def info(self) -> dict:
        return {"name": self.name, "model": self._model, "version": self._version}

    # -- analysis -------------------------------------------------------------------------
    def analyse(self, document: Document, parse: bool = False) -> Analysis:
        with _gc_paused():
            return self._analyse(document, parse)

    def _analyse(self, document: Document, parse: bool) -> Analysis:
        analysis = Analysis(document=document, backend=self.info())
        prepared = [self._prepare(block) for block in document.blocks]
        with self._one_blas_thread():
            tagged = list(self.nlp.pipe([p[1] for p in prepared], batch_size=BATCH_SIZE, disable=self._tagging_off))
        columns = [p[2] for p in prepared]
        read = [self._read(block, doc, cols) for block, doc, cols in zip(document.blocks, tagged, columns)]
        found = self._look_up([keys for keys, _ in read], tagged)
        for block, cols, (keys, sent_start), entries, doc in zip(document.blocks, columns, read, found, tagged):
            self._collect(analysis, block, cols, keys, sent_start, entries, doc)
        if parse:
            self.parse(analysis, [s.i for s in analysis.sentences])
        return analysis

    def _prepare(self, block: Block) -> tuple[Doc, Doc, tuple]:
        """(tokens with offsets, doc to tag, token columns): template fields are tagged as a name would be."""
        text = normalise(block.text)
        doc = self.nlp.make_doc(text)
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in block.placeholders]
        for pattern, may_match in ((PLACEHOLDER_SPAN, _may_hold_field), (_GROUPED_NUMBER, _DIGIT_GAP.search)):
            if may_match(text):  # a cheap test first: most blocks have neither
                spans += [doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in pattern.finditer(text)]
        spans = [s for s in spans if s is not None and len(s) > 1]
        if len(spans) > 1:  # most blocks have none: filter_spans costs more than the regexes
            spans = filter_spans(spans)
        if spans:
            with doc.retokenize() as retokenizer:
                for span in spans:
                    retokenizer.merge(span)
        texts, starts, spaces, glued = sentences.token_columns(doc, text)
        rule_starts = sentences.rule_starts(texts, spaces, glued)
        sentences.apply(doc, rule_starts)
        fields = []
        if block.placeholders or spans:
            fields = [block.in_placeholder(i, i + len(t)) or bool(PLACEHOLDER_TOKEN.match(t)) for t, i in zip(texts, starts)]
        # the token texts are the block's own unless normalising changed a character
        columns = (texts, starts, spaces, fields, text is block.text)
        if not any(fields):
            return doc, doc, columns
        proxy = Doc(self.nlp.vocab, words=[PROXY_WORD if f else t for t, f in zip(texts, fields)],
                    spaces=[not g for g in glued], sent_starts=[_SENT_START_VALUE[v] for v in rule_starts])
        return doc, proxy, columns

    def _lemma_labels(self, tagged: list[Doc], wanted: list[tuple[int, int]]) -> list[int]:
        """The trained lemmatizer's best edit tree (label index) for token ``i`` of block ``b``, for
        each ``(b, i)`` in ``wanted``: its output layer on those tokens' tok2vec rows alone.

        The lemma of ~6 tokens in 7 comes from the dictionary, so running the layer (and its
        softmax, which does not change the best label) on every token was mostly wasted."""
        import numpy

        weights, bias = self._lemma_weights
        rows = numpy.stack([tagged[b].tensor[i] for b, i in wanted])
        with self._one_blas_thread():
            return (rows @ weights.T + bias).argmax(axis=1).tolist()

    def _read(self, block: Block, doc: Doc, columns: tuple) -> tuple[list[tuple], list[int]]:
        """(a key per token: (text, is a field, POS, TAG, MORPH, lemma label), sentence starts) of a
        tagged block. With the lazy lemmatizer the label is None until ``_look_up`` needs it."""
        texts, starts, _, fields, unchanged = columns
        if not texts:
            return [], []
        arrays = doc.to_array([SENT_START, POS, TAG, MORPH, LEMMA]).T.tolist()
        sent_start, pos_ids, tag_ids, morph_ids, lemma_ids = arrays
        origs = texts if unchanged else [block.text[i : i + len(t)] for t, i in zip(texts, starts)]
        return list(zip(origs, fields if any(fields) else repeat(False), pos_ids, tag_ids, morph_ids,
                        lemma_ids if self._lemmatizer is None else repeat(None))), sent_start

    def _look_up(self, keys: list[list[tuple]], tagged: list[Doc]) -> list[list[tuple]]:
        """The entries (see ``_entry``) for the keys of every block of a document.

        What a token gets from its text and tags alone (lemma, final tags, passive candidate) is
        worked out once per distinct key and kept: most tokens of a text are words seen before.
        The dictionary lemmas of the new ones are looked up together first. A key whose lemma is
        the trained lemmatizer's gets its entry once that token's label is known."""
        entries = self._entries
        if len(entries) > _MAX_ENTRIES:
            entries.clear()
        get = entries.get
        found = [[get(key) for key in block] for block in keys]
        missing = [key for block, got in zip(keys, found) if None in got for key, e in zip(block, got) if e is None]
        entry = self._entry
        if missing:
            lemmas.prefetch(normalise(key[0]).lower() for key in missing if POS_NAMES[key[2]] not in _NO_DICTIONARY)
            found = [[e or get(key) or entry(key) for key, e in zip(block, got)] for block, got in zip(keys, found)]
        wanted = [(b, i) for b, got in enumerate(found) for i, e in enumerate(got) if e is _NEEDS_LABEL]
        if wanted:
            for (b, i), label in zip(wanted, self._lemma_labels(tagged, wanted)):
                key = keys[b][i][:5] + (label,)
                found[b][i] = get(key) or entry(key)
        return found

    def _collect(self, analysis: Analysis, block: Block, columns: tuple, keys: list[tuple], sent_start: list[int],
                 found: list[tuple], doc: Doc) -> None:
        """Tokens and sentences of one tagged block, from its columns and entries (no spaCy Token objects)."""
        texts, all_starts, spaces, fields, _ = columns
        n = len(texts)
        if n == 0:
            return
        text = block.text
        block_i = block.index
        starts, ends = all_starts, [i + len(t) for t, i in zip(texts, all_starts)]
        origs = [key[0] for key in keys]
        any_field = any(fields)
        # a template field is tagged as the proxy word, so it counts as a token even if it were blank
        keep = [i for i in range(n) if not spaces[i] or (any_field and fields[i])]
        m = len(keep)
        if m == 0:
            return
        if m < n:
            found, origs = [found[i] for i in keep], [origs[i] for i in keep]
            starts, ends = [starts[i] for i in keep], [ends[i] for i in keep]
        lemma, upos, xpos, feats, placeholder, kind, raw_upos, lower, suc = zip(*found)
        ws_end = starts[1:] + [len(text)]
        sent = []
        flags = [False] * m
        ranges = []
        for first_i, last_i in _sentence_ranges(doc, sent_start):
            lo, hi = bisect_left(keep, first_i), bisect_left(keep, last_i)
            if lo == hi:
                continue
            k = keep[hi - 1] + 1  # the whitespace after a sentence runs to the next non-space token
            while k < n and spaces[k]:
                k += 1
            ws_end[hi - 1] = all_starts[k] if k < n else len(text)
            sent += [len(analysis.sentences) + len(ranges)] * (hi - lo)
            ranges.append((lo, hi))
            if any(kind[lo:hi]):  # only candidates look at their neighbours
                words, tags, sucs = lower[lo:hi], raw_upos[lo:hi], suc[lo:hi]
                for j in range(lo, hi):
                    if kind[j] and not placeholder[j]:
                        flags[j] = passive.confirm(kind[j], words, tags, sucs, j - lo)
        first = len(analysis.tokens)
        made = list(map(Token, range(first, first + m), origs, lemma, upos, xpos, feats, repeat(block_i), starts, ends,
                        sent, [text[e:s] for e, s in zip(ends, ws_end)], repeat(""), repeat(-1), flags, placeholder))
        if block.placeholders:
            for token in made:
                if block.in_placeholder(token.start, token.end):
                    token.upos, token.xpos, token.feats, token.lemma = "X", "UO", "", token.text.lower()
                    token.passive, token.placeholder = False, True
        analysis.tokens += made
        for lo, hi in ranges:
            s_start, s_end = starts[lo], ends[hi - 1]
            analysis.sentences.append(Sentence(i=len(analysis.sentences), block=block_i, start=s_start, end=s_end,
                                               first=first + lo, last=first + hi, text=text[s_start:s_end]))

    def _entry(self, key: tuple) -> tuple:
        """What a token with ``key`` = (text, is a field, POS, TAG, MORPH, lemma label) gets, as
        ``_collect`` did per token before: chosen lemma, tags after the bullet/field overrides, and
        the raw values the passive rules read."""
        orig, field, pos_id, tag_id, morph_id, label = key
        form = normalise(orig)  # the text as tagged (normalising maps character by character)
        strings = self.nlp.vocab.strings
        upos = POS_NAMES[pos_id]
        xpos = strings[tag_id] if tag_id else ""
        feats = _feats(strings[morph_id]) if morph_id else ""
        word = PROXY_WORD if field else form
        if self._lemmatizer is None:
            trained = strings[label] if label else ""
        elif label is None:  # the label is worked out only if the lemma depends on it

            def trained() -> str:
                raise _LabelNeeded
        else:  # as EditTreeLemmatizer.set_annotations would have set it, for this token only
            trees, labels = self._lemmatizer.trees, self._lemmatizer.cfg["labels"]

            def trained() -> str:
                lemma = trees.apply(labels[label], word)
                return word if lemma is None else lemma  # backoff "orth"
        try:
            lemma = lemmas.choose(form, upos, trained)
        except _LabelNeeded:
            self._entries[key] = _NEEDS_LABEL
            return _NEEDS_LABEL
        suc = passive.suc_like(upos, feats, xpos)
        kind = passive.candidate(form, lemma, upos, suc)
        raw = (upos, form.lower(), suc)
        if orig in BULLET_SET:
            upos, xpos, feats, lemma = "PUNCT", "MID", "", orig
        placeholder = _may_be_field(orig)
        if placeholder:
            upos, xpos, feats, lemma = "X", "UO", "", orig.lower()
        value = self._entries[key] = (lemma, upos, xpos, feats, placeholder, kind, *raw)
        return value

    # -- parsing --------------------------------------------------------------------------
    def parse(self, analysis: Analysis, sentence_indices: Iterable[int]) -> None:
        wanted = [analysis.sentences[i] for i in sorted(set(sentence_indices)) if not analysis.sentences[i].parsed]
        if not wanted:
            return
        if not self.has_parser:
            for s in wanted:
                s.parsed = True
            return
        docs = []
        for s in wanted:
            toks = analysis.sentence_tokens(s)
            words = [PROXY_WORD if t.placeholder else normalise(t.text) for t in toks]
            doc = Doc(self.nlp.vocab, words=words, spaces=[bool(t.ws) for t in toks],
                      sent_starts=[True] + [False] * (len(toks) - 1))
            docs.append(doc)
        with self._one_blas_thread():
            parsed = list(self.nlp.pipe(docs, batch_size=BATCH_SIZE, disable=self._parsing_off))
        for s, doc in zip(wanted, parsed):
            for j, t in enumerate(doc):
                token = analysis.tokens[s.first + j]
                token.dep = "root" if t.dep_ == "ROOT" else t.dep_
                token.head = s.first + t.head.i
            s.parsed = True


_gc_lock = threading.Lock()
_gc_pausing = 0  # analyses under way (in any thread)
_gc_was_enabled = False


@contextlib.contextmanager
def _gc_paused():
    """No cyclic garbage collection while a document is analysed.

    An analysis makes an object per token (and keeps them); each collection meanwhile walked every
    object of the process again (the model, word lists, earlier analyses): ~2 µs per word, a tenth
    of klarsprak's share of the NLP stage. An analysis makes next to no cyclic garbage, and
    collection resumes as soon as no thread is analysing (never if the caller had turned it off)."""
    global _gc_pausing, _gc_was_enabled
    with _gc_lock:
        if _gc_pausing == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausing += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausing -= 1
            if _gc_pausing == 0 and _gc_was_enabled:
                gc.enable()


def _use_numpy_blas(nlp: Language):
    """Run the networks' matrix products through numpy's BLAS (OpenBLAS or MKL) on one thread.

    thinc's default CPU kernels (blis) are built for AVX2; numpy's OpenBLAS picks the CPU's own
    kernels, which made tagging ~20 % faster by CPU time here, with identical output on the test
    corpora. More than one BLAS thread only burnt CPU time on these small matrices, hence the limit.
    Returns a context manager factory for the limit; without threadpoolctl nothing changes.
    """
    try:
        from thinc.api import NumpyOps
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return contextlib.nullcontext
    controller = ThreadpoolController()
    models = [pipe.model for _, pipe in nlp.pipeline if hasattr(pipe, "model") and hasattr(pipe.model, "walk")]
    if not controller.select(user_api="blas").lib_controllers or not models:
        return contextlib.nullcontext
    if any(type(node.ops) is not NumpyOps for model in models for node in model.walk()):
        return contextlib.nullcontext  # a GPU or Apple backend: already has its own fast kernels
    ops = NumpyOps(use_blis=False)
    for model in models:
        for node in model.walk():
            node.ops = ops
    return lambda: controller.limit(limits=1, user_api="blas")


def _lazy_lemmatizer(nlp: Language):
    """The trainable lemmatizer, when ``_lemma_labels`` reproduces it exactly: best tree only, the
    form as backoff, one output layer on the shared tok2vec output, no other lemmatizer before it."""
    if "trainable_lemmatizer" not in nlp.pipe_names or "tok2vec" not in nlp.pipe_names:
        return None
    from spacy.pipeline import EditTreeLemmatizer

    pipe = nlp.get_pipe("trainable_lemmatizer")
    names = nlp.pipe_names[: nlp.pipe_names.index("trainable_lemmatizer")]
    if (type(pipe) is not EditTreeLemmatizer or pipe.top_k != 1 or pipe.backoff != "orth"
            or [layer.name for layer in pipe.model.layers] != ["tok2vec-listener", "with_array(softmax)"]
            or {"lemmatizer", "attribute_ruler"} & set(names)):
        return None
    return pipe


def _output_weights(pipe) -> tuple:
    """(W, b) of a tagger-style component's output layer: its scores are ``X @ W.T + b``."""
    layer = pipe.model.layers[-1].layers[0]  # the softmax inside with_array
    return layer.get_param("W"), layer.get_param("b")


def _sentence_ranges(doc: Doc, sent_start: list[int]) -> list[tuple[int, int]]:
    """[start, end) token ranges of the sentences, as ``Doc.sents`` gives them."""
    if "sents" in doc.user_hooks:
        return [(s.start, s.end) for s in doc.sents]
    bounds = [0] + [i for i in range(1, len(sent_start)) if sent_start[i] == 1] + [len(sent_start)]
    return list(zip(bounds, bounds[1:]))


def _feats(morph: str) -> str:
    return "" if morph == "_" else morph  # spaCy stores "no features" as "_", str(token.morph) gives ""


def _may_hold_field(text: str) -> bool:
    return "{" in text or "«" in text or "<" in text or "[" in text  # what every PLACEHOLDER_SPAN starts with


def _may_be_field(text: str) -> bool:
    return text[0] in "{«<[" and bool(PLACEHOLDER_TOKEN.match(text))  # every pattern starts with one of these
