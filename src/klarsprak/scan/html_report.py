"""The HTML report of a scan: one self-contained file for people (Swedish, accessible).

No external assets and no network: CSS and JS are inlined from ``scan/assets``, charts are inline
SVG, and a Content-Security-Policy forbids every fetch. Tables are semantic (caption, th scope)
and sortable from the keyboard. Documents are written one at a time from the spool, so a report
of thousands of documents never sits in memory. Each document has a section with its text and
its findings highlighted; anchors come from a hash of the path (stable, no lookup table)."""

from __future__ import annotations

import hashlib
from html import escape
from typing import IO

from klarsprak.resources import package_data
from klarsprak.scan import charts
from klarsprak.scan.aggregate import (
    CATEGORIES,
    CATEGORY_LABELS,
    FAMILIES,
    LIX_TARGET,
    SECTION_PENALTY,
    lix_bin_label,
    per_1000,
)
from klarsprak.scan.result import ScanResult

HEATMAP_TEMPLATES = 20
TOP_WORDINGS_CHART = 10
WORDINGS_TABLE = 100
SEVERITY_LABELS = {"error": "fel", "warning": "varning", "info": "info"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def anchor(path: str) -> str:
    return "dok-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:12]


def _n(value, decimals: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}" if decimals else f"{int(round(value)):,}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _asset(name: str) -> str:
    return package_data("scan", "assets", name).read_text(encoding="utf-8")


def _role_label(role: str) -> str:
    from klarsprak.structure.vocab import headings

    return headings().label(role)


def write_report(result: ScanResult, out: IO[str]) -> None:
    totals = result.totals()
    templates = result.templates()
    wordings = result.wordings(WORDINGS_TABLE)
    w = out.write
    w(_head(totals))
    w(_summary(totals, result))
    w(_charts(totals, templates, wordings))
    w(_templates_table(templates))
    w(_wordings_table(wordings))
    _documents_table(result, w)
    _errors_table(result, w)
    _texts(result, w)
    w(f'</main>\n<div id="sort-status" class="visually-hidden" aria-live="polite"></div>\n<script>{_asset("report.js")}</script>\n</body>\n</html>\n')


def _head(totals: dict) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>Klarspråksrapport – {_n(totals['documents'])} dokument</title>\n"
        f"<style>{_asset('report.css')}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#innehall">Hoppa till innehållet</a>\n'
        "<header>\n<h1>Klarspråksrapport</h1>\n"
        '<p class="lead">Granskning enligt språklagen 11 §: vårdat, enkelt och begripligt språk, och beslutens struktur. '
        "Skapad av klarsprak.</p>\n</header>\n"
        '<nav aria-label="Rapportens delar"><ul>'
        '<li><a href="#sammanfattning">Sammanfattning</a></li><li><a href="#diagram">Diagram</a></li>'
        '<li><a href="#mallar">Mallar</a></li><li><a href="#formuleringar">Standardformuleringar</a></li>'
        '<li><a href="#dokument">Dokument</a></li><li><a href="#fel">Filer som inte kunde läsas</a></li>'
        '<li><a href="#texter">Texterna</a></li></ul></nav>\n<main id="innehall">\n'
    )


def _summary(t: dict, result: ScanResult) -> str:
    cards = [
        ("Dokument", _n(t["documents"])),
        ("Lästa", _n(t["read"])),
        ("Kunde inte läsas", _n(t["unreadable"])),
        ("Mallar", _n(t["templates"])),
        ("Brev som hör till en mall", _n(t["letters_grouped"])),
        ("Ord", _n(t["words"])),
        ("Fynd", _n(t["findings"])),
        ("Fynd per 1 000 ord", _n(per_1000(t["findings"], t["words"]), 1)),
    ]
    items = "".join(f"<div><dt>{escape(k)}</dt><dd>{v}</dd></div>" for k, v in cards)
    return (
        '<section id="sammanfattning" aria-labelledby="sammanfattning-h">\n<h2 id="sammanfattning-h">Sammanfattning</h2>\n'
        f'<dl class="cards">{items}</dl>\n'
        "<p><strong>Så räknas problempoängen</strong> (högre är sämre): fynd viktade efter allvar (fel 3, varning 2, info 1) "
        f"per 1 000 ord, plus {SECTION_PENALTY} poäng för varje obligatoriskt avsnitt som saknas eller är ofullständigt, "
        f"plus de LIX-poäng som ligger över {LIX_TARGET}. Korta texter räknas som minst 100 ord. "
        "<strong>Påverkan</strong> för en standardformulering är antalet dokument som har den gånger antalet fynd i den: "
        "börja skriva om där påverkan är störst.</p>\n</section>\n"
    )


