"""Rule family struktur (KS401-KS409): the decision first, a complete decision sentence, reasons,
legal basis, how to appeal, text adapted to the reader, headings, contact and decision-maker.

The rules read the outline from :mod:`klarsprak.structure.sections`; the vocabulary lives in
``rules/rubriker.yaml``, ``rules/beslut.yaml``, ``rules/lagar.yaml`` and ``rules/profiler.yaml``."""

from klarsprak.checks import structure_decision  # noqa: F401  KS401, KS402
from klarsprak.checks import structure_reasons  # noqa: F401  KS403, KS404
from klarsprak.checks import structure_law  # noqa: F401  KS405
from klarsprak.checks import structure_appeal  # noqa: F401  KS406
from klarsprak.checks import structure_text  # noqa: F401  KS407, KS408, KS409
