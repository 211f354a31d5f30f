"""Make the extra hostile inputs in this folder (issue 8), with real tools.

Word files: python-docx, then the zip rewritten by hand where an attack needs raw XML or a lying
zip directory. PDFs: LibreOffice headless from a .docx made here, or written byte by byte where
the attack is in the PDF structure itself (a page tree that loops, a deflate bomb).

    .venv/bin/python corpora/hostile/make_hostile.py      # needs soffice on PATH

The files are small and committed; tests never need LibreOffice. Inputs that are large, or that
are properties of a file system (50 MB on one line, FIFOs, symlink loops, unreadable files), are
made by the tests themselves in a temporary folder.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

ENGLISH = """Decision on your application for financial assistance

We have decided to grant your application for financial assistance for the month of March. You will receive the money in your bank account before the 25th of the month. If you have any questions about this decision, please contact your case officer. You can find the contact details at the end of this letter.

Why we made this decision

You have applied for help with your rent, electricity and home insurance. We have looked at your income and your costs and found that you cannot pay for them yourself at this time. This is why you have the right to assistance under the Social Services Act.

How to appeal

If you think the decision is wrong, you can appeal. Write to us within three weeks from the day you received this letter and tell us why you think the decision is wrong.
"""

ARABIC = """قرار بشأن طلبك للحصول على المساعدة المالية

لقد قررنا منحك مساعدة مالية لشهر مارس. سيتم إيداع المال في حسابك المصرفي قبل اليوم الخامس والعشرين من الشهر. إذا كانت لديك أي أسئلة حول هذا القرار، يرجى الاتصال بموظف الحالة الخاص بك. يمكنك العثور على معلومات الاتصال في نهاية هذه الرسالة.

لقد تقدمت بطلب للحصول على مساعدة في الإيجار والكهرباء والتأمين المنزلي. إذا كنت تعتقد أن القرار خاطئ، يمكنك تقديم استئناف خلال ثلاثة أسابيع.
"""

NORWEGIAN = """Vedtak om økonomisk stønad

Vi har bestemt at du får økonomisk stønad for mars måned. Pengene blir satt inn på kontoen din før den 25. i måneden. Hvis du har spørsmål om vedtaket, kan du ta kontakt med saksbehandleren din. Du finner kontaktinformasjonen nederst i dette brevet.

Du har søkt om hjelp til husleie, strøm og innboforsikring. Vi har sett på inntektene og utgiftene dine og funnet at du ikke kan betale dem selv nå. Derfor har du rett til stønad etter loven om sosiale tjenester. Hvis du mener at vedtaket er feil, kan du klage. Skriv til oss innen tre uker fra den dagen du fikk dette brevet og fortell hvorfor du mener at vedtaket er feil.
"""

SOMALI = """Go'aanka ku saabsan codsigaaga gargaarka dhaqaalaha

Waxaan go'aansanay in aan ku siino gargaar dhaqaale bisha Maarso. Lacagta waxaa la dhigi doonaa koontadaada ka hor 25-ka bisha. Haddii aad qabto su'aalo ku saabsan go'aankan, fadlan la xiriir shaqaalahaaga. Waxaad ka heli kartaa macluumaadka xiriirka dhammaadka warqaddan. Waxaad codsatay caawimaad kirada, korontada iyo caymiska guriga. Waxaan eegnay dakhligaaga iyo kharashyadaada waxaana ogaanay in aadan hadda iska bixin karin. Haddii aad u malaynayso in go'aanku khaldan yahay, waad racfaan qaadan kartaa.
"""

SWEDISH = """Beslut om ekonomiskt bistånd

Du får ekonomiskt bistånd för mars 2025. Vi betalar ut pengarna till ditt konto senast den 25 mars. Om du har frågor om beslutet kan du ringa din handläggare. Du hittar telefonnumret längst ner i brevet.

Varför vi har fattat det här beslutet

Du har ansökt om pengar till hyra, el och hemförsäkring. Vi har gått igenom dina inkomster och dina kostnader. Du kan inte betala kostnaderna själv just nu, och därför har du rätt till bistånd enligt socialtjänstlagen.
"""


SWEDISH_MORE = """Om du inte är nöjd med beslutet

