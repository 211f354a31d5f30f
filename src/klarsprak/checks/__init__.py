"""Rule families, one module each. Importing this package registers every rule.

Add a family by adding its module here; word lists and patterns live as data in ``rules/``."""

from klarsprak.checks.base import Context, Example, Rule, register, registry  # noqa: F401

# Rule family modules (each registers its rules on import). Keep this list sorted by rule id.
from klarsprak.checks import words  # noqa: F401,E402  KS101-KS108
from klarsprak.checks import sentences  # noqa: F401,E402  KS201-KS208
from klarsprak.checks import tone  # noqa: F401,E402  KS301-KS303
from klarsprak.checks import structure  # noqa: F401,E402  KS401-KS409
from klarsprak.checks import form  # noqa: F401,E402  KS501-KS503
from klarsprak.checks import templates  # noqa: F401,E402  KS601-KS602
from klarsprak.checks import metrics  # noqa: F401,E402  KS701