def _charts(t: dict, templates: list[dict], wordings: list[dict]) -> str:
    parts = ['<section id="diagram" aria-labelledby="diagram-h">\n<h2 id="diagram-h">Diagram</h2>\n<div class="charts">\n']
    cat_items = [
        (CATEGORY_LABELS[c], t["per_1000_words"][c], f"{_n(t['per_1000_words'][c], 1)} ({_n(t['categories'][c])} fynd)")
        for c in CATEGORIES
    ]
    desc = "; ".join(f"{label}: {text} per 1 000 ord" for label, _, text in cat_items)
    parts.append(_figure("Fynd per kategori, per 1 000 ord", charts.horizontal_bars("chart-kategorier", "Fynd per kategori", desc, cat_items, 120)))
    bins = [(lix_bin_label(d["from"], d["to"]), d["documents"]) for d in t["lix_distribution"]]
    desc = "Antal dokument per LIX-intervall: " + "; ".join(f"{label}: {n}" for label, n in bins)
    parts.append(_figure("LIX-fördelning (antal dokument)", charts.columns("chart-lix", "LIX-fördelning", desc, bins)))
    parts.append("</div>\n")
    if templates:
        shown = templates[:HEATMAP_TEMPLATES]
        cols = [f"{fam} {name}" for fam, name in FAMILIES.items()]
        values = [[per_1000(row["families"][fam], row["words"]) for fam in FAMILIES] for row in shown]
        desc = (
            f"Fynd per 1 000 ord för de {len(shown)} mallar som har högst problempoäng, per regelfamilj. "
            "Mörkare ruta betyder fler fynd; värdet står i rutan."
        )
        svg = charts.heatmap("chart-heatmap", "Mallar och regelfamiljer", desc, [r["path"] for r in shown], cols, values)
        parts.append(_figure("Mallar × regelfamiljer (fynd per 1 000 ord)", svg))
    else:
        parts.append("<p>Inga mallar hittades, så det finns ingen värmekarta över mallar och regelfamiljer. "
                     "En mall är en fil under en mappar som anges i <code>templates</code> i konfigurationen, en .dotx-fil "
                     "eller ett dokument med platshållare (profilen mall).</p>\n")
    if wordings:
        top = wordings[:TOP_WORDINGS_CHART]
        items = [(f"{w['rank']}. {w['text']}", w["impact"], f"{w['impact']} ({w['documents']} dok. × {len(w['findings'])} fynd)") for w in top]
        desc = "Påverkan (dokument × fynd) för de vanligaste standardformuleringarna: " + "; ".join(
            f"nummer {w['rank']}: {w['impact']}" for w in top
        )
        parts.append(_figure("Standardformuleringar med störst påverkan", charts.horizontal_bars("chart-formuleringar", "Standardformuleringar", desc, items, 300)))
    parts.append("</section>\n")
    return "".join(parts)


def _figure(caption: str, svg: str) -> str:
    return f"<figure>\n<figcaption>{escape(caption)}</figcaption>\n{svg}\n</figure>\n"


def _th(label: str, numeric: bool = False) -> str:
    cls = ' class="num" data-type="number"' if numeric else ""
    return f'<th scope="col"{cls}>{escape(label)}</th>'


