"""Sentence rules (KS201-KS208), one module per concern; importing this module registers them all.

- sentences_length:    KS201 lång mening, KS206 mycket långa ord
- sentences_passive:   KS202 passiv form, KS203 dubbel passiv
- sentences_nominal:   KS204 substantivsjuka (patterns in rules/substantivsjuka.yaml)
- sentences_order:     KS205 krånglig ordföljd (the only rule here that needs the parse)
- sentences_fragments: KS207 meningsfragment
- sentences_negation:  KS208 dubbla negationer (words in rules/negationer.yaml)
Shared helpers (word counting with legal references as one unit, quotations, verb forms) are in
sentences_common.
"""

from klarsprak.checks import (  # noqa: F401  importing registers the rules
    sentences_fragments,
    sentences_length,
    sentences_negation,
    sentences_nominal,
    sentences_order,
    sentences_passive,
)
