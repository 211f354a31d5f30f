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
def command(paths, formats, output, fail_on, profile, config_path, quiet, verbose, baseline_path):
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
    write_outputs(report, formats or ("text",), output=output, options=options)
    level = fail_on or cfg.fail_on
    if report.has_errors:
        raise SystemExit(2)
    raise SystemExit(1 if report.fails(level) else 0)
