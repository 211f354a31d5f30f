"""``klarsprak scan DIR...``: a batch scan for template owners; text summary, JSON, HTML report.

Exit codes: 0 no finding at or above the fail level, 1 such findings, 2 a usage error or not a
single document could be read. Unreadable files in a batch are listed (on stderr and in every
output) but do not decide the exit code: a scan of thousands of letters always meets a few."""

from __future__ import annotations

import os
import sys

import click

from klarsprak.cli.options import config_option, first_config, load_config, profile_option
from klarsprak.errors import KlarsprakError, OutputError

FORMATS = ("text", "json")


@click.command("scan")
@click.argument("paths", nargs=-1, required=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Antal parallella processer (standard: antal kärnor).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Sammanfattning som text eller JSON för program.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None, help="Skriv sammanfattningen/JSON till en fil i stället för till terminalen.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None, help="Skriv en HTML-rapport (en fristående fil) hit.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None, help="Mapp för cachen (standard: användarens cachemapp).")
@click.option("--no-cache", is_flag=True, help="Använd ingen cache: granska alla filer på nytt och spara inget.")
@click.option("--scheduler", default=None, metavar="ADRESS", help="Kör på ett Dask-kluster, t.ex. tcp://10.0.0.5:8786 (kräver klarsprak[dask]).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Hur många mallar, formuleringar och dokument sammanfattningen visar.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lägsta allvarlighetsgrad som ger slutkod 1 (standard: error).")
@click.option("--quiet", "-q", is_flag=True, help="Ingen förloppsindikator och inga fel på standard fel.")
@click.option("--redact", is_flag=True, help="Maskera personnummer, namn, telefonnummer och adresser i alla utdata.")
@profile_option
@config_option
def command(paths, jobs, fmt, output, report_path, cache_dir, no_cache, scheduler, top, fail_on, quiet, redact, profile, config_path):
    """Granska alla dokument i mappar parallellt: mallar och dokument rangordnade, återkommande
    standardformuleringar efter påverkan, och en HTML-rapport (--report)."""
    from klarsprak.scan import progress as progress_mod
    from klarsprak.scan.cache import Cache, default_dir
    from klarsprak.scan.outputs import render_text, write_json
    from klarsprak.scan.result import ScanResult
    from klarsprak.scan.runner import ScanSettings, count_files, default_jobs, scan
    from klarsprak.scan.writing import atomic_text, check_output

    if "-" in paths:
        raise KlarsprakError("scan läser filer och mappar, inte standard in; använd 'klarsprak check -' för en text")
    if no_cache and cache_dir:
        raise KlarsprakError("--cache och --no-cache kan inte användas samtidigt; välj det ena")
    for target in (output, report_path):
        if target:
            check_output(target)
    if output and report_path and os.path.abspath(output) == os.path.abspath(report_path):
        raise OutputError("--output och --report pekar på samma fil; ge dem olika namn")
    explicit = load_config(config_path)
    cfg = first_config(paths, explicit)
    settings = ScanSettings(
        jobs=jobs or default_jobs(),
        profile=profile,
        config=explicit,
        cache=None if no_cache else Cache(cache_dir or default_dir()),
        scheduler=scheduler,
        redact=redact,
    )
    bar = None
    if not quiet and progress_mod.enabled():
        bar = progress_mod.Progress(count_files(paths, explicit))

    def on_result(row: dict) -> None:
        if bar is not None:
            bar.advance(row["words"])

    try:
        result = ScanResult.collect(scan(paths, settings), on_result=on_result)
    finally:
        if bar is not None:
            bar.close()
    with result:
        if not quiet:
            for error in result.errors():
                click.echo(f"klarsprak: fel: {error['path']}: {error['message']}", err=True)
            stats = result.stats
            click.echo(
                f"klarsprak: {stats.cached + stats.processed} filer ({stats.cached} från cachen, {stats.processed} granskade)",
                err=True,
            )
        if report_path:
            from klarsprak.scan.html_report import write_report

            with atomic_text(report_path, result.spool.paths()) as fh:
                write_report(result, fh)
        if fmt == "json":
            _emit(output, result, lambda fh: write_json(result, fh, top=max(top, 100)))
        else:
            _emit(output, result, lambda fh: fh.write(render_text(result, top)))
        totals = result.totals()
        level = fail_on or cfg.fail_on
        failing = _fails(totals, level)
    if totals["documents"] == 0:
        click.echo("klarsprak: fel: inga dokument hittades (.docx, .dotx, .pdf, .txt, .md)", err=True)
        raise SystemExit(2)
    if totals["read"] == 0:
        raise SystemExit(2)
    raise SystemExit(1 if failing else 0)


def _fails(totals: dict, level: str) -> bool:
    if level == "never":
        return False
    order = ("info", "warning", "error")
    wanted = order[order.index(level):]
    return any(totals["severity"].get(s, 0) for s in wanted)


def _emit(output, result, write) -> None:
    from klarsprak.scan.writing import atomic_text

    if output:
        with atomic_text(output, result.spool.paths()) as fh:
            write(fh)
    else:
        write(sys.stdout)
        sys.stdout.flush()

