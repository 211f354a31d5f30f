"""What the structure rules (KS401-KS409) share: the outline of the document, which profiles they run
in (``rules/profiler.yaml``), and a finding on the whole document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from klarsprak.checks.base import Rule
from klarsprak.findings import Category
from klarsprak.structure.profiles import profiles_running
from klarsprak.structure.sections import Structure, structure_of

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context
    from klarsprak.findings import Finding

DECISION_PROFILES = ("beslut", "mall")
MIN_WORDS = 20  # below this a text is a fragment (a pasted sentence), not a letter

# A short example decision the rules' examples vary (plain text, the layout the txt reader expects).
GOOD_DECISION = """Norrviks kommun
Socialförvaltningen

Datum: 3 april 2025
Diarienummer: 2025/533

Beslut om ekonomiskt bistånd

Beslut

Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.

Därför har vi beslutat så

Din sjukpenning är 13 240 kronor i april och dina kostnader är 11 870 kronor. Eftersom din inkomst är högre än dina kostnader kan du betala det du behöver själv.

Det här gäller

Du har rätt till ekonomiskt bistånd om du inte kan försörja dig själv på annat sätt. Det står i 4 kap. 1 § socialtjänstlagen (2001:453).

Om du inte är nöjd med beslutet

Du kan överklaga beslutet till förvaltningsrätten. Skriv vilket beslut du överklagar och hur du vill att vi ändrar det. Skicka överklagandet till socialnämnden. Vi måste ha fått det inom tre veckor från den dag du fick beslutet.

Kontakt

Ring mig om du har frågor om beslutet. Lina Sjöberg, telefon 08-465 004 14.

Med vänlig hälsning
Lina Sjöberg
Socialsekreterare
"""


def decision_variant(*swaps: tuple[str, str]) -> str:
    """GOOD_DECISION with parts swapped: ``decision_variant((old, new), ...)``."""
    text = GOOD_DECISION
    for old, new in swaps:
        if old not in text:
            raise ValueError(f"example text lacks {old!r}")
        text = text.replace(old, new)
    return text


class StructureRule(Rule):
    """A structure rule. ``decision_only``: runs only on documents that state a decision."""

    category = Category.STRUKTUR
    decision_only = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "id" in cls.__dict__:
            cls.profiles = profiles_running(cls.id)

    def structure(self, ctx: "Context") -> Structure:
        return structure_of(ctx)

    def applies(self, ctx: "Context") -> Structure | None:
        """The document's structure, or None when the rule has nothing to say about this document."""
        st = structure_of(ctx)
        if st.words < MIN_WORDS:
            return None  # a fragment, not a document: nothing to say about its structure
        if self.decision_only and not (ctx.profile in DECISION_PROFILES):
            return None
        if self.decision_only and ctx.profile == "mall" and not st.is_decision:
            return None  # a template for a letter, not for a decision
        return st

    def whole_document(self, ctx: "Context", message: str, **kw) -> "Finding":
        return ctx.finding(self, -1, 0, 0, message, **kw)

    def on_heading(self, ctx: "Context", section, message: str, **kw) -> "Finding":
        """A finding on a section's whole heading (what it says about the section under it)."""
        block = section.heading_block
        return ctx.finding(self, block, 0, len(ctx.document.blocks[block].text), message, **kw)