def _num(value, decimals: int = 0) -> str:
    sort = "" if value is None else f"{value}"
    return f'<td class="num" data-sort="{sort}">{_n(value, decimals)}</td>'


def _structure_cell(row: dict) -> str:
    complete = row["structure"].get("complete")
    if complete is None:
        return '<td class="num" data-sort="">–</td>'
    lacking = ", ".join(_role_label(r).lower() for r in row["structure"]["lacking"])
    title = f' title="Saknas eller ofullständigt: {escape(lacking)}"' if lacking else ""
    return f'<td class="num" data-sort="{complete}"{title}>{_n(complete * 100)}&nbsp;%</td>'


def _metric_cells(row: dict) -> str:
    m = row["metrics"]
    return (
        _num(row["words"])
        + _num(m.get("lix"), 1)
        + _num(m.get("ovix"), 1)
        + _num(m.get("nominal_ratio"), 2)
        + _num(None if m.get("passive_share") is None else m["passive_share"] * 100)
        + _num(m.get("mean_sentence_length"), 1)
        + "".join(_num(row["per_1000_words"][c], 1) for c in CATEGORIES)
        + _structure_cell(row)
    )


METRIC_HEADERS = ["Ord", "LIX", "OVIX", "Nominalkvot", "Passiv (%)", "Ord per mening"] + [
    f"{CATEGORY_LABELS[c]} /1 000 ord" for c in CATEGORIES
] + ["Struktur"]


def _templates_table(templates: list[dict]) -> str:
    head = (
        '<section id="mallar" aria-labelledby="mallar-h">\n<h2 id="mallar-h">Mallar</h2>\n'
        "<p>Mallar med högst problempoäng först. Brev som delar standardformuleringar med en mall räknas till den "
        "mallen; att rätta mallen förbättrar alla dess brev.</p>\n"
    )
    if not templates:
        return head + "<p>Inga mallar hittades.</p>\n</section>\n"
    rows = []
    for i, row in enumerate(templates, 1):
        letters = row["letters"]
        listed = ", ".join(f'<a href="#{anchor(p)}">{escape(p.rsplit("/", 1)[-1])}</a>' for p in letters[:10])
        more = f" och {_n(len(letters) - 10)} till" if len(letters) > 10 else ""
        rows.append(
            f'<tr><td class="num" data-sort="{i}">{i}</td><td class="path"><a href="#{anchor(row["path"])}">{escape(row["path"])}</a></td>'
            f'{_num(row["score"], 1)}{_num(row["findings"])}{_num(len(letters))}{_num(row["impact"])}'
            f'{_num(row["letters_mean_score"], 1)}{_metric_cells(row)}<td>{listed}{more}</td></tr>'
        )
    headers = ["Rang", "Mall", "Problempoäng", "Fynd", "Brev", "Påverkan", "Brevens poäng (medel)"] + METRIC_HEADERS + ["Brev från mallen"]
    numeric = {h for h in headers if h not in ("Mall", "Brev från mallen")}
    return head + _table("tabell-mallar", "Mallar, sämst först", headers, numeric, rows) + "</section>\n"


def _table(table_id: str, caption: str, headers: list[str], numeric: set[str], rows: list[str]) -> str:
    ths = "".join(_th(h, h in numeric) for h in headers)
    return (
        f'<div class="table-wrap"><table id="{table_id}" class="sortable">\n<caption>{escape(caption)}</caption>\n'
        f"<thead><tr>{ths}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n"
    )


