"""`flask search reindex|status`."""

import sys
import time
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db

search_cli = AppGroup("search", help="The search index (Whoosh or PostgreSQL full text).")


@contextmanager
def _bar(kind: str, total: int):
    with click.progressbar(
        length=total, label=f"Indexing {kind:<8}", show_pos=True, show_eta=True, file=sys.stderr
    ) as bar:
        yield bar


@search_cli.command("reindex")
def reindex():
    """Rebuild the search index from the database, with a progress bar."""
    from .jobs import IndexBusy, index_pending, rebuild_index

    started = time.perf_counter()
    try:
        written = rebuild_index(progress_factory=_bar)
        index_pending()  # whatever changed while the rebuild ran
    except IndexBusy as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc}; try again when it has finished") from None
    seconds = time.perf_counter() - started
    documents = sum(written.values())
    click.echo(
        f"Indexed {documents:,} documents ({', '.join(f'{n:,} {k}' for k, n in written.items())}) "
        f"with the {current_app.config['SEARCH_BACKEND']} backend in {seconds:.1f} s "
        f"({documents / max(seconds, 1e-9):,.0f} documents/s)."
    )


@search_cli.command("status")
def status():
    """Documents in the index per kind, and changes still waiting to be indexed."""
    from sqlalchemy import func, select

    from .documents import KINDS
    from .index import get_backend
    from .models import SearchPending

    backend = get_backend()
    click.echo(f"backend: {backend.name}")
    for kind in KINDS:
        click.echo(f"{kind}: {backend.count(kind):,} documents")
    click.echo(f"pending changes: {db.session.scalar(select(func.count(SearchPending.id))):,}")
