"""KS701 mått över målvärdet: a document metric (LIX, mean sentence length, nominalkvot, passive share,
long-word share) past the target for the document's profile.

Targets are data (``rules/metrics.yaml``: a ``default`` table and one per profile). The organisation
overrides them per profile in ``[profiles.<profil>]`` (``lix = 45``) or for every profile in
``[rules.KS701]``; ``false`` switches a target off. Documents shorter than ``min_words`` get no
finding: a handful of sentences gives unstable figures.

Location: a whole-document finding (block -1, as ``findings.Location`` defines it). A metric belongs
to no sentence, and anchoring it to the first paragraph would suggest that paragraph is the problem.
The metrics themselves are in every report (``DocumentResult.metrics``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from klarsprak import metrics as doc_metrics
from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import severity
from klarsprak.findings import Category, Finding, Severity
from klarsprak.resources import load_rules_yaml
from klarsprak.structure.sections import structure_of
from klarsprak.structure.vocab import decisions

# Parts of a letter that are lists of names and addresses, not prose: their nouns say nothing about
# the style (headings stay: "Ansökan om insats enligt lagen om …" is the writer's choice).
_NOT_PROSE = ("letterhead", "signature")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_rules_yaml("metrics.yaml")


def targets_for(ctx: Context, rule_options: dict) -> dict[str, float]:
    """Metric → maximum for the profile: YAML default < YAML profile < [rules.KS701] < [profiles.X]."""
    data = _data()
    known = data["metrics"]
    out: dict = dict(data["profiles"].get("default", {}))
    out.update(data["profiles"].get(ctx.profile, {}))
    for source in (rule_options, ctx.config.profiles.get(ctx.profile, {})):
        for key, value in source.items():
            if key in known:
                out[key] = value
    return {k: float(v) for k, v in out.items() if v is not False and v is not None and not isinstance(v, str)}


def running_text_nominal_ratio(ctx: Context) -> float | None:
    """Nominalkvot without the letterhead, the signature and verbless contact lines ("Telefon 08-…",
    "Handläggare: Lina Sjöberg"): address and contact lines are all nouns, and in a one-page letter
    they would push well-written prose past the target."""
    st = structure_of(ctx)
    skip: set[int] = set()
    skip_tokens: set[int] = set()
    for sec in st.sections:
        if sec.role in _NOT_PROSE:
            skip.update(range(sec.first, sec.last + 1))
    contact = decisions().has_concrete_contact
    tokens, blocks = ctx.analysis.tokens, ctx.document.blocks
    for s in ctx.analysis.sentences:
        # a contact line is short; the verb test runs only on the few that hold a number or an address
        if s.block not in skip and s.last - s.first <= _CONTACT_LINE_TOKENS and contact(blocks[s.block].text[s.start : s.end]):
            if not any(t.upos in ("VERB", "AUX") for t in tokens[s.first : s.last]):
                skip_tokens.update(range(s.first, s.last))
    not_word, letter = doc_metrics._NOT_WORD_UPOS, doc_metrics._LETTER.search
    # one pass over the tokens, the word test inlined as in klarsprak.metrics (this sees every token)
    words = [t for t in tokens if t.block not in skip and not t.placeholder and t.upos not in not_word
             and (t.text[:1].isalpha() or letter(t.text) is not None)]
    if skip_tokens:
        drop = {id(tokens[i]) for i in skip_tokens}
        words = [t for t in words if id(t) not in drop]
    return doc_metrics.nominal_ratio(words) if words else None


_CONTACT_LINE_TOKENS = 20
# in a longer text the letterhead and signature are too small a share to move the ratio
_SHORT_LETTER_WORDS = 1500


def targets_text() -> str:
    """The default targets per profile, in Swedish, for ``klarsprak explain``."""
    data = _data()
    known = data["metrics"]
    default = data["profiles"].get("default", {})
    parts = []
    for profile, noun in _PROFILE_NOUN.items():
        table = {**default, **data["profiles"].get(profile, {})}
        items = [f"{_lower_first(known[k]['label'])} högst {_target(float(v), known[k])}"
                 for k, v in table.items() if k in known and v is not False]
        if items:
            parts.append(f"{noun}: " + ", ".join(items))
    return "Målvärden: " + "; ".join(parts) + "."


def _lower_first(label: str) -> str:
    return label[0].lower() + label[1:] if label[1:2].islower() else label  # "LIX" stays


def _target(value: float, meta: dict) -> str:
    kind = meta.get("format", "number")
    if kind == "words" and value == int(value):
        return f"{int(value)} ord"
    return _format(value, kind)


_PROFILE_NOUN = {"beslut": "beslut", "brev": "brev", "mall": "mallar", "utredning": "utredningar",
                 "rapport": "rapporter"}


def _format(value: float, kind: str) -> str:
    if kind == "percent":
        return f"{round(value * 100):d} %"
    if kind == "words":
        return f"{value:.1f} ord".replace(".", ",")
    text = f"{value:.1f}" if abs(value - round(value)) > 1e-9 else f"{value:.0f}"
    return text.replace(".", ",")


@register
class MetricPastTarget(Rule):
    id = "KS701"
    name = "matt-over-malvarde"
    category = Category.ENKELT
    severity = Severity.WARNING
    title = "Läsbarhetsmått över målvärdet"
    explanation = (
        "Läsbarhetsmåtten sammanfattar hur tung texten är: LIX (meningslängd och andel långa ord), "
        "genomsnittlig meningslängd, nominalkvot (substantiv i förhållande till verb) och andelen "
        "meningar med passiv form. Ett beslut eller brev till en enskild bör ha LIX under 50 och "
        "meningar på 15–20 ord i genomsnitt. Nominalkvoten räknas utan brevhuvud, underskrift och "
        "kontaktrader, som bara består av namn och adresser. Målvärdena kan ändras per profil i konfigurationen. "
    )
    source = "Björnsson, Läsbarhet (1968); Myndigheternas skrivregler (Ds 2009:38); Språkrådet, Klarspråk"
    options = {"min_words": 100}
    examples = (
        Example(
            bad=(
                "Beslut\n\n"
                "Arbetsmarknads- och socialnämndens individutskott har vid sammanträde den 3 mars 2024 "
                "beslutat att avslå ansökan om ekonomiskt bistånd avseende kostnader för hemutrustning, "
                "eftersom sökanden enligt nämndens bedömning genom egen försörjningsförmåga och tidigare "
                "beviljade medel har bedömts ha möjlighet att tillgodose behovet på annat sätt, vilket "
                "överensstämmer med gällande riktlinjer och tidigare praxis. Sökanden har vidare inte "
                "inkommit med efterfrågade handlingar avseende inkomstförhållanden, varför nämnden saknar "
                "underlag för en fullständig bedömning av rätten till bistånd för den aktuella perioden, "
                "och ärendet har därmed avgjorts på befintligt underlag i enlighet med förvaltningslagens "
                "bestämmelser om utredningsansvar och myndighetens serviceskyldighet gentemot enskilda. "
                "Beslutet kan överklagas hos förvaltningsrätten."
            ),
            good=(
                "Beslut\n\n"
                "Vi har prövat din ansökan om pengar till möbler. Du får inga pengar till möbler den här "
                "gången. Du har fått pengar till möbler förut. Nu har du lön och kan köpa det du behöver "
                "själv. Vi har inte fått dina lönebesked för mars. Skicka dem till oss så snart du kan. "
                "Då kan vi se om du har rätt till pengar för mars. Du kan ringa oss om du har frågor. "
                "Du kan också be oss ändra beslutet. Om du inte håller med oss kan du överklaga. Skriv "
                "till oss inom tre veckor. Vi skickar då ditt brev till domstolen. Vi hjälper dig gärna "
                "om du vill ha hjälp att skriva."
            ),
            profile="beslut",
        ),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        options = ctx.config.rule_options(self.id)
        min_words = int(options.get("min_words", self.options["min_words"]))
        values = ctx.shared.get("metrics")
        if values is None:
            values = ctx.shared["metrics"] = doc_metrics.compute(ctx.analysis)
        if values.get("words", 0) < min_words:
            return
        known = _data()["metrics"]
        kind_of_text = _PROFILE_NOUN.get(ctx.profile or "", "den här typen av text")
        for key, target in targets_for(ctx, options).items():
            value = values.get(key)
            if value is None or value <= target:
                continue  # leaving out noun-only lines never raises nominalkvot: check the rest only here
            if key == "nominal_ratio" and values.get("words", 0) <= _SHORT_LETTER_WORDS:
                value = running_text_nominal_ratio(ctx)
                if value is None or value <= target:
                    continue
            meta = known[key]
            kind = meta.get("format", "number")
            measured = _format(value, kind)
            if measured == _format(target, kind):  # never "1,6; målet är högst 1,6"
                measured = f"{value:.2f}".replace(".", ",")
            if key == "lix":
                measured += f" ({values.get('lix_band', doc_metrics.lix_band(value))})"
            message = (
                f"{meta['label']} är {measured}; målet för {kind_of_text} är högst {_format(target, kind)}. "
                f"{meta['advice']}"
            )
            sev = Severity.parse(meta.get("severity", self.severity.value))
            yield ctx.finding(self, -1, 0, 0, message, severity=severity(ctx, self, sev))


MetricPastTarget.explanation += targets_text()