def _wordings_table(wordings: list[dict]) -> str:
    head = (
        '<section id="formuleringar" aria-labelledby="formuleringar-h">\n<h2 id="formuleringar-h">Standardformuleringar</h2>\n'
        "<p>Meningar och stycken som återkommer i flera dokument. Namn, datum, belopp, diarienummer, personnummer och "
        "platshållare är utbytta mot … så att samma formulering känns igen i alla brev. Ordnade efter påverkan "
        "(dokument × fynd).</p>\n"
    )
    if not wordings:
        return head + "<p>Inga formuleringar återkommer i mer än ett dokument.</p>\n</section>\n"
    rows = []
    for wd in wordings:
        rules = sorted({f["rule"] for f in wd["findings"]})
        tags = "".join(f'<span class="tag">{escape(r)}</span>' for r in rules)
        examples = ", ".join(f'<a href="#{anchor(p)}">{escape(p.rsplit("/", 1)[-1])}</a>' for p in wd["examples"][:5])
        direction = f'<span class="direction">Förslag: {escape(wd["direction"])}</span>' if wd["direction"] else ""
        rows.append(
            f'<tr><td class="num" data-sort="{wd["rank"]}">{wd["rank"]}</td>'
            f'<td class="wording">{escape(wd["text"])}{direction}</td><td>{escape(wd["kind"])}</td>'
            f'{_num(wd["documents"])}{_num(wd["templates"])}{_num(len(wd["findings"]))}{_num(wd["impact"])}'
            f"<td>{tags}</td><td>{examples}</td></tr>"
        )
    headers = ["Rang", "Formulering", "Typ", "Dokument", "Mallar", "Fynd", "Påverkan", "Regler", "Finns i (urval)"]
    numeric = {"Rang", "Dokument", "Mallar", "Fynd", "Påverkan"}
    return head + _table("tabell-formuleringar", "Standardformuleringar efter påverkan", headers, numeric, rows) + "</section>\n"


def _documents_table(result: ScanResult, w) -> None:
    headers = ["Dokument", "Profil", "Mall", "Problempoäng", "Fynd"] + METRIC_HEADERS
    numeric = {h for h in headers if h not in ("Dokument", "Profil", "Mall")}
    ths = "".join(_th(h, h in numeric) for h in headers)
    w(
        '<section id="dokument" aria-labelledby="dokument-h">\n<h2 id="dokument-h">Dokument</h2>\n'
        "<p>Alla lästa dokument. Sortera genom att välja en kolumnrubrik (Tab och Enter fungerar). "
        "Dokumentets namn leder till texten med fynden markerade.</p>\n"
        '<div class="table-wrap"><table id="tabell-dokument" class="sortable">\n<caption>Dokument</caption>\n'
        f"<thead><tr>{ths}</tr></thead>\n<tbody>\n"
    )
    for row in result.documents():
        if row["error"]:
            continue
        template = row["template_of"]
        if row["template"]:
            template_cell = "<td>är en mall</td>"
        elif template:
            template_cell = f'<td><a href="#{anchor(template)}">{escape(template.rsplit("/", 1)[-1])}</a></td>'
        else:
            template_cell = "<td></td>"
        w(
            f'<tr><td class="path"><a href="#{anchor(row["path"])}">{escape(row["path"])}</a></td>'
            f'<td>{escape(row["profile"] or "")}</td>{template_cell}{_num(row["score"], 1)}{_num(row["findings"])}'
            f"{_metric_cells(row)}</tr>\n"
        )
    w("</tbody></table></div>\n</section>\n")


def _errors_table(result: ScanResult, w) -> None:
    errors = list(result.errors())
    w('<section id="fel" aria-labelledby="fel-h">\n<h2 id="fel-h">Filer som inte kunde läsas</h2>\n')
    if not errors:
        w("<p>Alla filer kunde läsas.</p>\n</section>\n")
        return
    rows = [f'<tr><td class="path" id="{anchor(e["path"])}">{escape(e["path"])}</td><td>{escape(e["message"])}</td></tr>' for e in errors]
    w(_table("tabell-fel", "Filer som inte kunde läsas", ["Fil", "Fel"], set(), rows))
    w("</section>\n")


# --- the texts -------------------------------------------------------------------------------------


def _texts(result: ScanResult, w) -> None:
    w('<section id="texter" aria-labelledby="texter-h">\n<h2 id="texter-h">Texterna med fynden markerade</h2>\n')
    for row, record in result.records(("meta", "findings", "blocks")):
        if row["error"]:
            continue
        w(_document(row, record))
    w("</section>\n")


