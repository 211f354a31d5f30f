"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from klarsprak.config import PROFILES, Config, config_for, load_file


def profile_option(f):
    return click.option(
        "--profile",
        type=click.Choice(PROFILES),
        default=None,
        help="Dokumenttyp: beslut, brev, utredning, rapport, mall (standard: känns igen automatiskt).",
    )(f)


def config_option(f):
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Konfigurationsfil (annars söks .klarsprak.toml eller pyproject.toml uppåt från varje fil).",
    )(f)


def load_config(config_path: Path | None) -> Config | None:
    """An explicit config for every file, or None: then each file gets its nearest config."""
    return load_file(config_path) if config_path is not None else None


def first_config(paths: tuple[str, ...], explicit: Config | None) -> Config:
    if explicit is not None:
        return explicit
    return config_for(paths[0] if paths else None)
