"""``klarsprak fix``: safe substitutions, as tracked changes in a Word copy or as a diff/rewrite of text.

- ``klarsprak fix beslut.docx -o beslut.forslag.docx``: a copy with the fixes as tracked changes.
- ``klarsprak fix brev.md --diff``: print a unified diff (the default for .txt/.md); exit 1 when
  there is something to fix, so it can guard a CI step.
- ``klarsprak fix brev.md --write``: apply the fixes to the file itself (the explicit request to
  change it; written atomically, in its own encoding)."""

from __future__ import annotations

from pathlib import Path

import click

from klarsprak.cli.options import config_option, load_config, profile_option
from klarsprak.cli.writing import default_output, lint_for_writeback
from klarsprak.errors import InputError
from klarsprak.writeback.atomic import check_target, write_atomic

WORD = (".docx", ".dotx", ".docm", ".dotm")
TEXT = (".txt", ".text", ".md", ".markdown")


@click.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Kopian med rättningar (Word: standard NAMN.forslag.docx).")
@click.option("--diff", "show_diff", is_flag=True, help="Visa rättningarna som unified diff (.txt/.md).")
@click.option("--write", "write_back", is_flag=True, help="Skriv rättningarna direkt i filen (.txt/.md).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig utfil.")
@profile_option
@config_option
def command(paths, output, show_diff, write_back, force, profile, config_path):
    """Föreslå säkra ersättningar: spårade ändringar i Word, diff eller rättning för text."""
    if output is not None and len(paths) > 1:
        raise click.UsageError("--output går bara med en fil")
    if show_diff and write_back:
        raise click.UsageError("välj antingen --diff eller --write")
    explicit = load_config(config_path)
    changes = False
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in WORD:
            if show_diff or write_back:
                raise click.UsageError("--diff och --write gäller .txt/.md; Word-filer får en kopia med spårade ändringar (-o)")
            _fix_word(path, output, force, profile, explicit)
        elif suffix in TEXT:
            changes |= _fix_text(path, output, write_back, force, profile, explicit)
        else:
            raise InputError("bara .docx/.dotx (spårade ändringar) och .txt/.md (diff eller rättning) kan rättas", str(path))
    raise SystemExit(1 if changes and not write_back and output is None else 0)


def _fix_word(path: Path, output: Path | None, force: bool, profile, explicit) -> None:
    from klarsprak.writeback.tracked import track_fixes

    target = output or default_output(path, "forslag")
    check_target(target, [path], force)
    data, document, result = lint_for_writeback(path, profile, explicit)
    tracked = track_fixes(data, document, result.findings)
    write_atomic(target, tracked.data, inputs=[path], force=force)
    _report_skipped(path, tracked.skipped)
    n = len(tracked.applied)
    click.echo(f"{target}: {n} {'föreslagen ändring' if n == 1 else 'föreslagna ändringar'} som spårade ändringar.", err=True)


def _fix_text(path: Path, output: Path | None, write_back: bool, force: bool, profile, explicit) -> bool:
    from klarsprak.writeback import textfix

    data, document, result = lint_for_writeback(path, profile, explicit)
    fixes = textfix.plan(result)
    _report_skipped(path, fixes.skipped)
    if not fixes.applied:
        click.echo(f"{path}: inga säkra rättningar.", err=True)
        return False
    if output is None and not write_back:
        click.echo(textfix.unified_diff(fixes, path.as_posix()), nl=False)
        return True
    payload = textfix.encode_like(fixes.fixed, fixes.original, data, document.encoding, str(path))
    if write_back:
        write_atomic(path, payload, force=True)  # the user asked for the file itself to change
        target = path
    else:
        write_atomic(output, payload, inputs=[path], force=force)
        target = output
    n = len(fixes.applied)
    click.echo(f"{target}: {n} {'rättning' if n == 1 else 'rättningar'}.", err=True)
    return True


def _report_skipped(path: Path, skipped) -> None:
    for finding, reason in skipped:
        click.echo(f"{path}: {finding.rule} \"{finding.text}\" rättades inte: {reason}", err=True)



