"""A backend on top of a spaCy pipeline: the embedded one or a user's installed pipeline."""

from __future__ import annotations

import contextlib
import re
from typing import Iterable

from spacy.attrs import LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import filter_spans, registry

from klarsprak.model import Block, Document
from klarsprak.nlp import lemmas, passive, sentences
from klarsprak.nlp.text import normalise
from klarsprak.nlp.tokenizer import BULLET_SET, PLACEHOLDER_SPAN, PLACEHOLDER_TOKEN
from klarsprak.nlp.types import Analysis, Sentence, Token

# amounts and numbers written with a space between thousands: "1 200 kr", "12 345,50"
_GROUPED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d])")
# what the analysis needs when no rule asks for dependencies
_TAGGING = {"tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "lemmatizer", "attribute_ruler", "senter",
            "sentencizer"}
BATCH_SIZE = 256
_SENT_START_VALUE = {1: True, -1: False, 0: None}
PROXY_WORD = "Anna"  # what a template field is tagged as: a name, not whatever its letters suggest

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
        self._tagging_off = [n for n in nlp.pipe_names if n not in keep]
        self._lemmatizer = _lazy_lemmatizer(nlp)
        if self._lemmatizer is not None:
            self._tagging_off.append("trainable_lemmatizer")  # run below, its edit trees only where needed
        self._parsing_off = [n for n in nlp.pipe_names if n not in ("tok2vec", "parser")]
        self.has_parser = "parser" in nlp.pipe_names

    def info(self) -> dict:
        return {"name": self.name, "model": self._model, "version": self._version}

    # -- analysis -------------------------------------------------------------------------
    def analyse(self, document: Document, parse: bool = False) -> Analysis:
        analysis = Analysis(document=document, backend=self.info())
        prepared = [self._prepare(block) for block in document.blocks]
        with self._one_blas_thread():
            tagged = list(self.nlp.pipe([p[1] for p in prepared], batch_size=BATCH_SIZE, disable=self._tagging_off))
            guesses = self._lemma_guesses(tagged)
        for block, (_, _, columns), tagged_doc, guess in zip(document.blocks, prepared, tagged, guesses):
            self._collect(analysis, block, tagged_doc, columns, guess)
        if parse:
            self.parse(analysis, [s.i for s in analysis.sentences])
        return analysis

    def _prepare(self, block: Block) -> tuple[Doc, Doc, tuple]:
        """(tokens with offsets, doc to tag, token columns): template fields are tagged as a name would be."""
        text = normalise(block.text)
        doc = self.nlp.make_doc(text)
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in block.placeholders]
        for pattern in (PLACEHOLDER_SPAN, _GROUPED_NUMBER):
            spans += [doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in pattern.finditer(text)]
        spans = filter_spans([s for s in spans if s is not None and len(s) > 1])
        if spans:
            with doc.retokenize() as retokenizer:
                for span in spans:
                    retokenizer.merge(span)
        texts, starts, spaces, glued = sentences.token_columns(doc)
        rule_starts = sentences.rule_starts(texts, spaces, glued)
        sentences.apply(doc, rule_starts)
        fields = []
        if block.placeholders or spans:
            fields = [block.in_placeholder(i, i + len(t)) or bool(PLACEHOLDER_TOKEN.match(t)) for t, i in zip(texts, starts)]
        columns = (texts, starts, spaces, fields)
        if not any(fields):
            return doc, doc, columns
        proxy = Doc(self.nlp.vocab, words=[PROXY_WORD if f else t for t, f in zip(texts, fields)],
                    spaces=[not g for g in glued], sent_starts=[_SENT_START_VALUE[v] for v in rule_starts])
        return doc, proxy, columns

    def _lemma_guesses(self, docs: list[Doc]) -> list[list[int] | None]:
        """The trained lemmatizer's best edit tree per token (label indices), batched as nlp.pipe does.

        Only the network runs here (from the tok2vec output kept in ``doc.tensor``); the edit trees
        are applied in ``_collect`` to the few tokens whose lemma simplemma does not give."""
        if self._lemmatizer is None:
            return [None] * len(docs)
        guesses: list[list[int] | None] = []
        for i in range(0, len(docs), BATCH_SIZE):
            batch = docs[i : i + BATCH_SIZE]
            if not any(len(doc) for doc in batch):
                guesses += [[] for _ in batch]
                continue
            guesses += [scores.argmax(axis=1).tolist() for scores in self._lemmatizer.model.predict(batch)]
        return guesses

    def _collect(self, analysis: Analysis, block: Block, doc: Doc, columns: tuple, guess: list[int] | None) -> None:
        """Tokens and sentences of one tagged block, read from arrays (no spaCy Token objects)."""
        texts, starts, spaces, fields = columns
        n = len(texts)
        if n == 0:
            return
        text = block.text
        ends = [i + len(t) for t, i in zip(texts, starts)]
        # a template field is tagged as the proxy word, so it counts as a token even if it were blank
        keep = [f or not sp for f, sp in zip(fields, spaces)] if fields else [not sp for sp in spaces]
        following = [len(text)] * n  # start of the next non-space token after i, or the end of the text
        for i in range(n - 2, -1, -1):
            following[i] = starts[i + 1] if not spaces[i + 1] else following[i + 1]
        strings = self.nlp.vocab.strings
        rows = doc.to_array([SENT_START, POS, TAG, MORPH, LEMMA])
        cache: dict[int, str] = {0: ""}

        def string(key: int) -> str:
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings[key]
            return value

        sent_start, pos_ids, tag_ids, morph_ids, lemma_ids = (rows[:, k].tolist() for k in range(5))
        all_upos = [POS_NAMES[p] for p in pos_ids]
        all_xpos = [string(h) for h in tag_ids]
        all_feats = [_feats(string(h)) for h in morph_ids]
        if guess is None:
            trained = [string(h) for h in lemma_ids].__getitem__
        else:  # as EditTreeLemmatizer.set_annotations would have set it, for this token only
            labels, trees = self._lemmatizer.cfg["labels"], self._lemmatizer.trees
            words = [PROXY_WORD if f else t for t, f in zip(texts, fields)] if any(fields) else texts

            def trained(i: int) -> str:
                lemma = trees.apply(labels[guess[i]], words[i])
                return words[i] if lemma is None else lemma  # backoff "orth"
        for first_i, last_i in _sentence_ranges(doc, sent_start):
            toks = [i for i in range(first_i, last_i) if keep[i]]
            if not toks:
                continue
            first = len(analysis.tokens)
            sent_i = len(analysis.sentences)
            upos = [all_upos[i] for i in toks]
            xpos = [all_xpos[i] for i in toks]
            feats = [all_feats[i] for i in toks]
            forms = [texts[i] for i in toks]
            lems = [lemmas.choose(texts[i], all_upos[i], lambda i=i: trained(i)) for i in toks]
            suc = [passive.suc_like(u, f, x) for u, f, x in zip(upos, feats, xpos)]
            flags = passive.mark_passives(forms, lems, upos, suc)
            last_j = len(toks) - 1
            for j, i in enumerate(toks):
                start, end = starts[i], ends[i]
                nxt = starts[toks[j + 1]] if j < last_j else following[i]
                token = Token(
                    i=first + j, text=text[start:end], lemma=lems[j], upos=upos[j], xpos=xpos[j], feats=feats[j],
                    block=block.index, start=start, end=end, sent=sent_i, ws=text[end:nxt], passive=flags[j],
                )
                if token.text in BULLET_SET:
                    token.upos, token.xpos, token.feats, token.lemma = "PUNCT", "MID", "", token.text
                if (block.placeholders and block.in_placeholder(start, end)) or _may_be_field(token.text):
                    token.placeholder = True
                    token.upos, token.xpos, token.feats, token.passive = "X", "UO", "", False
                    token.lemma = token.text.lower()
                analysis.tokens.append(token)
            s, e = starts[toks[0]], ends[toks[-1]]
            analysis.sentences.append(Sentence(i=sent_i, block=block.index, start=s, end=e, first=first,
                                               last=len(analysis.tokens), text=text[s:e]))

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
    """The trainable lemmatizer, when ``_lemma_guesses`` reproduces it exactly: best tree only,
    the form as backoff, reading the shared tok2vec output, and no other lemmatizer before it."""
    if "trainable_lemmatizer" not in nlp.pipe_names or "tok2vec" not in nlp.pipe_names:
        return None
    from spacy.pipeline import EditTreeLemmatizer

    pipe = nlp.get_pipe("trainable_lemmatizer")
    names = nlp.pipe_names[: nlp.pipe_names.index("trainable_lemmatizer")]
    if (type(pipe) is not EditTreeLemmatizer or pipe.top_k != 1 or pipe.backoff != "orth"
            or pipe.model.layers[0].name != "tok2vec-listener" or {"lemmatizer", "attribute_ruler"} & set(names)):
        return None
    return pipe


def _sentence_ranges(doc: Doc, sent_start: list[int]) -> list[tuple[int, int]]:
    """[start, end) token ranges of the sentences, as ``Doc.sents`` gives them."""
    if "sents" in doc.user_hooks:
        return [(s.start, s.end) for s in doc.sents]
    bounds = [0] + [i for i in range(1, len(sent_start)) if sent_start[i] == 1] + [len(sent_start)]
    return list(zip(bounds, bounds[1:]))


def _feats(morph: str) -> str:
    return "" if morph == "_" else morph  # spaCy stores "no features" as "_", str(token.morph) gives ""


def _may_be_field(text: str) -> bool:
    return text[0] in "{«<[" and bool(PLACEHOLDER_TOKEN.match(text))  # every pattern starts with one of these
