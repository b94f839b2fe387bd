"""`flask decisions tally|verify FILE`: recompute a round from its ballot export."""

import sys

import click
from flask import Flask
from flask.cli import AppGroup

decisions_cli = AppGroup("decisions", help="Recompute and verify decision rounds from ballot exports.")


def _read_export(path: str) -> dict:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        click.echo(f"Error: cannot read {path}: {exc}", err=True)
        sys.exit(2)


@decisions_cli.command("tally", with_appcontext=False)
@click.argument("file", type=click.Path(dir_okay=False))
def decisions_tally(file):
    """Recompute a round's result from a ballot export FILE; prints the result JSON."""
    from .export import ExportError, canonical_json, recompute

    try:
        result = recompute(_read_export(file))
    except ExportError as exc:
        click.echo(f"Error: {file} is not a valid ballot export: {exc}", err=True)
        sys.exit(2)
    click.echo(canonical_json(result))


@decisions_cli.command("verify", with_appcontext=False)
@click.argument("file", type=click.Path(dir_okay=False))
def decisions_verify(file):
    """Recompute FILE's result and compare it with the one inside; exit 0 if equal, 1 if not."""
    from .export import ExportError, verify_export

    try:
        found = verify_export(_read_export(file))
    except ExportError as exc:
        click.echo(f"Error: {file} is not a valid ballot export: {exc}", err=True)
        sys.exit(2)
    if found:
        click.echo(f"MISMATCH: {len(found)} difference(s) between the file and a fresh recount:")
        for line in found[:50]:
            click.echo(f"  {line}")
        sys.exit(1)
    click.echo("OK: the result in the file matches a fresh recount of its ballots.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(decisions_cli)
