"""Runs the NLP stage and the enabled rules on one document and assembles its result."""

from __future__ import annotations

from klarsprak import language, limits, metrics, nlp, structure, suppressions
from klarsprak.checks.base import Context, Rule, registry
from klarsprak.checks.spans import in_placeholder
from klarsprak.config import Config
from klarsprak.errors import KlarsprakError, LimitError
from klarsprak.findings import DocumentResult, Finding
from klarsprak.model import Document


def active_rules(config: Config, path: str | None) -> list[Rule]:
    ignored = config.ignored_rules_for(path)
    return [r for r in registry().values() if config.rule_enabled(r.id) and r.id not in ignored]


def run(document: Document, config: Config, profile: str | None = None) -> DocumentResult:
    """Check one document; a text that is not Swedish or a run past ``limits.max-seconds`` gives a
    result with a Swedish error instead of findings (see :mod:`klarsprak.language`, :mod:`klarsprak.limits`)."""
    warm_up(config)
    try:
        with limits.time_limit(limits.seconds_for(config)):
            verdict = language.assess(document)
            if not verdict.swedish:
                return _refused(document, verdict.error())
            result = _run(document, config, profile)
    except LimitError as exc:
        return _refused(document, exc.message)
    return _without_foreign_blocks(result, verdict, document)


_warm: set[str] = set()


def warm_up(config: Config) -> None:
    """Run the pipeline once on one sentence, outside any time limit: loading the model, the
    dictionary and the word lists is a cost of the process, not of its first document."""
    if config.backend in _warm:
        return
    _warm.add(config.backend)
    from klarsprak.extract import read_text

    try:
        _run(read_text("Nämnden har beslutat att bevilja din ansökan om bistånd."), config, None)
        from klarsprak.checks.sentences_common import dictionary_lemma

        dictionary_lemma("ansökan")  # simplemma loads its Swedish dictionary (3 s) at first use
    except KlarsprakError:
        raise  # a backend that cannot be loaded: one message for the whole run
    except Exception:  # noqa: BLE001 - a bug shows up (with its message) on the first real document
        pass


def _refused(document: Document, error: str) -> DocumentResult:
    return DocumentResult(
        path=document.path or "<text>", format=document.format, encoding=document.encoding,
        errors=[error], warnings=list(document.warnings), document=document,
    )


def _without_foreign_blocks(result: DocumentResult, verdict, document: Document) -> DocumentResult:
    """Swedish rules say nothing about a translation inside a Swedish document."""
    if verdict.foreign_blocks:
        foreign = set(verdict.foreign_blocks)
        result.findings = [f for f in result.findings if f.location.block not in foreign]
        result.warnings.append(verdict.warning(document))
    return result


def _run(document: Document, config: Config, profile: str | None) -> DocumentResult:
    backend = nlp.load_backend(config.backend)
    analysis = backend.analyse(document, parse=False)
    return run_rules(document, analysis, config, profile, backend)


def run_rules(document: Document, analysis, config: Config, profile: str | None, backend) -> DocumentResult:
    """The rule stage on an analysed document: profile, the parser where a rule asks for it, every
    enabled rule, suppressions, metrics and outline (``benchmarks/rules_speed.py`` times this alone)."""
    # Proper nouns as the tagger saw them: --redact masks the names of persons among them.
    document.meta["proper_nouns"] = [(t.block, t.start, t.end) for t in analysis.tokens if t.upos == "PROPN"]

    chosen = (profile if profile != "auto" else None) or (config.profile if config.profile != "auto" else None)
    shared: dict = {}  # the sections built to detect the profile are the ones the rules read
    if chosen is None:
        chosen = structure.detect_profile(document, analysis, config, shared)
    ctx = Context(document=document, analysis=analysis, config=config, profile=chosen, shared=shared)

    rules = [r for r in active_rules(config, document.path) if r.profiles is None or chosen in r.profiles]
    parsing = [r for r in rules if r.needs_parse]
    if parsing:
        wanted = sorted({s.i for s in analysis.sentences for r in parsing if r.wants_parse(ctx, s)})
        if wanted:
            backend.parse(analysis, wanted)

    findings: list[Finding] = []
    for rule in rules:
        limits.check()  # the cooperative deadline, where no SIGALRM can interrupt (other threads)
        for finding in rule.check(ctx):
            if not rule.on_placeholders and _in_placeholder(ctx, finding):
                continue
            findings.append(finding)
    findings = suppressions.apply(document, findings, active={r.id for r in rules})

    return DocumentResult(
        path=document.path or "<text>",
        format=document.format,
        profile=chosen,
        encoding=document.encoding,
        metrics=dict(ctx.shared.get("metrics") or metrics.compute(analysis)),  # KS701 may have computed them
        findings=_dedupe(sorted(findings, key=Finding.sort_key)),
        warnings=list(document.warnings),
        outline=structure.outline(ctx),
        abbreviations=ctx.shared.get("abbreviations", []),
        backend=backend.info(),
        document=document,
    )


def _in_placeholder(ctx: Context, finding: Finding) -> bool:
    loc = finding.location
    if loc.block < 0:
        return False
    return in_placeholder(ctx.shared, ctx.document.blocks[loc.block], loc.start, loc.end)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.location.block, f.location.start, f.location.end, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
