"""``klarsprak check PATH...``: lint files and folders, print a report, exit 0/1/2."""

from __future__ import annotations

import click

from klarsprak import api, baseline
from klarsprak.cli.options import config_option, first_config, load_config, profile_option
from klarsprak.findings import Report
from klarsprak.report import FORMAT_NAMES, parse_format, write_outputs


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT[:FIL]",
    help=f"Utdataformat: {', '.join(FORMAT_NAMES)}. Kan upprepas, t.ex. --format sarif:ut.sarif --format text.",
)
@click.option("--output", "-o", "output", default=None, help="Skriv rapporten till en fil i stället för till terminalen.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Lägsta allvarlighetsgrad som ger slutkod 1 (standard: error).",
)
@profile_option
@config_option
@click.option("--quiet", "-q", is_flag=True, help="Visa bara fynd och fel, ingen sammanfattning.")
@click.option("--verbose", "-v", is_flag=True, help="Visa förklaringar och mätvärden för varje dokument.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Visa bara fynd som inte finns i baslinjefilen (skapad med 'klarsprak baseline').",
)
@click.option("--redact", is_flag=True, default=None,
              help="Maskera personnummer, namn, telefonnummer, e-post och adresser i rapporten (t.ex. för CI).")
def command(paths, formats, output, fail_on, profile, config_path, quiet, verbose, baseline_path, redact):
    """Granska dokument (.docx, .dotx, .pdf, .txt, .md) och mappar. '-' läser från standard in."""
    for value in formats:
        parse_format(value)  # a misspelt format fails before any file is read
    explicit = load_config(config_path)
    cfg = first_config(paths, explicit)
    known = baseline.load(baseline_path) if baseline_path else None
    report = Report(documents=list(api.lint_paths(paths, profile=profile, config=explicit)))
    options = {"quiet": quiet, "verbose": verbose}
    if known is not None:
        options["baseline"] = baseline.apply(report, known, baseline_path).as_dict()
    if redact or _redact_by_config(report, explicit):
        from klarsprak.redact import Redactor

        redactor = Redactor.for_report(report)
        report = redactor.report(report)
        options = redactor.mask_data(options)
    write_outputs(report, formats or ("text",), output=output, options=options)
    _errors_to_stderr(report, formats, output)
    level = fail_on or cfg.fail_on
    if report.has_errors:
        raise SystemExit(2)
    raise SystemExit(1 if report.fails(level) else 0)


def _redact_by_config(report: Report, explicit) -> bool:
    """``redact = true`` in the config that applies to any of the documents."""
    from klarsprak.config import config_for

    return any((explicit or config_for(d.path if d.path not in ("-", "<text>") else None)).redact for d in report.documents)


def _errors_to_stderr(report: Report, formats, output) -> None:
    """Unreadable files get one line each on standard error unless a text report on the terminal
    already lists them (a report written to a file must not leave the user with a silent exit 2)."""
    text_on_terminal = output is None and any(parse_format(f) == ("text", None) for f in (formats or ("text",)))
    if text_on_terminal:
        return
    for result in report.documents:
        for error in result.errors:
            click.echo(f"klarsprak: fel: {result.path}: {error}", err=True)
