"""``klarsprak rules`` and ``klarsprak explain KSnnn``: the rule catalogue."""

from __future__ import annotations

import click

from klarsprak.errors import KlarsprakError


@click.command("rules")
@click.option("--category", default=None, help="Visa bara en kategori: vardat, enkelt, begripligt, struktur.")
def rules_command(category):
    """Lista alla regler."""
    from klarsprak.checks import registry  # here, not at import: every command imports this module

    for rule in registry().values():
        if category and rule.category.value != category:
            continue
        click.echo(f"{rule.id}  {rule.name:<32} {rule.category.value:<11} {rule.severity.value:<8} {rule.title}")


@click.command("explain")
@click.argument("rule_id")
def explain_command(rule_id):
    """Förklara en regel med exempel, t.ex. 'klarsprak explain KS204'."""
    from klarsprak.checks import registry

    rules = registry()
    rule = rules.get(rule_id.upper()) or next((r for r in rules.values() if r.name == rule_id), None)
    if rule is None:
        raise KlarsprakError(f"det finns ingen regel '{rule_id}'; 'klarsprak rules' listar alla regler")
    click.echo(f"{rule.id} {rule.name} ({rule.category.label}, {rule.severity.value})")
    click.echo(rule.title)
    click.echo("")
    click.echo(rule.explanation)
    if rule.source:
        click.echo(f"Källa: {rule.source}")
    for ex in rule.examples:
        click.echo("")
        click.echo(f"  Krångligt: {ex.bad}")
        click.echo(f"  Bättre:    {ex.good}")


commands = [rules_command, explain_command]
