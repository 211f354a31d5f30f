"""Build the structure corpus (KS401-KS409): decisions with each structure defect alone and with every
defect fixed, as .txt, .docx with heading styles, .docx with bold one-line paragraphs as headings,
and .pdf (LibreOffice headless, from the heading-style .docx).

The documents are defined below as lists of elements; each variant is a base document with one
change. ``manifest.yaml`` (written by this script) lists the structure findings expected per file.

Output is deterministic: fixed core properties and zip timestamps, so an unchanged document gives a
byte-identical .docx; a PDF is regenerated only when its .docx changed or is missing (or --force).

Usage: python corpora/struktur/build.py [--force] [--no-pdf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent
FORMATS = {"txt": "txt", "docx": "docx", "docx-fet": "docx", "pdf": "pdf"}
FIXED_TIME = dt.datetime(2025, 6, 1, 8, 0, 0)
ZIP_TIME = (2025, 6, 1, 8, 0, 0)

# ----------------------------------------------------------------------------- the documents
# Elements: ("lines", [...]) one block of short lines (letterhead, address, signature);
# ("title", text); ("h", text) a heading; ("p", text) a paragraph; ("li", [...]) a bulleted list.

BAB_LETTERHEAD = [
    ("lines", ["Åsby kommun", "Samhällsbyggnadsförvaltningen", "Bostadsanpassning"]),
    ("lines", ["Datum: 14 maj 2025", "Diarienummer: SBN 2025/1043"]),
    ("lines", ["Karin Ström", "Storgatan 8 B", "745 32 Åsby"]),
]
BAB_DECISION = (
    "Samhällsbyggnadsnämnden avslår din ansökan om bostadsanpassningsbidrag för att byta badkaret mot en "
    "dusch i din lägenhet på Storgatan 8 B."
)
BAB_APPLICATION = (
    "Du ansökte den 2 april 2025 om bidrag för att ta bort badkaret och bygga en dusch. Du skrev att det är "
    "svårt för dig att kliva över badkarskanten efter din höftoperation."
)
BAB_ASSESSMENT = (
    "Vår arbetsterapeut Anders Holm besökte dig den 24 april 2025. Han såg att du redan har en badbräda och "
    "handtag på väggen, som du fick av regionen i mars. Med dem kan du duscha sittande utan att kliva över "
    "kanten. Därför bedömer vi att du kan använda badrummet på ett säkert sätt utan en ombyggnad."
)
BAB_AGAIN = "Om din rörlighet blir sämre kan du ansöka igen. Skicka då med ett nytt intyg från din arbetsterapeut."
BAB_LAW = (
    "Du kan få bidrag för att anpassa din bostad om anpassningen behövs för att du ska kunna använda "
    "bostaden. Det står i 4 § lagen (2018:222) om bostadsanpassningsbidrag."
)
BAB_APPEAL = [
    ("h", "Om du inte är nöjd med beslutet"),
    ("p", "Du kan överklaga beslutet till förvaltningsrätten. Överklagandet ska vara skriftligt. Så här gör du:"),
    ("li", [
        "Skriv vilket beslut du överklagar, gärna med datum och diarienummer.",
        "Skriv varför du tycker att beslutet är fel och hur du vill att vi ändrar det.",
        "Skriv ditt namn, din adress och ditt telefonnummer och skriv under.",
    ]),
    ("p", "Skicka överklagandet till Samhällsbyggnadsnämnden, Åsby kommun, 745 80 Åsby. Vi måste ha fått det "
          "inom tre veckor från den dag du fick beslutet. Om vi inte ändrar beslutet skickar vi överklagandet "
          "vidare till förvaltningsrätten."),
]
BAB_CONTACT = [
    ("h", "Om du har frågor"),
    ("p", "Ring eller mejla mig om du har frågor om beslutet."),
    ("lines", ["Sara Berglund, handläggare", "Telefon: 0570-181 45", "E-post: sara.berglund@asby.se"]),
]
BAB_DECIDED = ("p", "Sara Berglund har fattat beslutet på uppdrag av samhällsbyggnadsnämnden.")
BAB_SIGNATURE = ("lines", ["Med vänlig hälsning", "Sara Berglund", "Handläggare för bostadsanpassning"])


def bab(
    decision=BAB_DECISION,
    before: list | None = None,
    reasons: list | None = None,
    law: list | None = None,
    appeal: list | None = None,
    contact: list | None = None,
    extra: list | None = None,
    ending: list | None = None,
) -> list:
    """Beslut om bostadsanpassningsbidrag (one adverse decision); every part can be swapped."""
    reasons = reasons if reasons is not None else [
        ("h", "Därför har vi beslutat så"), ("p", BAB_APPLICATION), ("p", BAB_ASSESSMENT), ("p", BAB_AGAIN)]
    law = law if law is not None else [("h", "Det här gäller"), ("p", BAB_LAW)]
    return [
        *BAB_LETTERHEAD,
        ("title", "Beslut om bostadsanpassningsbidrag"),
        *(before or []),
        ("h", "Beslut"),
        ("p", decision),
        *reasons,
        *law,
        *(appeal if appeal is not None else BAB_APPEAL),
        *(extra or []),
        *(contact if contact is not None else BAB_CONTACT),
        *(ending if ending is not None else [BAB_DECIDED, BAB_SIGNATURE]),
    ]


LSS_LETTERHEAD = [
    ("lines", ["Åsby kommun", "Vård- och omsorgsförvaltningen", "Myndighetsenheten"]),
    ("lines", ["Datum: 22 april 2025", "Diarienummer: VON 2025/218"]),
    ("lines", ["Elin Grahn", "Källvägen 3", "745 31 Åsby"]),
]
LSS_GRANT = (
    "Socialnämnden beviljar dig ledsagarservice i 12 timmar per månad från den 1 maj 2025 till den "
    "30 april 2026."
)
LSS_REFUSAL = "Socialnämnden avslår din ansökan om ledsagarservice för din resa till Kroatien i juli 2025."
LSS_GRANT_REASONS = [
    ("h", "Därför får du ledsagarservice"),
    ("p", "Du har en intellektuell funktionsnedsättning och behöver stöd när du är ute på egen hand. Du har "
          "berättat att du vill gå på bio, träna på gymmet och träffa dina vänner på fritidsgården. Din mamma "
          "har följt med dig, men hon kan inte längre göra det varje vecka."),
    ("p", "Vi bedömer att du behöver en ledsagare för att kunna göra det du tycker om på fritiden. Därför "
          "beviljar vi dig 12 timmar i månaden. Det räcker till ungefär tre aktiviteter i månaden."),
]
LSS_REFUSAL_REASONS = [
    ("h", "Därför får du inte ledsagarservice för resan till Kroatien"),
    ("p", "Ledsagarservice är ett stöd för att du ska kunna delta i aktiviteter där du bor. En semesterresa "
          "utomlands ingår inte i det stödet. Därför avslår vi den delen av din ansökan."),
    ("p", "Du kan prata med mig om andra sätt att få hjälp under resan, till exempel genom din "
          "fritidsförening."),
]
LSS_LAW = [
    ("h", "Det här gäller"),
    ("p", "Du har rätt till ledsagarservice om du behöver det för att kunna leva som andra. Det står i 7 och "
          "9 §§ lagen (1993:387) om stöd och service till vissa funktionshindrade, LSS."),
]
LSS_APPEAL = [
    ("h", "Om du inte är nöjd med beslutet"),
    ("p", "Du kan överklaga beslutet om resan till förvaltningsrätten. Överklagandet ska vara skriftligt. "
          "Skriv vilket beslut du överklagar, varför du tycker att det är fel och hur du vill att vi ändrar "
          "det. Skriv också ditt namn och ditt telefonnummer och skriv under."),
    ("p", "Skicka överklagandet till socialnämnden, inte till förvaltningsrätten. Vi måste ha fått det inom tre "
          "veckor från den dag du fick beslutet. Om vi inte ändrar beslutet skickar vi överklagandet vidare "
          "till förvaltningsrätten."),
]
LSS_CONTACT = [
    ("h", "Om du har frågor"),
    ("p", "Ring eller mejla mig om du har frågor om beslutet."),
    ("lines", ["Maria Lindqvist, biståndshandläggare", "Telefon: 0570-182 30", "E-post: maria.lindqvist@asby.se"]),
    ("p", "Maria Lindqvist har fattat beslutet på uppdrag av socialnämnden."),
    ("lines", ["Med vänlig hälsning", "Maria Lindqvist", "Biståndshandläggare"]),
]


def lss(grant_reasons: list | None = None, appeal: list | None = None) -> list:
    """Beslut om ledsagarservice: one grant and one refusal, with reasons for each."""
    return [
        *LSS_LETTERHEAD,
        ("title", "Beslut om ledsagarservice"),
        ("h", "Beslut"),
        ("p", LSS_GRANT),
        ("p", LSS_REFUSAL),
        *(grant_reasons if grant_reasons is not None else LSS_GRANT_REASONS),
        *LSS_REFUSAL_REASONS,
        *LSS_LAW,
        *(appeal if appeal is not None else LSS_APPEAL),
        *LSS_CONTACT,
    ]


def lss_plain(appeal: bool = True) -> list:
    """The same letter without any headings: the sections must be found from the content."""
    out = [*LSS_LETTERHEAD, ("p", LSS_GRANT + " " + LSS_REFUSAL)]
    for part in (LSS_GRANT_REASONS, LSS_REFUSAL_REASONS, LSS_LAW, LSS_APPEAL if appeal else [], LSS_CONTACT):
        out.extend(e for e in part if e[0] != "h")
    return out


GLASSES = [
    ("lines", ["Åsby kommun", "Socialförvaltningen", "Enheten för ekonomiskt bistånd"]),
    ("lines", ["Datum: 5 maj 2025", "Diarienummer: SN 2025/877"]),
    ("lines", ["Omar Jalloh", "Parkgatan 14", "745 33 Åsby"]),
    ("title", "Beslut om bistånd till glasögon"),
    ("h", "Beslut"),
    ("p", "Socialnämnden beviljar dig ekonomiskt bistånd med 1 450 kronor till nya glasögon. Pengarna kommer in "
          "på ditt bankkonto senast den 9 maj 2025."),
    ("h", "Därför har vi beslutat så"),
    ("p", "Optikern skriver att din syn har blivit sämre och att du behöver nya glasögon för att kunna läsa. "
          "Glasögonen kostar 1 450 kronor. Du har inga pengar kvar när hyran och maten är betald. Eftersom du "
          "inte kan betala glasögonen själv får du bistånd till dem."),
    ("h", "Det här gäller"),
    ("p", "Du har rätt till bistånd till det du behöver för att leva ett skäligt liv, om du inte kan betala det "
          "själv. Det står i 4 kap. 1 § socialtjänstlagen (2001:453)."),
    ("h", "Om du har frågor"),
    ("p", "Ring eller mejla mig om du har frågor om beslutet."),
    ("lines", ["Jonas Falk, socialsekreterare", "Telefon: 0570-183 12", "E-post: jonas.falk@asby.se"]),
    ("p", "Jonas Falk har fattat beslutet på uppdrag av socialnämnden."),
    ("lines", ["Med vänlig hälsning", "Jonas Falk", "Socialsekreterare"]),
]


def replace(doc: list, old, new) -> list:
    """``doc`` with the element ``old`` (or the first element whose text equals ``old``) replaced by ``new``."""
    out = []
    done = False
    for e in doc:
        if not done and (e == old or (isinstance(old, str) and len(e) == 2 and e[1] == old)):
            out.extend(new if isinstance(new, list) else [new])
            done = True
        else:
            out.append(e)
    if not done:
        raise ValueError(f"not found: {old!r}")
    return out


GENERIC_LAW = (
    "Enligt 4 § lagen (2018:222) om bostadsanpassningsbidrag lämnas bidrag till den enskilde för åtgärder "
    "som behövs för att bostaden ska vara ändamålsenlig för en person med funktionsnedsättning. Av "
    "förarbetena framgår att bidrag endast lämnas för åtgärder som är nödvändiga, och av praxis följer att "
    "bidrag inte lämnas när behovet kan tillgodoses med hjälpmedel. Den sökande ska visa att åtgärden har "
    "samband med funktionsnedsättningen, vilket framgår av 6 § samma lag."
)

# id -> (description, elements, expected structure rules)
DOCUMENTS: dict[str, tuple[str, list, list[str]]] = {
    "bab-bra": ("Avslag på bostadsanpassningsbidrag, alla delar på plats.", bab(), []),
    "bab-ks401-bakgrund-forst": (
        "Bakgrunden kommer före beslutet.",
        bab(before=[("h", "Din ansökan"), ("p", BAB_APPLICATION + " Vår arbetsterapeut besökte dig den 24 april "
                                                  "2025 och tittade på badrummet tillsammans med dig.")],
            reasons=[("h", "Därför har vi beslutat så"), ("p", BAB_ASSESSMENT), ("p", BAB_AGAIN)]),
        ["KS401"],
    ),
    "bab-ks402-ofullstandig": (
        "Beslutsmeningen säger varken vem som beslutar eller vad beslutet gäller.",
        bab(decision="Din ansökan avslås."),
        ["KS402"],
    ),
    "bab-ks402-paragraf": (
        "Beslutsmeningen är full av lagrumshänvisningar.",
        bab(decision="Samhällsbyggnadsnämnden avslår med stöd av 2 och 4 §§ lagen (2018:222) om "
                     "bostadsanpassningsbidrag din ansökan om bidrag för att byta badkaret mot en dusch."),
        ["KS402"],
    ),
    "bab-ks403-utan-samband": (
        "Skälen beskriver ärendet men knyter det aldrig till beslutet.",
        bab(reasons=[("h", "Därför har vi beslutat så"), ("p", BAB_APPLICATION),
                     ("p", "Vår arbetsterapeut Anders Holm besökte dig den 24 april 2025. Han såg att du har en "
                           "badbräda och handtag på väggen, som du fick av regionen i mars."),
                     ("p", BAB_AGAIN)]),
        ["KS403"],
    ),
    "bab-ks405-lagrum-saknas": (
        "Beslutet säger inte vilka bestämmelser det bygger på.",
        bab(law=[]),
        ["KS405"],
    ),
    "bab-ks405-paragraf-utan-lag": (
        "Paragrafen står utan lagens namn.",
        bab(law=[("h", "Det här gäller"), ("p", BAB_LAW.replace("4 § lagen (2018:222) om bostadsanpassningsbidrag",
                                                                "4 §"))]),
        ["KS405"],
    ),
    "bab-ks406-ofullstandig": (
        "Överklagandehänvisningen säger inte vart överklagandet ska skickas, att det ska vara skriftligt, "
        "från vilken dag tiden räknas eller vad det ska innehålla.",
        bab(appeal=[("h", "Om du inte är nöjd med beslutet"),
                    ("p", "Du kan överklaga beslutet hos förvaltningsrätten inom tre veckor.")]),
        ["KS406"],
    ),
    "bab-ks406-saknas": ("Överklagandehänvisningen saknas helt.", bab(appeal=[]), ["KS406"]),
    "bab-ks407-lagtext": (
        "Ett långt stycke återger regler utan att säga vad de betyder för mottagaren.",
        bab(law=[("h", "Det här gäller"), ("p", GENERIC_LAW)]),
        ["KS407"],
    ),
    "bab-ks408-ovrigt": (
        "Rubriken ”Övrigt” säger inte vad avsnittet handlar om.",
        bab(contact=[("h", "Övrigt"), *BAB_CONTACT[1:]]),
        ["KS408"],
    ),
    "bab-ks408-fel-rubrik": (
        "Rubriken ”Lagrum” står över text som inte handlar om lagen.",
        bab(extra=[("h", "Lagrum"), ("p", "Du kan läsa mer om bostadsanpassning och hur du ansöker på kommunens "
                                          "webbplats. Där finns också svar på vanliga frågor.")]),
        ["KS408"],
    ),
    "bab-ks408-tomt-avsnitt": (
        "Rubriken ”Villkor” har ingen text.",
        bab(extra=[("h", "Villkor")]),
        ["KS408"],
    ),
    "bab-ks409-kontakt-saknas": (
        "Ingen kontaktperson och inget sätt att ställa frågor.",
        bab(contact=[]),
        ["KS409"],
    ),
    "bab-ks409-beslutsfattare-saknas": (
        "Det framgår inte vem som har fattat beslutet.",
        bab(contact=[("h", "Om du har frågor"),
                     ("p", "Ring eller mejla oss om du har frågor om beslutet. Telefon: 0570-180 00. "
                           "E-post: bostadsanpassning@asby.se")],
            ending=[("lines", ["Med vänlig hälsning", "Samhällsbyggnadsförvaltningen"])]),
        ["KS409"],
    ),
    "lss-bra": ("Två beslut (bifall och avslag) med skäl för vart och ett.", lss(), []),
    "lss-ks404-skal-saknas": (
        "Två beslut men skäl bara för avslaget.",
        lss(grant_reasons=[]),
        ["KS404"],
    ),
    "lss-utan-rubriker-bra": ("Samma brev helt utan rubriker: avsnitten känns igen på innehållet.", lss_plain(), []),
    "lss-utan-rubriker-ks406": (
        "Brev utan rubriker och utan överklagandehänvisning.",
        lss_plain(appeal=False),
        ["KS406"],
    ),
    "glasogon-bra": (
        "Bifall med belopp och datum; ett gynnande beslut behöver ingen överklagandehänvisning.",
        GLASSES,
        [],
    ),
    "glasogon-ks402-belopp": (
        "Bifall till pengar utan belopp och utan tidpunkt.",
        replace(GLASSES, "Socialnämnden beviljar dig ekonomiskt bistånd med 1 450 kronor till nya glasögon. "
                         "Pengarna kommer in på ditt bankkonto senast den 9 maj 2025.",
                ("p", "Socialnämnden beviljar dig ekonomiskt bistånd till nya glasögon.")),
        ["KS402"],
    ),
}


# ----------------------------------------------------------------------------- rendering


def to_txt(elements: list) -> str:
    parts = []
    for kind, value in elements:
        if kind == "lines":
            parts.append("\n".join(value))
        elif kind == "li":
            parts.append("\n".join(f"- {item}" for item in value))
        else:
            parts.append(value)
    return "\n\n".join(parts) + "\n"


def to_docx(elements: list, bold_headings: bool) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)  # paragraphs apart, as in a real letter (and in its PDF)
    for kind, value in elements:
        if kind == "lines":
            for line in value:
                doc.add_paragraph(line)
        elif kind == "li":
            for item in value:
                doc.add_paragraph(item, style="List Bullet")
        elif kind in ("title", "h"):
            if bold_headings:
                run = doc.add_paragraph().add_run(value)
                run.bold = True
                run.font.size = Pt(14 if kind == "title" else 12)
            else:
                doc.add_heading(value, level=1 if kind == "title" else 2)
        else:
            doc.add_paragraph(value)
    props = doc.core_properties
    props.author = props.last_modified_by = "klarsprak"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.title = next((v for k, v in elements if k == "title"), "")
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def convert_to_pdf(docx_files: list[Path], out_dir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice (LibreOffice) saknas: hoppar över PDF", file=sys.stderr)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(out_dir), *map(str, docx_files)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def manifest() -> dict:
    return {
        "description": (
            "Decisions with each structure defect alone and with every defect fixed (KS401-KS409). "
            "Generated by build.py; `expect` lists the structure rules (KS4xx) that must fire in every "
            "format, and no other KS4xx rule may fire."
        ),
        "formats": {name: f"{name}/<id>.{ext}" for name, ext in FORMATS.items()},
        "documents": [
            {"id": doc_id, "description": desc, "profile": "beslut", "expect": expect}
            for doc_id, (desc, _elements, expect) in DOCUMENTS.items()
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="regenerate every PDF")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF conversion")
    args = ap.parse_args(argv)
    changed_docx: list[Path] = []
    for doc_id, (_desc, elements, _expect) in DOCUMENTS.items():
        write_if_changed(ROOT / "txt" / f"{doc_id}.txt", to_txt(elements).encode("utf-8"))
        styled = ROOT / "docx" / f"{doc_id}.docx"
        if write_if_changed(styled, to_docx(elements, bold_headings=False)) or args.force or not (
            ROOT / "pdf" / f"{doc_id}.pdf"
        ).exists():
            changed_docx.append(styled)
        write_if_changed(ROOT / "docx-fet" / f"{doc_id}.docx", to_docx(elements, bold_headings=True))
    text = "# Generated by corpora/struktur/build.py — do not edit by hand.\n" + yaml.safe_dump(
        manifest(), allow_unicode=True, sort_keys=False, width=110
    )
    write_if_changed(ROOT / "manifest.yaml", text.encode("utf-8"))
    if changed_docx and not args.no_pdf:
        convert_to_pdf(changed_docx, ROOT / "pdf")
    print(f"{len(DOCUMENTS)} dokument; {len(changed_docx)} PDF att göra om")
    return 0


if __name__ == "__main__":
    sys.exit(main())
