"""Word reader (.docx, .dotx): python-docx opens the package, the text is read from the XML.

Public helpers for the write-back code, which maps ``Segment.run``/``offset`` back into the XML:

- :func:`iter_runs` — the runs of a ``w:p`` in document order: every ``w:r`` descendant (also
  inside hyperlinks, ``w:ins``, ``w:moveTo``, content controls ``w:sdt``, ``w:fldSimple``, smart
  tags, ``w:customXml``) except runs inside ``w:del`` or ``w:moveFrom``, runs between a complex
  field's ``begin`` and ``separate`` (its instruction), runs inside math (``m:oMath``) and runs of
  paragraphs nested in this one (text boxes: they are paragraphs of their own). A run holding a
  ``fldChar`` counts by the state after it: the ``begin`` run is left out, the ``separate`` and
  ``end`` runs are in. Field state does not carry over from one paragraph to the next.
- :func:`run_text` — a run's text: ``w:t`` as is, ``w:tab``/``w:ptab`` → ``"\\t"``,
  ``w:br``/``w:cr`` → ``"\\n"``, ``w:noBreakHyphen`` → ``"-"``, ``w:softHyphen`` → ``""``; everything
  else (``w:sym``, ``w:instrText``, ``w:delText``, drawings, footnote references) → ``""``.

``Segment.run`` is the index in ``iter_runs(p)``, ``Segment.offset`` the character offset in
``run_text(run)``; ``Place.paragraph`` is the index of the ``w:p`` in ``root.iter(w:p)`` of the part.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from klarsprak.errors import InputError
from klarsprak.extract.builder import TextBuilder
from klarsprak.extract.docx_package import open_word, parse_part
from klarsprak.extract.docx_styles import Styles, w
from klarsprak.extract.placeholders import find as find_placeholders
from klarsprak.extract.placeholders import merge
from klarsprak.model import Block, BlockKind, Document, Place

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"

W_P, W_R, W_T, W_TBL, W_TR, W_TC = (w(t) for t in ("p", "r", "t", "tbl", "tr", "tc"))
W_SDT, W_SDTPR, W_FLDSIMPLE, W_FLDCHAR, W_INSTR = (w(t) for t in ("sdt", "sdtPr", "fldSimple", "fldChar", "instrText"))
SKIPPED_IN_PARAGRAPH = {w("del"), w("moveFrom"), W_P, W_TBL, f"{{{MATH}}}oMath", f"{{{MATH}}}oMathPara"}
TEXT_OF = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\n",
    w("cr"): "\n",
    w("noBreakHyphen"): "-",
    w("softHyphen"): "",
}
PLACEHOLDER_FIELDS = {"MERGEFIELD", "FILLIN", "ASK", "MACROBUTTON"}


# --- runs ---------------------------------------------------------------------------------------
@dataclass
class RunInfo:
    element: etree._Element
    placeholder: bool  # inside a MERGEFIELD result or a content control showing its placeholder


def run_text(run) -> str:
    """The text a run shows (see the module docstring for each element)."""
    parts = []
    for child in run:
        tag = child.tag
        if tag == W_T:
            parts.append(child.text or "")
        elif tag in TEXT_OF:
            parts.append(TEXT_OF[tag])
    return "".join(parts)


def iter_runs(paragraph) -> list:
    """The runs of ``paragraph`` that carry its visible text, in document order."""
    return [info.element for info in walk_runs(paragraph)]


def walk_runs(paragraph, placeholder: bool = False) -> list[RunInfo]:
    out: list[RunInfo] = []
    fields: list[list] = []  # complex fields open in this paragraph: [state, instruction]
    _walk(paragraph, out, fields, placeholder)
    return out


def _walk(element, out: list[RunInfo], fields: list[list], placeholder: bool) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED_IN_PARAGRAPH:
            continue
        if tag == W_R:
            _run(child, out, fields, placeholder)
        elif tag == W_SDT:
            _walk(child, out, fields, placeholder or _shows_placeholder(child))
        elif tag == W_FLDSIMPLE:
            kind = _field_kind(child.get(w("instr")) or "")
            _walk(child, out, fields, placeholder or kind in PLACEHOLDER_FIELDS)
        elif tag == f"{{{MC}}}Fallback" or tag.endswith("Pr") or tag.endswith("PrChange"):
            continue
        else:
            _walk(child, out, fields, placeholder)


def _run(run, out: list[RunInfo], fields: list[list], placeholder: bool) -> None:
    for child in run:
        if child.tag == W_FLDCHAR:
            kind = child.get(w("fldCharType"))
            if kind == "begin":
                fields.append(["instruction", ""])
            elif kind == "separate" and fields:
                fields[-1][0] = "result"
            elif kind == "end" and fields:
                fields.pop()
        elif child.tag == W_INSTR and fields and fields[-1][0] == "instruction":
            fields[-1][1] += child.text or ""
    if any(state == "instruction" for state, _ in fields):
        return
    in_merge = any(_field_kind(instr) in PLACEHOLDER_FIELDS for _, instr in fields)
    out.append(RunInfo(run, placeholder or in_merge))


def _field_kind(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _shows_placeholder(sdt) -> bool:
    pr = sdt.find(W_SDTPR)
    return pr is not None and pr.find(w("showingPlcHdr")) is not None


def _is_toc_control(sdt) -> bool:
    pr = sdt.find(W_SDTPR)
    if pr is None:
        return False
    gallery = pr.find(f"{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and "table of contents" in (gallery.get(w("val")) or "").lower()


# --- parts ----------------------------------------------------------------------------------------
@dataclass
class _Context:
    kind: BlockKind
    part: str
    styles: Styles
    patterns: tuple[str, ...]
    blocks: list[Block]


def read_docx(data: bytes, path: str | None, fmt: str, config) -> Document:
    document = open_word(data, config)
    styles_root = _styles_root(document)
    styles = Styles(styles_root)
    patterns = tuple(getattr(config, "placeholder_patterns", ()) or ())
    blocks: list[Block] = []
    main = document.part
    headers, footers = _header_footer_parts(main)
    for part in headers:
        _read_part(_root(part), _Context(BlockKind.HEADER, _name(part), styles, patterns, blocks))
    _read_part(main.element, _Context(BlockKind.PARAGRAPH, _name(main), styles, patterns, blocks))
    for part in footers:
        _read_part(_root(part), _Context(BlockKind.FOOTER, _name(part), styles, patterns, blocks))
    for reltype, kind in ((RT_FOOTNOTES, BlockKind.FOOTNOTE), (RT_ENDNOTES, BlockKind.ENDNOTE)):
        for part in _related(main, reltype):
            _read_part(_root(part), _Context(kind, _name(part), styles, patterns, blocks))
    return Document(path=path, format=fmt, blocks=blocks, meta={"title": _title(document)})


def _root(part):
    """A part's XML root: python-docx's tree for parts it models, else our own safe parse (a part
    with a wrong content type in a damaged file is a plain blob to python-docx)."""
    element = getattr(part, "element", None)
    return element if element is not None else parse_part(part.blob, _name(part))


def _styles_root(document):
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/styles") and not rel.is_external:
            return _root(rel.target_part)
    return None


def _title(document) -> str | None:
    try:
        return document.core_properties.title or None
    except Exception:  # noqa: BLE001 - a broken docProps/core.xml must not stop the reading
        return None


def _name(part) -> str:
    return str(part.partname).lstrip("/")


def _related(main, reltype: str) -> list:
    return [r.target_part for r in main.rels.values() if r.reltype == reltype and not r.is_external]


def _header_footer_parts(main) -> tuple[list, list]:
    """Header and footer parts in section order, each once (sections share linked parts)."""
    headers, footers, seen = [], [], set()
    body = main.element.find(w("body"))
    if body is None:
        raise InputError("filen saknar dokumentets brödtext (w:body); den är skadad")
    for sect in body.iter(w("sectPr")):
        for ref in sect:
            if ref.tag not in (w("headerReference"), w("footerReference")):
                continue
            rid = ref.get(f"{{{REL}}}id")
            rel = main.rels.get(rid)
            if rel is None or rel.is_external or str(rel.target_part.partname) in seen:
                continue
            seen.add(str(rel.target_part.partname))
            (headers if ref.tag == w("headerReference") else footers).append(rel.target_part)
    return headers, footers


def _read_part(root, ctx: _Context) -> None:
    """Every paragraph of one part in document order, with its table position."""
    index = -1
    tables: list[list] = []  # open tables: [path, row, cell, tables seen in current cell]
    top_tables = 0
    skip_depth = 0  # inside mc:Fallback, a TOC content control, a deleted or note separator
    placeholder_depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        starting = event == "start"
        if tag == W_P:
            if starting:
                index += 1
                if not skip_depth:
                    _read_paragraph(el, index, tables, ctx, placeholder_depth > 0)
        elif tag == W_TBL:
            if starting:
                if tables:
                    parent = tables[-1]
                    path = f"{parent[0]}.{max(parent[1], 0)}.{max(parent[2], 0)}.{parent[3]}"
                    parent[3] += 1
                else:
                    path = str(top_tables)
                    top_tables += 1
                tables.append([path, -1, -1, 0])
            else:
                tables.pop()
        elif tag == W_TR and tables:
            if starting:
                tables[-1][1] += 1
                tables[-1][2] = -1
        elif tag == W_TC and tables:
            if starting:
                tables[-1][2] += 1
                tables[-1][3] = 0
        elif tag in (f"{{{MC}}}Fallback", w("del"), w("moveFrom")) or (
            tag in (w("footnote"), w("endnote")) and el.get(w("type")) not in (None, "normal")
        ):
            skip_depth += 1 if starting else -1
        elif tag == W_SDT:
            if _is_toc_control(el):
                skip_depth += 1 if starting else -1
            elif _shows_placeholder(el):
                placeholder_depth += 1 if starting else -1


def _read_paragraph(p, index: int, tables: list[list], ctx: _Context, placeholder: bool) -> None:
    ppr = p.find(w("pPr"))
    style_id = None
    if ppr is not None:
        pstyle = ppr.find(w("pStyle"))
        style_id = pstyle.get(w("val")) if pstyle is not None else None
    styles = ctx.styles
    if styles.is_toc(style_id):
        return
    builder = TextBuilder()
    spans: list[tuple[int, int]] = []
    paragraph_bold = styles.paragraph_bold(style_id)
    all_bold = True
    for i, info in enumerate(walk_runs(p, placeholder)):
        text = run_text(info.element)
        if not text:
            continue
        start = builder.length
        builder.add(text, run=i, offset=0)
        if info.placeholder:
            spans.append((start, builder.length))
        if text.strip() and not styles.run_bold(info.element, paragraph_bold):
            all_bold = False
    full = builder.text
    text, segments = builder.stripped()
    if not text:
        return
    shift = len(full) - len(full.lstrip())
    spans = [(max(0, s - shift), min(len(text), e - shift)) for s, e in spans]
    spans = [(s, e) for s, e in spans if e > s]

    kind, level = ctx.kind, None
    table = tables[-1] if tables else None
    if kind == BlockKind.PARAGRAPH:
        if table is not None:
            kind = BlockKind.TABLE_CELL
        else:
            heading = styles.heading_level(style_id, ppr)
            list_level = styles.list_level(style_id, ppr)
            if heading is not None:
                kind, level = BlockKind.HEADING, min(heading, 6)
            elif list_level is not None:
                kind, level = BlockKind.LIST_ITEM, list_level
    ctx.blocks.append(
        Block(
            index=len(ctx.blocks),
            kind=kind,
            text=text,
            place=Place(
                part=ctx.part,
                paragraph=index,
                table=table[0] if table else None,
                row=max(table[1], 0) if table else None,
                cell=max(table[2], 0) if table else None,
            ),
            segments=segments,
            level=level,
            style=styles.name(style_id),
            bold=all_bold,
            placeholders=merge(spans + find_placeholders(text, ctx.patterns)),
        )
    )
