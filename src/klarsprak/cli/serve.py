"""``klarsprak serve``: the caseworker's page and the HTTP API on this machine (127.0.0.1:8000)."""

from __future__ import annotations

from pathlib import Path

import click

from klarsprak.cli.options import config_option, load_config
from klarsprak.errors import KlarsprakError

MISSING = "webbservern behöver tilläggen i klarsprak[serve]; installera dem med: pip install 'klarsprak[serve]'"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adressen servern lyssnar på. Standard: bara den här datorn. 0.0.0.0 öppnar för nätverket.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Porten.")
@click.option("--max-mb", default=20.0, show_default=True, type=click.FloatRange(0.01, 500),
              help="Största tillåtna uppladdning i MB.")
@click.option("--no-access-log", is_flag=True, help="Logga inte ens anropen (metod, adress, status).")
@config_option
def command(host: str, port: int, max_mb: float, no_access_log: bool, config_path: Path | None):
    """Starta en webbsida och ett HTTP-API för granskning. Inget sparas och ingen text loggas."""
    try:
        from klarsprak.web.app import Settings
        from klarsprak.web.server import run
    except ImportError:
        raise KlarsprakError(MISSING) from None
    from klarsprak.config import config_for

    config = load_config(config_path) or config_for(None)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("klarsprak: varning: sidan kan nås från nätverket och har ingen inloggning; "
                   "lägg den bakom organisationens proxy med TLS och inloggning", err=True)
    click.echo(f"klarsprak: granskningssidan finns på http://{_shown(host)}:{port}/ (avsluta med Ctrl+C)", err=True)
    run(Settings(config=config, max_mb=max_mb), host=host, port=port, access_log=not no_access_log)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
