"""Convert the UD treebanks in ../shared/ud into spaCy training data (DocBin files).

train = UD1 Talbanken train, converted to UD2 conventions, + UD_Swedish-PUD
        (+ UD2 Talbanken dev with --final: the shipped model, trained for the number of steps that
        was chosen on dev without it)
dev   = UD2 Talbanken dev
The UD2 Talbanken *test* file is never read here: it is held out for training/evaluate.py.

UD1 -> UD2 conversion (what a plain relation rename would miss):
- relation renames (dobj, nsubjpass, auxpass, csubjpass, neg, name, nmod:agent);
- `mwe` -> `fixed` only for expressions UD2 still treats as fixed; the other mwe groups
  ("i dag", "på grund av") get a *missing* annotation instead of a wrong one;
- `case` on verbs -> `mark`; `aux` on "vara" -> `cop`; `aux` on verbs that UD2 does not count as
  auxiliaries ("behöver") -> missing; VERB -> AUX for auxiliaries and copulas; CONJ -> CCONJ;
  `nmod` under verbs/adjectives/adverbs -> `obl`; `cc` and conjunct commas attach to the
  following conjunct; `name` groups become head-first `flat:name`;
- stray UPOS "DT" and features: taken from a (form, SUC tag) table built from the UD2 files
  (PUD + dev) where that table is unambiguous; Mood=Ind added to finite indicative verbs;
  Polarity=Neg on negations;
- UD1 has no lemmas: they stay *missing* ("" in spaCy), except where the UD2 table gives one
  unambiguous lemma for the (form, tag) pair;
- deponent verbs: Voice=Pass removed in all sources (Talbanken v2 convention, mostly).
- what the UD2 files do that UD1 did not (found by comparing the feature distribution per SUC tag
  of converted UD1 with Talbanken v2 dev): NumType=Card on cardinals; wh-pronouns are PronType=Rel
  in a relative clause and Int elsewhere (UD1: "Int,Rel"); plural adjectives and participles tagged
  IND/DEF are Definite=Def after a definite determiner or a possessive (then without Number), else
  Definite=Ind; participles carry Degree=Pos; "när"/"då" opening an adverbial clause are SCONJ/mark;
  "som"/"än" as mark are SCONJ; a dash standing for a word is SYM; UD1 `det` on adjectives is `amod`
  (and on nouns, which UD2 never has, missing); UD1's unspecified `dep` is missing.

Usage: python training/convert.py [--ud ../shared/ud] [--out training/corpus]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from klarsprak.nlp.passive import is_deponent_form  # noqa: E402

UD1_RENAMES = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "name": "flat:name",
    "nmod:agent": "obl:agent",
}
AUX_LEMMAS = {"vara", "ha", "kunna", "skola", "komma", "måste", "vilja", "få", "böra", "bli", "må"}
AUX_FORMS = {
    # form -> lemma for the closed class of Swedish auxiliaries
    **dict.fromkeys(["är", "var", "vara", "varit", "vore", "äro", "voro", "varen"], "vara"),
    **dict.fromkeys(["har", "hade", "ha", "haft", "hava"], "ha"),
    **dict.fromkeys(["kan", "kunde", "kunna", "kunnat"], "kunna"),
    **dict.fromkeys(["skall", "ska", "skulle", "skolat"], "skola"),
    **dict.fromkeys(["kommer", "kom", "komma", "kommit"], "komma"),
    **dict.fromkeys(["måste"], "måste"),
    **dict.fromkeys(["vill", "ville", "vilja", "velat"], "vilja"),
    **dict.fromkeys(["får", "fick", "få", "fått"], "få"),
    **dict.fromkeys(["bör", "borde", "böra", "bort"], "böra"),
    **dict.fromkeys(["blir", "blev", "bli", "blivit", "bliva", "blev"], "bli"),
    **dict.fromkeys(["må", "måtte"], "må"),
}
NEGATIONS = {"inte", "icke", "ej"}
NOMINAL_HEADS = {"NOUN", "PROPN", "PRON", "NUM", "DET", "SYM", "X"}


class Tok:
    __slots__ = ("id", "form", "lemma", "upos", "xpos", "feats", "head", "dep", "space")

    def __init__(self, cols: list[str]):
        self.id = int(cols[0])
        self.form = cols[1]
        self.lemma = "" if cols[2] == "_" else cols[2]
        self.upos = cols[3]
        self.xpos = cols[4]
        self.feats = "" if cols[5] == "_" else cols[5]
        self.head = int(cols[6]) if cols[6] not in ("_", "") else 0
        self.dep: str | None = cols[7]
        self.space = "SpaceAfter=No" not in cols[9]


def read_conllu(path: Path) -> list[tuple[list[Tok], dict]]:
    """Sentences of a CoNLL-U/CoNLL-X file: (tokens, comment metadata)."""
    sents, cur, meta = [], [], {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if cur:
                sents.append((cur, meta))
            cur, meta = [], {}
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            meta[key.strip()] = value.strip()
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append(Tok(cols))
    return sents


def feats_dict(feats: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in feats.split("|") if "=" in p)


def feats_str(d: dict[str, str]) -> str:
    return "|".join(f"{k}={d[k]}" for k in sorted(d, key=str.lower))


CLOSED_CLASS = ("PN", "DT", "HP", "HD", "HS", "PS", "RG", "RO", "AB", "IE", "KN", "SN", "PP", "PL", "IN", "UO")


class Lexicon:
    """What the UD2 files (PUD + Talbanken dev) say about a (form, SUC tag) and a SUC tag.

    Talbanken v2 features are nearly a function of the SUC tag (plus the word for pronouns and
    determiners: PronType); UD1 used the same tags with older features. So UD1 features are
    mapped to the UD2 feature set that dominates for the same word+tag, else for the same tag.
    """

    def __init__(self, ud2_sents, ud1_sents):
        self.analyses = collections.defaultdict(collections.Counter)
        self.lemmas = collections.defaultdict(collections.Counter)
        self.by_tag = collections.defaultdict(collections.Counter)
        self.ud1_by_tag = collections.defaultdict(collections.Counter)
        for toks, _ in ud2_sents:
            for t in toks:
                key = (t.form.lower(), t.xpos)
                self.analyses[key][(t.upos, t.feats)] += 1
                self.by_tag[t.xpos][t.feats] += 1
                if t.lemma:
                    self.lemmas[key][t.lemma] += 1
        for toks, _ in ud1_sents:
            for t in toks:
                self.ud1_by_tag[t.xpos][t.feats] += 1

    @staticmethod
    def _dominant(counter, share=0.9, min_count=2):
        if not counter:
            return None
        value, n = counter.most_common(1)[0]
        total = sum(counter.values())
        return value if n >= min_count and n / total >= share else None

    def analysis(self, form, xpos):
        closed = xpos.split("|")[0] in CLOSED_CLASS
        counter = self.analyses.get((form.lower(), xpos))
        return self._dominant(counter, share=0.6 if closed else 0.9, min_count=1 if closed else 2)

    def tag_feats(self, xpos, ud1_feats):
        """The UD2 features for a tag, when UD1 gave the tag its usual features."""
        ud1_usual = self._dominant(self.ud1_by_tag.get(xpos), share=0.0, min_count=1)
        ud2_usual = self._dominant(self.by_tag.get(xpos), share=0.6, min_count=3)
        if ud2_usual is not None and ud1_usual is not None and set(ud1_feats.split("|")) == set(ud1_usual.split("|")):
            return ud2_usual
        return None

    def lemma(self, form, xpos):
        return self._dominant(self.lemmas.get((form.lower(), xpos)), share=0.9, min_count=1)


def fixed_expressions(sents) -> set[tuple[str, ...]]:
    """Word sequences that UD2 annotates as `fixed` (contiguous ones)."""
    out = set()
    for toks, _ in sents:
        groups = collections.defaultdict(list)
        for t in toks:
            if t.dep == "fixed":
                groups[t.head].append(t.id)
        for head, ids in groups.items():
            ids = sorted([head, *ids])
            if ids == list(range(ids[0], ids[-1] + 1)):
                out.add(tuple(toks[i - 1].form.lower() for i in ids))
    return out


def children(toks, head_id):
    return [t for t in toks if t.head == head_id]


def convert_ud1(toks: list[Tok], lex: Lexicon, fixed: set) -> None:
    """Convert one UD1 sentence to UD2 conventions, in place."""
    by_id = {t.id: t for t in toks}
    # names: head-first flat:name
    for t in toks:
        if t.dep == "name":
            group_head = by_id[t.head]
            group = sorted([group_head, *[c for c in children(toks, group_head.id) if c.dep == "name"]], key=lambda x: x.id)
            first = group[0]
            if first is not group_head:
                first.head, first.dep = group_head.head, group_head.dep
                for c in children(toks, group_head.id):
                    if c is not first:
                        c.head = first.id
                for g in group[1:]:
                    g.head, g.dep = first.id, "flat:name"
    # mwe groups
    for t in toks:
        if t.dep != "mwe":
            continue
        head = by_id[t.head]
        members = sorted([head, *[c for c in children(toks, head.id) if c.dep in ("mwe", "fixed")]], key=lambda x: x.id)
        words = tuple(m.form.lower() for m in members)
        contiguous = [m.id for m in members] == list(range(members[0].id, members[-1].id + 1))
        if contiguous and words in fixed:
            for m in members[1:]:
                m.dep = "fixed"
        else:
            for m in members:
                m.dep = None  # unknown in UD2 terms: missing, not wrong
    for t in toks:
        if t.dep is None:
            continue
        if t.dep in UD1_RENAMES:
            t.dep = UD1_RENAMES[t.dep]
    for t in toks:
        head = by_id.get(t.head)
        lower = t.form.lower()
        if t.dep in ("aux", "aux:pass", "cop"):
            lemma = AUX_FORMS.get(lower)
            if lemma is None:
                t.dep, t.upos = None, "VERB"  # UD1 "aux" on a full verb ("behöver"): unknown
            else:
                if lemma == "vara" and t.dep == "aux":
                    t.dep = "cop"
                t.upos = "AUX"
        if t.dep == "case" and head is not None and head.upos == "VERB":
            t.dep = "mark"
    for t in toks:
        head = by_id.get(t.head)
        if t.dep == "nmod" and head is not None and head.upos in ("VERB", "AUX", "ADJ", "ADV"):
            t.dep = "obl"
    # cc and conjunct commas attach to the following conjunct
    for t in toks:
        if t.dep == "cc" or (t.dep == "punct" and t.form in (",", ";")):
            later = [c for c in children(toks, t.head) if c.dep == "conj" and c.id > t.id]
            if later and (t.dep == "cc" or t.id > t.head):
                t.head = min(later, key=lambda c: c.id).id
    # parts of speech and features
    for t in toks:
        lower = t.form.lower()
        if t.upos == "CONJ":
            t.upos = "CCONJ"
        if lower in NEGATIONS and t.xpos.startswith("AB"):
            t.upos = "PART"
        known = lex.analysis(t.form, t.xpos)
        if known is not None and t.upos not in ("VERB", "AUX"):
            t.upos, t.feats = known
        elif known is not None and known[0] in ("VERB", "AUX"):
            t.feats = known[1]
        else:
            t.feats = lex.tag_feats(t.xpos, t.feats) or t.feats
        if t.upos == "DT":
            t.upos = "DET"
        feats = feats_dict(t.feats)
        if t.upos in ("VERB", "AUX"):
            if feats.get("VerbForm") == "Fin" and "Tense" in feats and "Mood" not in feats:
                feats["Mood"] = "Ind"
        if lower in NEGATIONS:
            feats["Polarity"] = "Neg"
        t.feats = feats_str(feats)
        if not t.lemma:
            t.lemma = lex.lemma(t.form, t.xpos) or ""
            if not t.lemma and t.upos == "PUNCT":
                t.lemma = t.form


WH_TAGS = ("HP", "HS", "HD")
CLAUSE_CONJUNCTIONS = {"när", "då"}


def _in_relative_clause(t: Tok, by_id: dict) -> bool:
    """A wh-word is relative when the clause it belongs to hangs on a noun (acl:relcl / acl)."""
    seen = set()
    while t.head and t.id not in seen:
        seen.add(t.id)
        if t.dep and t.dep.startswith("acl"):
            return True
        if t.dep in ("root", "advcl", "ccomp", "csubj", "xcomp", "parataxis"):
            return False
        t = by_id.get(t.head) or t
    return False


def _definite_context(t: Tok, toks: list[Tok], by_id: dict) -> bool:
    """A weak (definite) plural adjective: after a definite article/determiner or a possessive."""
    head = by_id.get(t.head)
    if t.dep == "conj" and head is not None:
        return "Definite=Def" in head.feats
    if t.dep != "amod" or head is None:
        return False
    return any(c.head == t.head and c.id < t.id and (c.xpos.startswith("PS") or c.dep == "nmod:poss"
               or (c.upos == "DET" and "Definite=Def" in c.feats)) for c in toks)


def align_ud2_features(toks: list[Tok]) -> None:
    """The UD2 feature and POS conventions that UD1 lacks (see the module docstring)."""
    by_id = {t.id: t for t in toks}
    for t in toks:
        feats = feats_dict(t.feats)
        tag = t.xpos.split("|")
        if t.upos == "NUM" and tag[0] == "RG":
            feats["NumType"] = "Card"
        if tag[0] in WH_TAGS and feats.get("PronType") in (None, "Int,Rel"):
            relative = t.form.lower() == "som" or _in_relative_clause(t, by_id)
            feats["PronType"] = "Rel" if relative else "Int"
            if tag[0] == "HP" and "NEU" in tag:
                feats.pop("Gender", None)  # UD2 Talbanken: "vad/vilket" carry no gender
        if t.upos == "ADJ" and tag[0] in ("JJ", "PC") and "PLU" in tag and "IND/DEF" in tag:
            if _definite_context(t, toks, by_id):
                feats["Definite"] = "Def"
                feats.pop("Number", None)
            else:
                feats["Definite"] = "Ind"
                feats["Number"] = "Plur"
        if tag[0] == "PC" and t.upos == "ADJ" and "Degree" not in feats:
            feats["Degree"] = "Pos"
        t.feats = feats_str(feats)
        head = by_id.get(t.head)
        if tag[0] == "KN" and t.form.lower() in ("som", "än") and t.dep == "mark":
            t.upos = "SCONJ"  # comparative/predicative "som", "än": UD2 SCONJ, not CCONJ
            if t.form.lower() == "än" and head is not None and head.upos in NOMINAL_HEADS:
                t.dep = "case"
        if t.dep == "dep":
            t.dep = None  # UD1's unspecified relation; UD2 Talbanken never uses it
        if t.dep == "det" and t.upos == "ADJ":
            t.dep = "amod"  # "andra", "många", "hela", "första": adjectives, amod in UD2
        elif t.dep == "det" and t.upos == "NOUN":
            t.dep = None  # "en del", "ett antal", "dr": UD2 has no det on nouns; left missing
        if t.xpos == "MID" and t.dep in ("cc", "case"):
            t.upos = "SYM"  # "make - maka", "1 - 2": a dash standing for a word
        if tag[0] == "HA" and t.form.lower() in CLAUSE_CONJUNCTIONS and t.dep == "advmod":
            if head is not None and head.dep == "advcl" and t.id < head.id:
                t.upos, t.dep = "SCONJ", "mark"


def align_deponents(toks: list[Tok]) -> None:
    """Talbanken v2 (mostly) gives deponents no Voice; PUD gives them Voice=Pass."""
    for t in toks:
        if t.upos in ("VERB", "AUX") and t.xpos.endswith("SFO") and is_deponent_form(t.form, t.lemma):
            feats = feats_dict(t.feats)
            feats.pop("Voice", None)
            t.feats = feats_str(feats)


NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "!", "?", "]", "%"}
NO_SPACE_AFTER = {"(", "["}


def to_doc(vocab, sents: list[list[Tok]], guess_spaces: bool) -> Doc:
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = [], [], [], [], [], [], [], [], []
    offset = 0
    for toks in sents:
        for j, t in enumerate(toks):
            words.append(t.form)
            if guess_spaces:
                nxt = toks[j + 1].form if j + 1 < len(toks) else None
                spaces.append(not (nxt in NO_SPACE_BEFORE or t.form in NO_SPACE_AFTER))
            else:
                spaces.append(t.space or j == len(toks) - 1)
            tags.append(t.xpos)
            pos.append(t.upos if t.upos != "_" else "X")
            morphs.append(t.feats)
            lemmas.append(t.lemma)
            if t.dep is None or t.dep == "_":
                heads.append(offset + j)
                deps.append(None)
            else:
                heads.append(offset + (t.head - 1 if t.head else j))
                deps.append("ROOT" if t.dep == "root" else t.dep)
            starts.append(j == 0)
        offset += len(toks)
    spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
               heads=heads, deps=deps, sent_starts=starts)


def documents(sents, size: int):
    """Group consecutive sentences into documents (the senter needs to see boundaries)."""
    batch = []
    for toks, meta in sents:
        if batch and ("newdoc id" in meta or "newpar id" in meta or len(batch) >= size):
            yield batch
            batch = []
        batch.append(toks)
    if batch:
        yield batch


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    ap.add_argument("--ud", type=Path, default=root.parent / "shared" / "ud")
    ap.add_argument("--out", type=Path, default=root / "training" / "corpus")
    ap.add_argument("--doc-size", type=int, default=10)
    ap.add_argument("--final", action="store_true",
                    help="also train on Talbanken v2 dev: for the shipped model, once the steps are chosen on dev")
    args = ap.parse_args()
    ud1 = read_conllu(args.ud / "talbanken-ud1" / "sv-ud-train.conll")
    pud = read_conllu(args.ud / "pud" / "sv_pud-ud-test.conllu")
    dev = read_conllu(args.ud / "talbanken" / "sv_talbanken-ud-dev.conllu")
    fixed = fixed_expressions(pud + dev)
    lex = Lexicon(pud + dev, ud1)  # reads UD1 before it is converted
    for toks, _ in ud1:
        convert_ud1(toks, lex, fixed)
        align_ud2_features(toks)
    for toks, _ in ud1 + pud + dev:
        align_deponents(toks)
    vocab = spacy.blank("sv").vocab
    args.out.mkdir(parents=True, exist_ok=True)
    train = DocBin(store_user_data=False)
    for group in documents(ud1, args.doc_size):
        train.add(to_doc(vocab, group, guess_spaces=True))
    for group in documents(pud, args.doc_size):
        train.add(to_doc(vocab, group, guess_spaces=False))
    if args.final:
        for group in documents(dev, args.doc_size):
            train.add(to_doc(vocab, group, guess_spaces=False))
    train.to_disk(args.out / "train.spacy")
    devbin = DocBin(store_user_data=False)
    for group in documents(dev, args.doc_size):
        devbin.add(to_doc(vocab, group, guess_spaces=False))
    devbin.to_disk(args.out / "dev.spacy")
    used = ud1 + pud + (dev if args.final else [])
    n_train = sum(len(t) for t, _ in used)
    print(f"train: {len(used)} sentences, {n_train} tokens; dev: {len(dev)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
