"""Rule families, one module each. Importing this package registers every rule.

Add a family by adding its module to the imports below; word lists and patterns live as data in
``rules/`` at the repo root."""

from klarsprak.checks.base import Context, Example, Rule, register, registry  # noqa: F401

# Rule family modules, each registers its rules on import; sorted by rule id.
from klarsprak.checks import words  # noqa: F401,E402  KS101-KS103, KS107, KS108 (word lists)
from klarsprak.checks import abbreviations  # noqa: F401,E402  KS104
from klarsprak.checks import jargon  # noqa: F401,E402  KS105
from klarsprak.checks import rare_words  # noqa: F401,E402  KS106
from klarsprak.checks import sentences  # noqa: F401,E402  KS201-KS208
from klarsprak.checks import tone  # noqa: F401,E402  KS301-KS303
from klarsprak.checks import structure  # noqa: F401,E402  KS401-KS409
from klarsprak.checks import spelling  # noqa: F401,E402  KS501
from klarsprak.checks import consistency  # noqa: F401,E402  KS502
from klarsprak.checks import typography  # noqa: F401,E402  KS503
from klarsprak.checks import templates  # noqa: F401,E402  KS601-KS602
from klarsprak.checks import metrics  # noqa: F401,E402  KS701