Du kan överklaga beslutet till förvaltningsrätten. Skriv till oss inom tre veckor från den dag du fick beslutet. Skriv vilket beslut du överklagar, varför du tycker att det är fel och hur du vill att vi ändrar det. Vi skickar sedan ditt överklagande vidare till domstolen, om vi inte själva ändrar beslutet som du vill.
"""


def caesar(text: str, shift: int = 3) -> str:
    """What a PDF font with a wrong (or no) Unicode map gives: letters, but not the right ones."""
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append({"å": "#", "ä": "$", "ö": "%", "Å": "&", "Ä": "'", "Ö": "*"}.get(ch, ch))
    return "".join(out)


def write_docx(path: Path, text: str) -> None:
    document = docx.Document()
    for paragraph in text.strip().split("\n\n"):
        document.add_paragraph(paragraph)
    document.save(path)


def docx_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    for paragraph in text.strip().split("\n\n"):
        document.add_paragraph(paragraph)
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, payload in (add or {}).items():
            dst.writestr(name, payload)
    return out.getvalue()


def soffice_pdf(source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(Path(tmp) / (source.stem + ".pdf"), target)


# --- languages ----------------------------------------------------------------------------------------
def languages() -> None:
    for name, text in (("english", ENGLISH), ("arabic", ARABIC), ("norwegian", NORWEGIAN), ("somali", SOMALI)):
        (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
    translation = ENGLISH.split("\n\n")[1] + "\n"
    (HERE / "swedish_with_english_translation.txt").write_text(SWEDISH + "\n" + SWEDISH_MORE + "\n" + translation, encoding="utf-8")
    write_docx(HERE / "english.docx", ENGLISH)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "english_pdf.docx"
        write_docx(source, ENGLISH)
        soffice_pdf(source, HERE / "english.pdf")
        # Letters in the text layer, but the wrong ones: what a font without a usable Unicode map gives.
        garbled = Path(tmp) / "garbled_letters.docx"
        write_docx(garbled, caesar(SWEDISH * 2))
        soffice_pdf(garbled, HERE / "garbled_letters.pdf")


# --- Word packages --------------------------------------------------------------------------------------
def word_attacks() -> None:
    base = docx_bytes(SWEDISH)
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        document_xml = zf.read("word/document.xml").decode("utf-8")
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")

    # External targets: a remote template, a linked image and a hyperlink. A reader that followed any
    # of them would open a network connection (the privacy test runs this with networking blocked).
    external = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="http://127.0.0.1:9/bild.png" TargetMode="External"/>'
        '<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="http://127.0.0.1:9/sida" TargetMode="External"/>'
        '<Relationship Id="rIdX3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument" '
        'Target="file:///etc/passwd" TargetMode="External"/></Relationships>',
    )
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        'Target="http://127.0.0.1:9/mall.dotx" TargetMode="External"/></Relationships>'
    )
    (HERE / "external_refs.docx").write_bytes(
        rewrite_zip(base, {"word/_rels/document.xml.rels": external.encode()}, {"word/_rels/settings.xml.rels": settings_rels.encode()})
    )

    # XInclude: a processor that honoured it would paste /etc/passwd into the text.
    xinclude = document_xml.replace(
        "<w:body>",
        '<w:body><w:p><w:r><w:t><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/></w:t></w:r></w:p>',
        1,
    )
    (HERE / "xinclude.docx").write_bytes(rewrite_zip(base, {"word/document.xml": xinclude.encode()}))

    # Far too deep XML (not tables): libxml2 refuses it unless huge_tree is on.
    deep = "<w:sdt><w:sdtContent>" * 5000 + "<w:p><w:r><w:t>Djupt</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 5000
    (HERE / "deep_xml.docx").write_bytes(rewrite_zip(base, {"word/document.xml": document_xml.replace("<w:body>", "<w:body>" + deep, 1).encode()}))

    # More zip entries than limits.max-zip-entries (2000).
    (HERE / "many_entries.docx").write_bytes(rewrite_zip(base, add={f"customXml/extra{i}.xml": b"<a/>" for i in range(2100)}))

    # A zip directory that understates a part's size: the data inflates to far more than declared.
    (HERE / "lying_sizes.docx").write_bytes(_lying_sizes(base))

    # A document of 60 000 one-word paragraphs: many blocks, few words.
    body = "".join(f"<w:p><w:r><w:t>Ord{i}</w:t></w:r></w:p>" for i in range(60_000))
    (HERE / "many_paragraphs.docx").write_bytes(rewrite_zip(base, {"word/document.xml": document_xml.replace("<w:body>", "<w:body>" + body, 1).encode()}))


def _lying_sizes(base: bytes) -> bytes:
    """Rewrite the declared uncompressed size of word/document.xml to 100 bytes in both headers."""
    data = bytearray(base)
    name = b"word/document.xml"
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        info = zf.getinfo(name.decode())
    local = info.header_offset
    data[local + 22 : local + 26] = (100).to_bytes(4, "little")
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if data[pos + 46 : pos + 46 + n] == name:
            data[pos + 24 : pos + 28] = (100).to_bytes(4, "little")
        pos += 4
    return bytes(data)


# --- PDF structure attacks --------------------------------------------------------------------------------
def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_attacks() -> None:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    text = b"BT /F1 12 Tf 72 720 Td (Beslut om bistand) Tj ET"
    # A page tree whose Kids point back at itself: a naive walker never ends.
    (HERE / "page_tree_loop.pdf").write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        font,
    ]))
    # A content stream of 150 MB of spaces deflated to ~150 kB.
    bomb = zlib.compress(b" " * 150_000_000, 9)
    (HERE / "deflate_bomb.pdf").write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
        font,
    ]))


# --- text ----------------------------------------------------------------------------------------------
def texts() -> None:
    # Valid UTF-8 that is hard on a tokenizer: bidi overrides, zero-width characters, combining marks,
    # emoji with modifiers, characters outside the BMP, a lone BOM in the middle.
    tricky = (
        "Beslut\u202e om\u202c bistånd\n\n"
        "Du\u200b får\u200d bi\u0301stånd för ma\u0308rs. 👩🏽‍⚖️ Vi betalar 𝔟𝔦𝔰𝔱å𝔫𝔡 den 25\ufeff mars.\n\n"
        "Om du har frågor kan du ringa oss. \u0000\u0000"[:-2] + "Tack!\n"
    )
    (HERE / "tricky_unicode.txt").write_text(tricky, encoding="utf-8")
    # Control characters everywhere but no NUL: binary data that is not UTF-16.
    (HERE / "control_chars.txt").write_bytes(bytes(range(1, 32)) * 200)
    # Markdown nested past any sane depth.
    (HERE / "deep_nesting.md").write_text("> " * 3000 + "Beslut\n\n" + "- " * 3000 + "punkt\n", encoding="utf-8")


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) behövs för att göra PDF:erna", file=sys.stderr)
        return 1
    languages()
    word_attacks()
    pdf_attacks()
    texts()
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.name:40} {path.stat().st_size:>9} byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
