"""Build the decision corpus: corpora/beslut/txt/*.txt -> docx/*.docx (python-docx) -> pdf/*.pdf
(LibreOffice headless).

The .txt files are the source of truth. Layout conventions in a .txt:
- blocks are separated by blank lines; every non-empty line becomes one Word paragraph;
- the first block is the letterhead (bold);
- a block of one short line (<= 12 words, no final punctuation, no "Label: value", not starting with
  a digit, not a whole-line [placeholder]) is a heading: the first one is Heading 1 (the title), later ones Heading 2;
- lines starting with "- " are list items (style "List Bullet", the "- " is dropped);
- lines holding tabs are table rows; consecutive rows form one table whose first row is the header;
- «Fält» placeholders become real MERGEFIELD fields whose result text is the same «Fält».

Output is deterministic: fixed core properties and zip timestamps, so an unchanged .txt gives a
byte-identical .docx. A PDF is only regenerated when its .docx changed (LibreOffice stamps PDFs with
the time of conversion), when it is missing, or with --force. Documents with profile "mall" also get
a Word template (.dotx) next to the .docx.

Usage: python corpora/build.py [--force] [--no-pdf] [ID ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent / "beslut"
TXT_DIR, DOCX_DIR, PDF_DIR = ROOT / "txt", ROOT / "docx", ROOT / "pdf"
MANIFEST = ROOT / "manifest.yaml"

KOMMUN = "Norrviks kommun"
FOOTER_ADDRESS = "Socialnämnden, Box 500, 731 90 Norrvik · Telefon 08-465 004 00 · norrvik.se"
FIXED_TIME = dt.datetime(2025, 6, 1, 8, 0, 0)
ZIP_TIME = (2025, 6, 1, 8, 0, 0)
FONT = "Arial"  # LibreOffice renders it with the metric-compatible Liberation Sans

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

MERGE_FIELD = re.compile(r"«([^»]+)»")


# ---------------------------------------------------------------- parsing the .txt

@dataclass
class Line:
    kind: str  # letterhead | heading1 | heading2 | para | list | row
    text: str
    last_in_block: bool


def blocks_of(text: str) -> list[list[str]]:
    blocks, current = [], []
    for raw in text.splitlines():
        line = raw.rstrip("\n")
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def is_heading_block(block: list[str]) -> bool:
    if len(block) != 1:
        return False
    line = block[0].strip()
    return (
        not line.startswith("- ")
        and "\t" not in line
        and ": " not in line
        and not line[0].isdigit()
        and not (line.startswith("[") and line.endswith("]"))  # a placeholder paragraph in a template
        and len(line.split()) <= 12
        and line[-1] not in ".!?:;,"
    )


def parse(text: str) -> list[Line]:
    lines: list[Line] = []
    seen_heading = False
    for index, block in enumerate(blocks_of(text)):
        if index == 0:
            kinds = ["letterhead"] * len(block)
        elif is_heading_block(block):
            kinds = ["heading2" if seen_heading else "heading1"]
            seen_heading = True
        else:
            kinds = ["row" if "\t" in l else "list" if l.startswith("- ") else "para" for l in block]
        for i, (kind, line) in enumerate(zip(kinds, block)):
            lines.append(Line(kind, line[2:] if kind == "list" else line, i == len(block) - 1))
    return lines


def expected_paragraphs(text: str) -> list[str]:
    """The body paragraph texts the .docx must hold, in order (table rows joined by tabs)."""
    return [line.text for line in parse(text)]


# ---------------------------------------------------------------- writing the .docx

def set_style_font(style, size: float, bold: bool | None = None) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)  # drop theme fonts so the explicit font wins
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold


def set_language(document, lang: str = "sv-SE") -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
    rpr.append(el)


def add_field(paragraph, instruction: str, result: str) -> None:
    """A complex field (begin / instrText / separate / result / end) with a visible result."""
    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def add_text(paragraph, text: str, bold: bool = False) -> None:
    pos = 0
    for match in MERGE_FIELD.finditer(text):
        if match.start() > pos:
            paragraph.add_run(text[pos:match.start()]).bold = bold or None
        name = match.group(1).replace(" ", "_")
        add_field(paragraph, f"MERGEFIELD {name} \\* MERGEFORMAT", match.group(0))
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:]).bold = bold or None


def add_header_footer(document, forvaltning: str) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{KOMMUN} · {forvaltning}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{FOOTER_ADDRESS} · Sida ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" av ")
    add_field(footer, "NUMPAGES", "1")
    for p in (header, footer):
        for run in p.runs:
            run.font.size = Pt(8)


def add_table(document, rows: list[str]) -> None:
    cells = [row.split("\t") for row in rows]
    width = max(len(c) for c in cells)
    table = document.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for r, row in enumerate(cells):
        for c in range(width):
            paragraph = table.cell(r, c).paragraphs[0]
            add_text(paragraph, row[c] if c < len(row) else "", bold=(r == 0))
            if c > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        row.cells[0].width, row.cells[-1].width = Cm(11), Cm(4)


def build_document(text: str, meta: dict) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    set_language(document)
    set_style_font(document.styles["Normal"], 11)
    set_style_font(document.styles["Heading 1"], 16, bold=True)
    set_style_font(document.styles["Heading 2"], 12.5, bold=True)
    set_style_font(document.styles["List Bullet"], 11)

    lines = parse(text)
    letterhead = [l.text for l in lines if l.kind == "letterhead"]
    add_header_footer(document, letterhead[1] if len(letterhead) > 1 else "Socialförvaltningen")

    pending_rows: list[str] = []
    after_table, first_letterhead = False, True
    for line in lines:
        if line.kind == "row":
            pending_rows.append(line.text)
            if line.last_in_block:
                add_table(document, pending_rows)
                pending_rows, after_table = [], True
            continue
        if line.kind == "heading1":
            paragraph = document.add_paragraph(style="Heading 1")
            add_text(paragraph, line.text)
        elif line.kind == "heading2":
            paragraph = document.add_paragraph(style="Heading 2")
            add_text(paragraph, line.text)
        elif line.kind == "list":
            paragraph = document.add_paragraph(style="List Bullet")
            add_text(paragraph, line.text)
        else:
            paragraph = document.add_paragraph()
            add_text(paragraph, line.text, bold=line.kind == "letterhead")
            if line.kind == "letterhead" and first_letterhead:
                paragraph.runs[0].font.size = Pt(14)
                first_letterhead = False
        if line.kind in ("letterhead", "para") and not line.last_in_block:
            paragraph.paragraph_format.space_after = Pt(0)
        if after_table:  # breathing space below a table without an empty paragraph
            paragraph.paragraph_format.space_before = Pt(10)
            after_table = False

    props = document.core_properties
    props.title = meta["title"]
    props.subject = f"{meta['type']} ({meta['variant']})"
    props.author = props.last_modified_by = f"{KOMMUN} (fiktivt exempel)"
    props.keywords = "klarsprak testkorpus"
    props.language = "sv-SE"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = "Fiktivt dokument skrivet för klarsprak. Alla personer och nummer är påhittade."
    return document


def docx_bytes(document, template: bool = False) -> bytes:
    """Serialise with fixed zip timestamps (and, for a .dotx, the template content type)."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if template and item.filename == "[Content_Types].xml":
                data = data.replace(DOCX_MAIN.encode(), DOTX_MAIN.encode())
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    return out.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


