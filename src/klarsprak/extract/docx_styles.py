"""Word styles: which paragraphs are headings (and at what level), list items, TOC lines, bold.

Headings come from the style's name or id (``heading 1``, ``Rubrik 1``, localized ids such as
``Rubrik1``, ``berschrift1``), from ``w:outlineLvl`` in the style chain or the paragraph itself.
List items come from ``w:numPr`` (paragraph or style chain) or a list style name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


HEADING_NAME = re.compile(
    r"^(?:heading|rubrik|[üu]?berschrift|titre|otsikko|overskrift|kop)\s*([1-9])$", re.IGNORECASE
)
TITLE_NAME = re.compile(r"^(?:title|rubrik|titel)$", re.IGNORECASE)
TOC_NAME = re.compile(r"^(?:toc|innehåll|innehll|innehållsförteckning|verzeichnis|inhaltsverzeichnis)\s*[1-9]$", re.IGNORECASE)
LIST_NAME = re.compile(r"^(?:list (?:bullet|number)|punktlista|numrerad lista|listnumber|listbullet)\s*([2-9])?$", re.IGNORECASE)


@dataclass
class StyleInfo:
    style_id: str
    name: str
    based_on: str | None
    outline: int | None  # 0-based outline level from w:pPr/w:outlineLvl
    num_id: str | None
    ilvl: int | None
    bold: bool | None


def _val(el, tag: str) -> str | None:
    child = el.find(w(tag)) if el is not None else None
    return None if child is None else child.get(w("val"))


def _on_off(el) -> bool | None:
    """A toggle property such as ``<w:b/>`` (on) or ``<w:b w:val="0"/>`` (off)."""
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


class Styles:
    def __init__(self, styles_root) -> None:
        self.by_id: dict[str, StyleInfo] = {}
        self.default_paragraph: str | None = None
        self.default_bold: bool = False
        if styles_root is None:
            return
        defaults = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.default_bold = bool(_on_off(defaults.find(w("b")) if defaults is not None else None))
        for style in styles_root.iter(w("style")):
            sid = style.get(w("styleId")) or ""
            ppr = style.find(w("pPr"))
            rpr = style.find(w("rPr"))
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            outline = _val(ppr, "outlineLvl")
            ilvl = _val(numpr, "ilvl")
            self.by_id[sid] = StyleInfo(
                style_id=sid,
                name=_val(style, "name") or sid,
                based_on=_val(style, "basedOn"),
                outline=int(outline) if outline and outline.isdigit() else None,
                num_id=_val(numpr, "numId"),
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
                bold=_on_off(rpr.find(w("b")) if rpr is not None else None),
            )
            if style.get(w("type")) == "paragraph" and _on_off_attr(style.get(w("default"))):
                self.default_paragraph = sid

    def chain(self, style_id: str | None):
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        sid = style_id if style_id in self.by_id else self.default_paragraph
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            yield self.by_id[sid]
            sid = self.by_id[sid].based_on

    def name(self, style_id: str | None) -> str | None:
        info = self.by_id.get(style_id or "") or self.by_id.get(self.default_paragraph or "")
        return info.name if info else style_id

    def heading_level(self, style_id: str | None, ppr) -> int | None:
        own = _val(ppr, "outlineLvl")
        if own and own.isdigit():
            return int(own) + 1 if int(own) < 9 else None
        for info in self.chain(style_id):
            for label in (info.name, info.style_id):
                m = HEADING_NAME.match(label.strip())
                if m:
                    return int(m.group(1))
                if TITLE_NAME.match(label.strip()):
                    return 1
            if info.outline is not None:
                return info.outline + 1 if info.outline < 9 else None
        return None

    def is_toc(self, style_id: str | None) -> bool:
        return any(TOC_NAME.match(i.name.strip()) or TOC_NAME.match(i.style_id) for i in self.chain(style_id))

    def list_level(self, style_id: str | None, ppr) -> int | None:
        """0-based list level, or None when the paragraph is not a list item.

        An explicit ``w:ilvl`` wins; otherwise a numbered list style such as "List Bullet 2"
        gives its number (Word indents those through the numbering definition, not ilvl)."""
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        numbered = False
        if numpr is not None:
            num_id = _val(numpr, "numId")
            if num_id == "0":
                return None  # numbering explicitly removed
            ilvl = _val(numpr, "ilvl")
            if num_id is not None and ilvl and ilvl.isdigit():
                return int(ilvl)
            numbered = num_id is not None
        for info in self.chain(style_id):
            if info.ilvl is not None and info.num_id not in (None, "0"):
                return info.ilvl
            m = LIST_NAME.match(info.name.strip())
            if m:
                return int(m.group(1)) - 1 if m.group(1) else 0
            if info.num_id not in (None, "0"):
                numbered = True
        return 0 if numbered else None

    def paragraph_bold(self, style_id: str | None) -> bool:
        return next((i.bold for i in self.chain(style_id) if i.bold is not None), self.default_bold)

    def run_bold(self, run, paragraph_bold: bool) -> bool:
        rpr = run.find(w("rPr"))
        if rpr is not None:
            direct = _on_off(rpr.find(w("b")))
            if direct is not None:
                return direct
            rstyle = _val(rpr, "rStyle")
            if rstyle:
                for info in self._char_chain(rstyle):
                    if info.bold is not None:
                        return info.bold
        return paragraph_bold

    def _char_chain(self, style_id: str):
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            yield self.by_id[sid]
            sid = self.by_id[sid].based_on


def _on_off_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")