def _document(row: dict, record: dict) -> str:
    doc_id = anchor(row["path"])
    m = row["metrics"]
    facts = [
        ("Profil", escape(row["profile"] or "–")),
        ("Problempoäng", _n(row["score"], 1)),
        ("Ord", _n(row["words"])),
        ("LIX", f"{_n(m.get('lix'), 1)} ({escape(row.get('lix_band') or '')})"),
        ("OVIX", _n(m.get("ovix"), 1)),
        ("Nominalkvot", _n(m.get("nominal_ratio"), 2)),
        ("Passiv form", f"{_n((m.get('passive_share') or 0) * 100)} % av meningarna"),
        ("Ord per mening", _n(m.get("mean_sentence_length"), 1)),
    ]
    if row["template_of"]:
        facts.append(("Mall", f'<a href="#{anchor(row["template_of"])}">{escape(row["template_of"])}</a>'))
    required = row["structure"]["required"]
    if required:
        facts.append(
            (
                "Obligatoriska avsnitt",
                ", ".join(
                    f'{escape(_role_label(role))}: <span class="status-{escape(status)}">{escape(status)}</span>'
                    for role, status in required.items()
                ),
            )
        )
    dl = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts)
    findings = record.get("findings", [])
    items = []
    for i, f in enumerate(findings, 1):
        sev = f["severity"]
        items.append(
            f'<li id="{doc_id}-f{i}"><span class="sev sev-{sev}-text">{SEVERITY_LABELS.get(sev, sev)}</span> '
            f'<span class="tag">{escape(f["rule"])}</span> {escape(f["message"])}</li>'
        )
    listing = f'<ol class="findings">{"".join(items)}</ol>' if items else "<p>Inga fynd.</p>"
    return (
        f'<article class="doc" id="{doc_id}" aria-labelledby="{doc_id}-h">\n<h3 id="{doc_id}-h">{escape(row["path"])}</h3>\n'
        f'<dl class="facts">{dl}</dl>\n<h4>Fynd ({len(findings)})</h4>\n{listing}\n'
        f'<h4>Text</h4>\n<div class="doctext">{_text(doc_id, record)}</div>\n'
        '<p class="back"><a href="#dokument">Tillbaka till dokumenttabellen</a></p>\n</article>\n'
    )


def _text(doc_id: str, record: dict) -> str:
    by_block: dict[int, list[tuple[int, dict]]] = {}
    for i, f in enumerate(record.get("findings", []), 1):
        if f["block"] >= 0 and f["end"] > f["start"]:
            by_block.setdefault(f["block"], []).append((i, f))
    out = []
    for b, block in enumerate(record.get("blocks", [])):
        kind = block["kind"]
        cls = "heading" if kind == "heading" else ("furniture" if kind in ("header", "footer") else "")
        attr = f' class="{cls}"' if cls else ""
        out.append(f"<p{attr}>{_highlight(doc_id, block['text'], by_block.get(b, []))}</p>")
    return "\n".join(out)


def _highlight(doc_id: str, text: str, findings: list[tuple[int, dict]]) -> str:
    """The block's text with every finding's span in a ``<mark>`` followed by links to the findings."""
    if not findings:
        return escape(text)
    cuts = sorted({0, len(text)} | {max(0, min(len(text), p)) for _, f in findings for p in (f["start"], f["end"])})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = escape(text[start:end])
        covering = [(i, f) for i, f in findings if f["start"] < end and start < f["end"]]
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda item: {"error": 3, "warning": 2, "info": 1}.get(item[1]["severity"], 0))[1]["severity"]
        title = escape(" | ".join(f"{f['rule']}: {f['message']}" for _, f in covering), quote=True)
        out.append(f'<mark class="sev-{worst}" title="{title}">{piece}</mark>')
        ending = [i for i, f in covering if f["end"] == end or (end == len(text) and f["end"] > end)]
        out.extend(f'<a class="fref" href="#{doc_id}-f{i}" aria-label="fynd {i}">{i}</a>' for i in ending)
    return "".join(out)