# ---------------------------------------------------------------- PDF with LibreOffice

def convert_to_pdf(docx_files: list[Path]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice (LibreOffice) not found: skipping PDF generation. "
              "Install LibreOffice (apt-get install libreoffice-writer) and run again.")
        return
    with tempfile.TemporaryDirectory(prefix="klarsprak-lo-") as profile:
        # A private profile so parallel LibreOffice runs do not lock each other out.
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(PDF_DIR), *map(str, docx_files)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    missing = [p.name for p in docx_files if not (PDF_DIR / (p.stem + ".pdf")).exists()]
    if result.returncode != 0 or missing:
        sys.exit(f"LibreOffice failed (exit {result.returncode}); no PDF for {missing}\n{result.stderr}")
    print(f"pdf: {len(docx_files)} converted")


# ---------------------------------------------------------------- main

def load_manifest() -> dict[str, dict]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return {d["id"]: d for d in data["documents"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="only these document ids")
    parser.add_argument("--force", action="store_true", help="regenerate every PDF")
    parser.add_argument("--no-pdf", action="store_true", help="only write .docx")
    args = parser.parse_args(argv)

    manifest = load_manifest()
    sources = sorted(TXT_DIR.glob("*.txt"))
    unknown = [p.stem for p in sources if p.stem not in manifest]
    if unknown:
        sys.exit(f"not in manifest.yaml: {', '.join(unknown)}")
    if args.ids:
        sources = [p for p in sources if p.stem in args.ids]

    DOCX_DIR.mkdir(exist_ok=True)
    PDF_DIR.mkdir(exist_ok=True)
    to_convert = []
    for source in sources:
        meta = manifest[source.stem]
        document = build_document(source.read_text(encoding="utf-8"), meta)
        docx_path = DOCX_DIR / f"{source.stem}.docx"
        changed = write_if_changed(docx_path, docx_bytes(document))
        if meta["profile"] == "mall":
            write_if_changed(DOCX_DIR / f"{source.stem}.dotx", docx_bytes(document, template=True))
        if changed or args.force or not (PDF_DIR / f"{source.stem}.pdf").exists():
            to_convert.append(docx_path)
        print(f"docx: {docx_path.name} {'written' if changed else 'unchanged'}")
    if to_convert and not args.no_pdf:
        convert_to_pdf(to_convert)
    elif not to_convert:
        print("pdf: all up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
