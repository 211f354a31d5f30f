"""A backend on top of a spaCy pipeline: the embedded one or a user's installed pipeline."""

from __future__ import annotations

import re
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

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
PROXY_WORD = "Anna"  # what a template field is tagged as: a name, not whatever its letters suggest


class SpacyBackend:
    def __init__(self, nlp: Language, name: str, model: str, version: str):
        self.nlp = nlp
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
        self._parsing_off = [n for n in nlp.pipe_names if n not in ("tok2vec", "parser")]
        self.has_parser = "parser" in nlp.pipe_names

    def info(self) -> dict:
        return {"name": self.name, "model": self._model, "version": self._version}

    # -- analysis -------------------------------------------------------------------------
    def analyse(self, document: Document, parse: bool = False) -> Analysis:
        analysis = Analysis(document=document, backend=self.info())
        prepared = [self._prepare(block) for block in document.blocks]
        tagged = self.nlp.pipe([p[1] for p in prepared], batch_size=BATCH_SIZE, disable=self._tagging_off)
        for block, (doc, _), tagged_doc in zip(document.blocks, prepared, tagged):
            self._collect(analysis, block, doc, tagged_doc)
        if parse:
            self.parse(analysis, [s.i for s in analysis.sentences])
        return analysis

    def _prepare(self, block: Block) -> tuple[Doc, Doc]:
        """(tokens with offsets, doc to tag): template fields are tagged as a name would be."""
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
        sentences.preset(doc)
        fields = [_is_field(block, t) for t in doc] if (block.placeholders or spans) else []
        if not any(fields):
            return doc, doc
        proxy = Doc(self.nlp.vocab, words=[PROXY_WORD if f else t.text for t, f in zip(doc, fields)],
                    spaces=[bool(t.whitespace_) for t in doc], sent_starts=[t.is_sent_start for t in doc])
        return doc, proxy

    def _collect(self, analysis: Analysis, block: Block, original: Doc, doc: Doc) -> None:
        text = block.text
        originals = list(original)
        tagged = originals if doc is original else list(doc)
        for sent in doc.sents:
            toks = [originals[i] for i in range(sent.start, sent.end) if not tagged[i].is_space and tagged[i].text.strip()]
            if not toks:
                continue
            tags = [tagged[t.i] for t in toks]
            first = len(analysis.tokens)
            sent_i = len(analysis.sentences)
            upos = [t.pos_ for t in tags]
            xpos = [t.tag_ for t in tags]
            feats = [str(t.morph) for t in tags]
            forms = [t.text for t in toks]
            lems = [lemmas.choose(o.text, t.pos_, t.lemma_) for o, t in zip(toks, tags)]
            suc = [passive.suc_like(u, f, x) for u, f, x in zip(upos, feats, xpos)]
            flags = passive.mark_passives(forms, lems, upos, suc)
            for j, t in enumerate(toks):
                start, end = t.idx, t.idx + len(t.text)
                nxt = toks[j + 1].idx if j + 1 < len(toks) else _next_token_start(originals, toks[-1].i, len(text))
                token = Token(
                    i=first + j, text=text[start:end], lemma=lems[j], upos=upos[j], xpos=xpos[j], feats=feats[j],
                    block=block.index, start=start, end=end, sent=sent_i, ws=text[end:nxt], passive=flags[j],
                )
                if token.text in BULLET_SET:
                    token.upos, token.xpos, token.feats, token.lemma = "PUNCT", "MID", "", token.text
                if (block.placeholders and block.in_placeholder(start, end)) or PLACEHOLDER_TOKEN.match(token.text):
                    token.placeholder = True
                    token.upos, token.xpos, token.feats, token.passive = "X", "UO", "", False
                    token.lemma = token.text.lower()
                analysis.tokens.append(token)
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
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
        for s, doc in zip(wanted, self.nlp.pipe(docs, batch_size=BATCH_SIZE, disable=self._parsing_off)):
            for j, t in enumerate(doc):
                token = analysis.tokens[s.first + j]
                token.dep = "root" if t.dep_ == "ROOT" else t.dep_
                token.head = s.first + t.head.i
            s.parsed = True


def _next_token_start(tokens: list, last: int, text_end: int) -> int:
    """End of the whitespace after token ``last``: the next non-space token's start or the text end."""
    for t in tokens[last + 1 :]:
        if not t.is_space:
            return t.idx
    return text_end


def _is_field(block: Block, token) -> bool:
    start = token.idx
    return block.in_placeholder(start, start + len(token.text)) or bool(PLACEHOLDER_TOKEN.match(token.text))
