"""Index jobs (queue `search`). Requests only record what changed (`search_pending` rows, in
their own transaction); these jobs reload the items and write the index under one Redis lock,
so there is a single writer however many workers run. Safe to run twice."""

import logging
from collections import defaultdict
from contextlib import contextmanager

from sqlalchemy import delete, func, select

from ..extensions import db
from ..platform.db import utcnow
from ..platform.jobs import enqueue_now, get_redis, job
from ..platform.periodic import periodic
from .documents import KINDS, all_ids, comment_ids_of_ideas, count_rows, load_documents
from .index import get_backend
from .models import SearchPending

log = logging.getLogger(__name__)

WRITER_LOCK = "innovation:search:writer"
BATCH = 500
STALE_AFTER = 30  # seconds before the sweeper re-drives pending rows no job took


class IndexBusy(RuntimeError):
    """Another process holds the index writer lock (e.g. a full rebuild): retried later."""


@contextmanager
def index_writer(wait: float = 30):
    lock = get_redis().lock(WRITER_LOCK, timeout=3600, blocking_timeout=wait)
    if not lock.acquire():
        raise IndexBusy("the search index is being written by another process")
    try:
        yield get_backend()
    finally:
        try:
            lock.release()
        except Exception:  # noqa: BLE001 - expired during a very long rebuild: nothing to release
            log.warning("search writer lock had expired")


def _targets(rows) -> dict[str, set[int]]:
    targets: dict[str, set[int]] = defaultdict(set)
    comment_ideas = []
    for row in rows:
        if row.kind == "idea_comments":
            comment_ideas.append(row.ref_id)
        else:
            targets[row.kind].add(row.ref_id)
    if comment_ideas:
        targets["comments"].update(comment_ids_of_ideas(comment_ideas))
    return targets


@job(queue="search")
def index_pending() -> int:
    """Take every pending change into the index; returns how many changes were applied."""
    applied = 0
    while True:
        rows = db.session.execute(
            select(SearchPending.id, SearchPending.kind, SearchPending.ref_id).order_by(SearchPending.id).limit(BATCH)
        ).all()
        if not rows:
            return applied
        with index_writer() as backend:
            for kind, ids in _targets(rows).items():
                for start in range(0, len(ids), BATCH):
                    docs, gone = load_documents(kind, sorted(ids)[start : start + BATCH])
                    backend.add(kind, docs)
                    backend.remove(kind, gone)
            # Exactly the rows read: a change committed meanwhile keeps its own row.
            db.session.execute(delete(SearchPending).where(SearchPending.id.in_([row.id for row in rows])))
            db.session.commit()
        applied += len(rows)


@periodic(every=60)
@job(queue="search")
def sweep_pending() -> bool:
    """Periodic: re-drive changes whose job was lost (Redis was down when they committed)."""
    oldest = db.session.scalar(select(func.min(SearchPending.queued_at)))
    if oldest is None or (utcnow() - oldest).total_seconds() < STALE_AFTER:
        return False
    enqueue_now(index_pending)
    return True


def rebuild_index(progress_factory=None) -> dict[str, int]:
    """Rebuild every kind from the database (the `search reindex` command). Holds the writer
    lock throughout; changes made meanwhile stay pending and are applied right after."""
    written = {}
    with index_writer(wait=600) as backend:
        for kind in KINDS:
            total = count_rows(kind)

            def batches(kind=kind):
                for ids in all_ids(kind):
                    docs, _gone = load_documents(kind, ids)
                    yield docs  # rows nobody references are dropped by the session's weak identity map

            if progress_factory:
                with progress_factory(kind, total) as bar:
                    written[kind] = backend.rebuild(kind, batches(), progress=bar.update)
            else:
                written[kind] = backend.rebuild(kind, batches())
            db.session.commit()
    return written


@job(queue="search", timeout=4 * 3600)
def rebuild_in_background() -> dict[str, int]:
    """The admin page's "Rebuild the index": a full rebuild, then whatever changed meanwhile."""
    written = rebuild_index()
    index_pending()
    log.info("search index rebuilt: %s", written)
    return written
