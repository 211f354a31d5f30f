"""``klarsprak baseline FILES... -o .klarsprak-baseline.json``: record today's findings.

``klarsprak check --baseline FILE`` then reports only new findings. An existing baseline is
replaced (that is how it is refreshed); any other existing file needs ``--force``."""

from __future__ import annotations

from pathlib import Path

import click

from klarsprak import api, baseline
from klarsprak.cli.options import config_option, load_config, profile_option
from klarsprak.errors import ConfigError, OutputError
from klarsprak.findings import Report
from klarsprak.writeback.atomic import write_atomic

DEFAULT_NAME = ".klarsprak-baseline.json"


@click.command("baseline")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "output", default=DEFAULT_NAME, show_default=True, help="Baslinjefilen som skrivs.")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil som inte är en baslinje.")
@profile_option
@config_option
def command(paths, output, force, profile, config_path):
    """Spara dagens fynd som baslinje, så att 'check --baseline' bara visar nya fynd."""
    explicit = load_config(config_path)
    target = Path(output)
    if target.exists() and not force:
        try:
            baseline.load(target)
        except ConfigError:
            raise OutputError("filen finns redan och är ingen baslinje; välj ett annat namn eller använd --force", output) from None
    report = Report(documents=list(api.lint_paths(paths, profile=profile, config=explicit)))
    for result in report.documents:
        for error in result.errors:
            click.echo(f"klarsprak: fel: {result.path}: {error}", err=True)
    data = baseline.build(report, target)
    inputs = [d.path for d in report.documents]
    write_atomic(target, baseline.dumps(data), inputs=inputs, force=True)
    files = sum(1 for d in report.documents if not d.errors)
    click.echo(f"Baslinjen {output} sparad: {len(data['entries'])} fynd i {files} {'fil' if files == 1 else 'filer'}.", err=True)
    raise SystemExit(2 if report.has_errors else 0)
