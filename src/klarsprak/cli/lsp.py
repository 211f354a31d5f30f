"""``klarsprak lsp``: a language server for .md and .txt over standard in/out (for editors)."""

from __future__ import annotations

import click

from klarsprak.cli.options import config_option, load_config, profile_option
from klarsprak.errors import KlarsprakError

MISSING = "språkservern behöver tilläggen i klarsprak[serve]; installera dem med: pip install 'klarsprak[serve]'"


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Tala LSP över standard in/ut (standard; flaggan finns för redigerare som skickar den).")
@profile_option
@click.option("--debounce", default=0.3, show_default=True, type=click.FloatRange(0, 10),
              help="Sekunder att vänta efter en ändring innan texten granskas.")
@config_option
def command(stdio: bool, profile: str | None, debounce: float, config_path):
    """Starta en språkserver (LSP) som granskar .md- och .txt-filer medan du skriver."""
    try:
        from klarsprak.lsp.server import build_server
    except ImportError:
        raise KlarsprakError(MISSING) from None
    chosen = None if profile in (None, "auto") else profile
    build_server(explicit=load_config(config_path), profile=chosen, debounce=debounce).start_io()
