"""What the page shows for one checked document: its blocks cut into highlighted pieces, the
findings with their explanations, the outline and the metrics. Pure data; the template renders it."""

from __future__ import annotations

from dataclasses import dataclass, field

from klarsprak.checks import registry
from klarsprak.findings import Category, DocumentResult, Finding

CATEGORY_ORDER = [c.value for c in Category]
SEVERITY_LABELS = {"error": "Fel", "warning": "Varning", "info": "Tips"}
KIND_LABELS = {"header": "Sidhuvud", "footer": "Sidfot", "footnote": "Fotnot", "endnote": "Slutnot",
               "table_cell": "Tabellcell"}


@dataclass
class FindingView:
    id: str
    rule: str
    name: str
    category: str
    category_label: str
    severity: str
    severity_label: str
    message: str
    suggestions: list[str]
    title: str
    explanation: str
    source: str
    block: int
    text: str


@dataclass
class Piece:
    text: str
    findings: list[FindingView] = field(default_factory=list)
    first_of: list[str] = field(default_factory=list)  # ids of findings whose first piece this is

    @property
    def category(self) -> str:
        """The colour: the category of the most severe finding on this piece."""
        worst = max(self.findings, key=lambda f: ({"error": 3, "warning": 2, "info": 1}[f.severity], -CATEGORY_ORDER.index(f.category)))
        return worst.category


@dataclass
class BlockView:
    index: int
    kind: str
    kind_label: str | None
    level: int | None
    pieces: list[Piece]
    point_findings: list[FindingView]  # zero-width findings: shown as a marker at the block's end


@dataclass
class PageView:
    name: str
    format: str | None
    profile: str | None
    errors: list[str]
    warnings: list[str]
    metrics: list[tuple[str, str]]
    lix: str | None
    lix_band: str | None
    outline: list[dict]
    blocks: list[BlockView]
    findings: list[FindingView]
    whole_document: list[FindingView]
    counts: dict[str, int]
    is_word: bool


def build(result: DocumentResult, name: str, is_word: bool) -> PageView:
    rules = registry()
    views = [_finding_view(i, f, rules) for i, f in enumerate(sorted(result.findings, key=Finding.sort_key))]
    by_block: dict[int, list[FindingView]] = {}
    for v in views:
        by_block.setdefault(v.block, []).append(v)
    document = result.document
    blocks = []
    if document is not None and not result.errors:
        ordered = sorted(result.findings, key=Finding.sort_key)
        spans = {v.id: (f.location.start, f.location.end) for v, f in zip(views, ordered)}
        for block in document.blocks:
            blocks.append(_block_view(block, by_block.get(block.index, []), spans))
    counts = {c: sum(1 for v in views if v.category == c) for c in CATEGORY_ORDER}
    metrics = result.metrics or {}
    return PageView(
        name=name, format=result.format, profile=result.profile, errors=list(result.errors),
        warnings=list(result.warnings), metrics=_metric_rows(metrics),
        lix=_number(metrics["lix"]) if "lix" in metrics else None, lix_band=metrics.get("lix_band"),
        outline=[s for s in result.outline if isinstance(s, dict)], blocks=blocks, findings=views,
        whole_document=by_block.get(-1, []), counts=counts, is_word=is_word,
    )


def _finding_view(i: int, f: Finding, rules: dict) -> FindingView:
    rule = rules.get(f.rule)
    return FindingView(
        id=f"f{i}", rule=f.rule, name=f.name, category=f.category.value, category_label=f.category.label,
        severity=f.severity.value, severity_label=SEVERITY_LABELS.get(f.severity.value, f.severity.value),
        message=" ".join(f.message.split()), suggestions=list(f.suggestions),
        title=getattr(rule, "title", ""), explanation=getattr(rule, "explanation", ""), source=getattr(rule, "source", ""),
        block=f.location.block, text=f.text,
    )


def _block_view(block, findings: list[FindingView], spans: dict[str, tuple[int, int]]) -> BlockView:
    text = block.text
    ranged = [v for v in findings if spans[v.id][1] > spans[v.id][0]]
    points = [v for v in findings if spans[v.id][1] <= spans[v.id][0]]
    cuts = {0, len(text)}
    for v in ranged:
        s, e = spans[v.id]
        cuts.update((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    edges = sorted(cuts)
    pieces, seen = [], set()
    for a, b in zip(edges, edges[1:]):
        if a == b:
            continue
        covering = [v for v in ranged if spans[v.id][0] <= a and b <= spans[v.id][1]]
        first = [v.id for v in covering if v.id not in seen]
        seen.update(first)
        pieces.append(Piece(text=text[a:b], findings=covering, first_of=first))
    kind = block.kind.value
    return BlockView(index=block.index, kind=kind, kind_label=KIND_LABELS.get(kind), level=block.level,
                     pieces=pieces, point_findings=points)


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _percent(value) -> str:
    return f"{value * 100:.0f} %"


_METRICS = [
    ("words", "Ord", _number),
    ("sentences", "Meningar", _number),
    ("mean_sentence_length", "Ord per mening", _number),
    ("ovix", "OVIX (ordvariation)", _number),
    ("nominal_ratio", "Nominalkvot", _number),
    ("passive_share", "Meningar med passiv form", _percent),
    ("long_word_share", "Långa ord", _percent),
]


def _metric_rows(metrics: dict) -> list[tuple[str, str]]:
    rows = []
    for key, label, shown in _METRICS:
        value = metrics.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            rows.append((label, shown(value)))
    return rows
