"""``klarsprak annotate beslut.docx -o beslut.granskad.docx``: the findings as Word comments in a copy."""

from __future__ import annotations

from pathlib import Path

import click

from klarsprak.cli.options import config_option, load_config, profile_option
from klarsprak.cli.writing import lint_for_writeback, default_output
from klarsprak.errors import InputError
from klarsprak.writeback.atomic import check_target, write_atomic


@click.command("annotate")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Kopian med kommentarer (standard: NAMN.granskad.docx bredvid originalet).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig utfil.")
@profile_option
@config_option
def command(path, output, force, profile, config_path):
    """Skriv fynden som Word-kommentarer i en kopia av dokumentet. Originalet ändras aldrig."""
    if path.suffix.lower() not in (".docx", ".dotx", ".docm", ".dotm"):
        raise InputError("bara Word-dokument (.docx, .dotx) kan få kommentarer; använd 'klarsprak check' för andra filer", str(path))
    from klarsprak.writeback.comments import annotate

    target = output or default_output(path, "granskad")
    check_target(target, [path], force)  # before the work, so a refusal is quick
    data, document, result = lint_for_writeback(path, profile, load_config(config_path))
    annotated = annotate(data, document, result.findings)
    write_atomic(target, annotated.data, inputs=[path], force=force)
    gathered = len(annotated.gathered)
    total = len(annotated.anchored) + (1 if gathered else 0)
    note = f" ({gathered} fynd i sidhuvud, sidfot eller hela dokumentet samlade i en kommentar i början)" if gathered else ""
    click.echo(f"{target}: {total} {'kommentar' if total == 1 else 'kommentarer'}{note}.", err=True)
