"""The rule engine's contract: what a rule is, what it sees, how it reports.

A rule is an instance of :class:`Rule` registered with :func:`register`. Its ``check`` gets a
:class:`Context` (the document, its analysis, the config) and yields findings made with
``ctx.finding(...)``, which fills in the location from the document model. Rules never import
spaCy: they read :mod:`klarsprak.nlp.types`.

Each rule carries its own bad/good examples; ``tests/test_rule_examples.py`` runs every one, so a
rule whose examples fail cannot ship (the sqlfluff idea: the docs are the tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable, Iterator

from klarsprak.checks.spans import sentence_index  # an index, not a scan: long blocks stay linear
from klarsprak.findings import Category, Finding, Fix, Location, Severity

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.config import Config
    from klarsprak.model import Document
    from klarsprak.nlp.types import Analysis, Sentence, Token


@dataclass(frozen=True, slots=True)
class Example:
    """``bad`` must give at least one finding of the rule; ``good`` must give none.

    ``profile`` is the profile the example is linted with (None: auto-detect)."""

    bad: str
    good: str
    profile: str | None = None


class Rule:
    """Base class. Subclasses set the class attributes and implement :meth:`check`."""

    id: ClassVar[str]  # KS201 — stable forever
    name: ClassVar[str]  # slug, e.g. "lang-mening"
    category: ClassVar[Category]
    severity: ClassVar[Severity] = Severity.WARNING
    title: ClassVar[str]  # one Swedish line: what the rule looks for
    explanation: ClassVar[str]  # Swedish: why it matters
    source: ClassVar[str] = ""  # where the advice comes from (Myndigheternas skrivregler, ...)
    examples: ClassVar[tuple[Example, ...]] = ()
    needs_parse: ClassVar[bool] = False  # True: the dependency parse must be run first
    profiles: ClassVar[frozenset[str] | None] = None  # profiles the rule runs in; None = all
    options: ClassVar[dict] = {}  # default options, overridable in config [tool.klarsprak.rules.KSnnn]
    on_placeholders: ClassVar[bool] = False  # True: the rule may fire on template placeholders (KS602)

    def wants_parse(self, ctx: "Context", sentence: "Sentence") -> bool:
        """For rules with ``needs_parse``: which sentences need the parser (the parser is costly)."""
        return True

    def check(self, ctx: "Context") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def option(self, ctx: "Context", key: str):
        return ctx.config.rule_options(self.id).get(key, self.options[key])

    def describe(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "title": self.title,
            "explanation": self.explanation,
            "source": self.source,
            "examples": [{"bad": e.bad, "good": e.good} for e in self.examples],
        }


_REGISTRY: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: instantiate and register a rule. Ids are unique."""
    rule = cls()
    if rule.id in _REGISTRY:
        raise ValueError(f"rule id {rule.id} registered twice")
    _REGISTRY[rule.id] = rule
    return cls


def register_instance(rule: Rule) -> Rule:
    """Register a rule built from data (e.g. a word list in ``rules/``)."""
    if rule.id in _REGISTRY:
        raise ValueError(f"rule id {rule.id} registered twice")
    _REGISTRY[rule.id] = rule
    return rule


def registry() -> dict[str, Rule]:
    from klarsprak import checks  # noqa: F401 — importing the package registers every family

    return dict(sorted(_REGISTRY.items()))


@dataclass
class Context:
    document: "Document"
    analysis: "Analysis"
    config: "Config"
    profile: str
    shared: dict = field(default_factory=dict)  # per-document cache shared between rules (e.g. sections)

    def tokens_of(self, sentence: "Sentence") -> list["Token"]:
        return self.analysis.sentence_tokens(sentence)

    def is_accepted(self, text: str) -> bool:
        """The organisation's accepted terms: one vocabulary every rule honours (whole tokens)."""
        accepted = self.shared.get("_accepted_lower")
        if accepted is None:  # lower-cased once per document, not once per question
            accepted = self.shared["_accepted_lower"] = frozenset(t.lower() for t in self.config.accepted_terms)
        return bool(accepted) and text.lower() in accepted

    def finding(
        self,
        rule: Rule,
        block: int,
        start: int,
        end: int,
        message: str,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        severity: Severity | None = None,
        sentence: str | None = None,
    ) -> Finding:
        """A finding on ``Block.text[start:end]`` of ``block`` (block -1: the whole document)."""
        location = locate(self.document, block, start, end)
        text = self.document.blocks[block].text[start:end] if block >= 0 else ""
        if sentence is None and block >= 0:
            sentence = self._sentence_around(block, start, end)
        return Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=severity or self.config.severity_for(rule.id, rule.severity),
            message=message,
            text=text,
            location=location,
            suggestions=list(suggestions),
            fix=fix,
            sentence=sentence,
        )

    def block_sentences(self, block: int) -> list["Sentence"]:
        """The sentences of one block, from an index built once per document (not a scan)."""
        index = self.shared.get("_block_sentences")
        if index is None:
            index = {}
            for s in self.analysis.sentences:
                index.setdefault(s.block, []).append(s)
            self.shared["_block_sentences"] = index
        return index.get(block, [])

    def _sentence_around(self, block: int, start: int, end: int) -> str:
        s = sentence_index(self, block).first_holding(start, empty_holds_start=True)
        return s.text if s is not None else self.document.blocks[block].text


def locate(document: "Document", block: int, start: int, end: int) -> Location:
    """A :class:`Location` with line/column, page and docx part filled in from the block's segments."""
    if block < 0 or block >= len(document.blocks):
        return Location(block=-1, start=0, end=0)
    b = document.blocks[block]
    first = b.locate(start)
    last = b.locate(max(start, end - 1))
    line = first.line if first.line is not None else b.place.line
    column = first.column if first.column is not None else None
    end_line = last.line if last.line is not None else line
    end_column = last.column + 1 if last.column is not None else None
    return Location(
        block=block,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        page=first.page if first.page is not None else b.place.page,
        part=b.place.part,
        paragraph=b.place.paragraph,
    )


CheckFunction = Callable[["Context"], Iterator[Finding]]
