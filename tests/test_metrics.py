"""Document metrics (klarsprak.metrics) and KS701 (a metric past the profile's target), through the
real pipeline."""

from __future__ import annotations

import math

import pytest

from klarsprak import api, extract, metrics, nlp
from klarsprak.config import Config, from_mapping
from klarsprak.model import Block, BlockKind, Document, Place

PLAIN = (
    "Vi har prövat din ansökan. Du får pengar till hyran. Pengarna kommer den 25 april. "
    "Ring oss om du har frågor."
)


def analyse(text: str, fmt: str = "txt"):
    doc = extract.read_text(text, fmt=fmt, config=Config())
    return nlp.load_backend("embedded").analyse(doc)


def test_counts_and_lix_by_hand():
    m = metrics.compute(analyse(PLAIN))
    words = PLAIN.replace(".", "").split()
    words = [w for w in words if any(c.isalpha() for c in w)]  # "25" is not a word
    long_words = [w for w in words if len(w) > 6]
    assert m["words"] == len(words) == 20
    assert m["sentences"] == 4
    assert m["lix"] == round(len(words) / 4 + 100 * len(long_words) / len(words), 1)
    assert m["mean_sentence_length"] == round(20 / 4, 2)
    assert m["lix_band"] == metrics.lix_band(m["lix"])


def test_ovix_formula():
    assert metrics.ovix(100, 60) == pytest.approx(math.log(100) / math.log(2 - math.log(60) / math.log(100)))
    assert metrics.ovix(10, 10) > 0  # every word unique: no division by zero
    assert metrics.ovix(1, 1) == 0.0


@pytest.mark.parametrize("lix,band", [(20, "mycket lätt"), (27, "lätt"), (35, "medelsvår"), (45, "svår"),
                                      (55, "mycket svår"), (65, "extremt svår")])
def test_lix_bands(lix, band):
    assert metrics.lix_band(lix) == band


def test_nominal_style_has_a_higher_nominal_ratio():
    nominal = metrics.compute(analyse(
        "Genomförandet av kontrollen av uppgifterna i ansökan om bistånd för hyra skedde under perioden."
    ))
    verbal = metrics.compute(analyse("Vi kontrollerade det du skrev när du ansökte om pengar till hyran."))
    assert nominal["nominal_ratio"] > 2 * verbal["nominal_ratio"]


def test_passive_share_counts_sentences():
    m = metrics.compute(analyse("Din ansökan avslås. Vi hoppas att du trivs. Det finns hjälp. Beslutet skickas."))
    assert m["passive_share"] == 0.5  # avslås, skickas; not the deponents hoppas, trivs, finns


def test_page_furniture_and_placeholders_are_left_out():
    body = "Vi har prövat din ansökan om «Typ av bistånd» och beviljar den."
    doc = Document(path=None, format="txt", blocks=[
        Block(index=0, kind=BlockKind.HEADER, text="Socialförvaltningen i Malmö stad", place=Place()),
        Block(index=1, kind=BlockKind.PARAGRAPH, text=body, place=Place(),
              placeholders=[(body.index("«"), body.index("»") + 1)]),
    ])
    m = metrics.compute(nlp.load_backend("embedded").analyse(doc))
    assert m["words"] == 9 and m["sentences"] == 1


def test_empty_document_has_zero_metrics():
    m = metrics.compute(analyse("12 345"))
    assert m["words"] == 0 and m["lix"] == 0.0 and m["lix_band"] == "mycket lätt"


# --- KS701 ---------------------------------------------------------------------------------

HEAVY = (
    "Arbetsmarknads- och socialnämndens individutskott har vid sammanträde den 3 mars 2024 beslutat att "
    "avslå ansökan om ekonomiskt bistånd avseende kostnader för hemutrustning, eftersom sökanden enligt "
    "nämndens bedömning genom egen försörjningsförmåga och tidigare beviljade medel har bedömts ha "
    "möjlighet att tillgodose behovet på annat sätt, vilket överensstämmer med gällande riktlinjer och "
    "tidigare praxis för ekonomiskt bistånd. Sökanden har vidare inte inkommit med efterfrågade "
    "handlingar avseende inkomstförhållanden, varför nämnden saknar underlag för en fullständig "
    "bedömning av rätten till bistånd för den aktuella perioden, och ärendet har därmed avgjorts på "
    "befintligt underlag i enlighet med förvaltningslagens bestämmelser om utredningsansvar. "
    "Beslutet har fattats med stöd av gällande delegationsordning och kan överklagas hos förvaltningsrätten."
)


def ks701(text: str, profile: str = "beslut", config=None):
    result = api.lint_text(text, profile=profile, config=config)
    assert not result.errors
    return [f for f in result.findings if f.rule == "KS701"], result.metrics


def test_metric_past_target_names_value_and_target():
    found, m = ks701(HEAVY)
    lix = [f for f in found if f.message.startswith("LIX")]
    assert lix and f"{m['lix']:.1f}".replace(".", ",") in lix[0].message
    assert "målet för beslut är högst 50" in lix[0].message
    assert lix[0].location.block == -1  # a whole-document finding


def test_targets_differ_per_profile():
    found, m = ks701(HEAVY, profile="rapport")
    assert m["lix"] > 55
    assert any("målet för rapporter är högst 55" in f.message for f in found)


def test_config_overrides_targets():
    found, _ = ks701(HEAVY, config=from_mapping({"profiles": {"beslut": {"lix": 90, "mean_sentence_length": 90,
                                                                        "nominal_ratio": False,
                                                                        "passive_share": 1.0}}}))
    assert found == []
    plain = " ".join([PLAIN] * 8)
    found, _ = ks701(plain, config=from_mapping({"rules": {"KS701": {"lix": 5}}}))
    assert [f.message.split(" är ")[0] for f in found] == ["LIX (läsbarhetsindex)"]


def test_short_documents_get_no_metric_finding():
    found, _ = ks701("Din ansökan om ekonomiskt bistånd avseende hemutrustning avslås i sin helhet.")
    assert found == []
