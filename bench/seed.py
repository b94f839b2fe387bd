"""`flask bench-seed`: bulk-insert a large, skewed data set for the load benchmark.

Rows go in through Core `insert(table)` executemany in chunks (never per-row ORM), every
phase behind a progress bar. The idea counters are then recomputed from the vote rows with
GROUP BY aggregates and written back with one executemany UPDATE per chunk of ideas; the
ranking columns come from the app's own `derived_scores`, so they match what a live vote
would store.
"""

import random
import time
from datetime import UTC, datetime, timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import bindparam, case, func, insert, literal, select, text, union_all, update

from innovation.accounts.models import User
from innovation.accounts.passwords import hash_password
from innovation.extensions import db
from innovation.ideas.models import Comment, Idea, IdeaTag
from innovation.platform.markdown import render_markdown
from innovation.voting.models import Rating, Support
from innovation.voting.services import derived_scores

from . import words

CHUNK = 5000
EMAIL_DOMAIN = "bench.example"
FIFTY = 50  # the detail-page benchmark wants ideas with exactly this many comments
FIFTY_IDEAS = 5
MAX_COMMENTS_PER_IDEA = 400
SPAN = timedelta(days=730)
ROLE_WEIGHTS = {"customer": 70, "employee": 26, "pm": 3, "admin": 1}
STATUS_WEIGHTS = {"new": 55, "under_review": 15, "planned": 8, "in_progress": 5, "shipped": 10, "declined": 7}
COUNT_COLUMNS = (
    "support_customer",
    "support_employee",
    "rating_count_customer",
    "rating_sum_customer",
    "rating_count_employee",
    "rating_sum_employee",
    "favour_customer",
    "engaged_customer",
    "favour_employee",
    "engaged_employee",
)


def _constituency(role: str) -> str:
    return "customer" if role == "customer" else "employee"


def _stamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _bulk_insert(model, rows, total: int, label: str) -> None:
    """Insert an iterable of dicts in chunks of CHUNK, one commit per chunk."""
    statement = insert(model.__table__)
    batch: list[dict] = []
    with click.progressbar(length=total, label=f"{label:<9}", show_pos=True) as bar:
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                db.session.execute(statement, batch)
                db.session.commit()
                bar.update(len(batch))
                batch = []
        if batch:
            db.session.execute(statement, batch)
            db.session.commit()
            bar.update(len(batch))


def _max_id(model) -> int:
    return db.session.scalar(select(func.coalesce(func.max(model.id), 0)))


def _skewed_counts(rng, caps: list[int], total: int, alpha: float) -> list[int]:
    """`total` split over len(caps) items with Pareto weights (a few items get most), capped."""
    total = min(total, sum(caps))
    weights = [rng.paretovariate(alpha) for _ in caps]
    scale = total / sum(weights)
    counts = [min(cap, int(weight * scale)) for weight, cap in zip(weights, caps, strict=True)]
    deficit = total - sum(counts)
    open_items = [i for i, cap in enumerate(caps) if counts[i] < cap]
    while deficit > 0 and open_items:
        i = rng.choice(open_items)
        if counts[i] < caps[i]:
            counts[i] += 1
            deficit -= 1
        else:
            open_items.remove(i)
    return counts


def _users(rng, n: int, now: float, tag: str, password_hash: str):
    roles = rng.choices(list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()), k=n)
    for i, role in enumerate(roles):
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        inside = role != "customer"
        created = _stamp(now - rng.random() * SPAN.total_seconds() * 1.1)
        yield {
            "email": f"bench-{i}.{tag}@{EMAIL_DOMAIN}",
            "name": f"{first} {last}",
            "password_hash": password_hash,
            "role": role,
            "session_version": 1,
            "bio": "",
            "department": rng.choice(words.DEPARTMENTS) if inside else "",
            "title": rng.choice(words.JOB_TITLES) if inside else "",
            "company": "" if inside else f"{rng.choice(words.LAST_NAMES)} {rng.choice(words.COMPANY_SUFFIXES)}",
            "segment": "" if inside else rng.choice(words.SEGMENTS),
            "email_verified_at": created,
            "created_at": created,
        }


def _ideas(rng, plan: list[tuple], bodies: list[tuple[str, str]]):
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=len(plan))
    for (created, author_id, role, visibility, hidden), status in zip(plan, statuses, strict=True):
        body, body_html = rng.choice(bodies)
        yield {
            "title": words.title(rng),
            "body": body,
            "body_html": body_html,
            "visibility": visibility,
            "status": status,
            "author_id": author_id,
            "author_constituency": _constituency(role),
            "created_at": _stamp(created),
            "edited_at": None,
            "listed": not hidden,
            "merged_into_id": None,
            "hidden_at": _stamp(created + 3600) if hidden else None,
            "hidden_reason": "Off-topic (bench data)." if hidden else "",
            **dict.fromkeys(COUNT_COLUMNS, 0),
            "comment_count": 0,
            "support_total": 0,
            "hot_score": 0.0,
            "bayes_score": 0.0,
            "common_ground_score": 0.0,
        }


def _idea_plan(rng, n: int, now: float, users: list[tuple[int, str]], employees: list[tuple[int, str]]):
    """(created_at, author, role, visibility, hidden) per idea, oldest first; recent ideas are denser."""
    ages = sorted((SPAN.total_seconds() * (1 - rng.random() ** 0.6) for _ in range(n)), reverse=True)
    plan = []
    for age in ages:
        visibility = "internal" if rng.random() < 0.10 else "public"
        author_id, role = rng.choice(employees if visibility == "internal" else users)
        plan.append((now - age, author_id, role, visibility, rng.random() < 0.003))
    return plan


def _votes(rng, ideas, counts, pools, now: float, with_value: bool):
    """Unique (idea, user) rows: each idea draws its count of distinct users from its pool."""
    for (idea_id, created, visibility, quality), count in zip(ideas, counts, strict=True):
        if not count:
            continue
        pool = pools[visibility]
        for index in rng.sample(range(len(pool)), count):
            user_id, constituency = pool[index]
            row = {
                "idea_id": idea_id,
                "user_id": user_id,
                "constituency": constituency,
                "created_at": _stamp(created + rng.random() * (now - created)),
            }
            if with_value:
                row["value"] = min(5, max(1, round(rng.gauss(quality, 1.1))))
                row["updated_at"] = row["created_at"]
            yield row


def _comments(rng, ideas, counts, pools, now: float, bodies: list[tuple[str, str]]):
    for (idea_id, created, visibility, _quality), count in zip(ideas, counts, strict=True):
        pool = pools[visibility]
        for stamp in sorted(created + rng.random() * (now - created) for _ in range(count)):
            body, body_html = rng.choice(bodies)
            at = _stamp(stamp)
            yield {
                "idea_id": idea_id,
                "author_id": rng.choice(pool)[0],
                "parent_id": None,
                "body": body,
                "body_html": body_html,
                "created_at": at,
                "edited_at": None,
                "deleted_at": None,
                "hidden_at": None,
                "hidden_reason": "",
            }


def _thread_replies(first_id: int) -> None:
    """Every third new comment answers the comment just before it on the same idea."""
    db.session.execute(
        text(
            "UPDATE comments SET parent_id = (SELECT max(c2.id) FROM comments c2 "
            "WHERE c2.idea_id = comments.idea_id AND c2.id < comments.id AND c2.id > :first) "
            "WHERE id > :first AND id % 3 = 0"
        ),
        {"first": first_id},
    )
    db.session.commit()


def _per_idea(rows, width: int) -> dict[int, dict]:
    result: dict[int, dict] = {}
    for idea_id, constituency, *values in rows:
        result.setdefault(idea_id, {})[constituency] = tuple(int(v or 0) for v in values[:width])
    return result


def recompute_counters() -> int:
    """Every idea's counters from GROUP BY aggregates of the vote rows, ranking columns from
    `derived_scores`, written back with executemany UPDATEs; returns the number of ideas."""
    supports = _per_idea(
        db.session.execute(
            select(Support.idea_id, Support.constituency, func.count()).group_by(Support.idea_id, Support.constituency)
        ),
        1,
    )
    ratings = _per_idea(
        db.session.execute(
            select(Rating.idea_id, Rating.constituency, func.count(), func.sum(Rating.value)).group_by(
                Rating.idea_id, Rating.constituency
            )
        ),
        2,
    )
    # A person counts once per idea; favourable if they support or rate 4+ (as refresh_counters).
    votes = union_all(
        select(Support.idea_id, Support.user_id, Support.constituency, literal(1).label("fav")),
        select(Rating.idea_id, Rating.user_id, Rating.constituency, case((Rating.value >= 4, 1), else_=0).label("fav")),
    ).subquery()
    person = (
        select(votes.c.idea_id, votes.c.constituency, func.max(votes.c.fav).label("fav"))
        .group_by(votes.c.idea_id, votes.c.user_id, votes.c.constituency)
        .subquery()
    )
    engagement = _per_idea(
        db.session.execute(
            select(person.c.idea_id, person.c.constituency, func.sum(person.c.fav), func.count()).group_by(
                person.c.idea_id, person.c.constituency
            )
        ),
        2,
    )
    comments = dict(
        db.session.execute(
            select(Comment.idea_id, func.count())
            .where(Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))
            .group_by(Comment.idea_id)
        ).all()
    )

    table = Idea.__table__
    written = [*COUNT_COLUMNS, "comment_count", "support_total", "hot_score", "bayes_score", "common_ground_score"]
    statement = update(table).where(table.c.id == bindparam("b_id")).values({name: bindparam(name) for name in written})
    ideas = db.session.execute(select(Idea.id, Idea.created_at).order_by(Idea.id)).all()
    with click.progressbar(length=len(ideas), label=f"{'counters':<9}", show_pos=True) as bar:
        for start in range(0, len(ideas), CHUNK):
            batch = []
            for idea_id, created_at in ideas[start : start + CHUNK]:
                s, r, e = supports.get(idea_id, {}), ratings.get(idea_id, {}), engagement.get(idea_id, {})
                counts = {"b_id": idea_id, "comment_count": comments.get(idea_id, 0)}
                for side in ("customer", "employee"):
                    counts[f"support_{side}"] = s.get(side, (0,))[0]
                    counts[f"rating_count_{side}"], counts[f"rating_sum_{side}"] = r.get(side, (0, 0))
                    counts[f"favour_{side}"], counts[f"engaged_{side}"] = e.get(side, (0, 0))
                counts.update(derived_scores(counts, created_at))
                batch.append(counts)
            db.session.execute(statement, batch)
            db.session.commit()
            bar.update(len(batch))
    return len(ideas)


def analyze() -> None:
    """Fresh planner statistics (PostgreSQL also vacuums: the counter UPDATE left a dead copy of every idea)."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE)"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()


@click.command("bench-seed")
@click.option("--ideas", "n_ideas", default=100_000, show_default=True, help="Ideas to create.")
@click.option("--votes", "n_supports", default=1_000_000, show_default=True, help="Supports to create.")
@click.option("--ratings", "n_ratings", default=300_000, show_default=True, help="Ratings to create.")
@click.option("--comments", "n_comments", default=300_000, show_default=True, help="Comments to create.")
@click.option("--users", "n_users", default=20_000, show_default=True, help="Users to create.")
@click.option("--seed", "seed", default=1, show_default=True, help="Random seed (same seed, same data).")
@click.option("--force", is_flag=True, help="Add to a database that already has ideas.")
@with_appcontext
def bench_seed(n_ideas, n_supports, n_ratings, n_comments, n_users, seed, force):
    """Bulk-insert benchmark data: users, ideas, tags, supports, ratings, comments; then recount."""
    existing = db.session.scalar(select(func.count()).select_from(Idea))
    if existing and not force:
        raise click.ClickException(f"the database already has {existing} ideas; use --force to add more")
    rng = random.Random(seed)
    now = time.time()
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal started
        timings[name] = time.perf_counter() - started
        started = time.perf_counter()

    first_user = _max_id(User)
    _bulk_insert(User, _users(rng, n_users, now, f"{seed}x{int(now)}", hash_password(words.PASSWORD)), n_users, "users")
    users = [
        tuple(row)
        for row in db.session.execute(select(User.id, User.role).where(User.id > first_user).order_by(User.id))
    ]
    employees = [user for user in users if user[1] != "customer"]
    pools = {
        "public": [(uid, _constituency(role)) for uid, role in users],
        "internal": [(uid, "employee") for uid, _ in employees],
    }
    phase("users")

    first_idea = _max_id(Idea)
    plan = _idea_plan(rng, n_ideas, now, users, employees)
    bodies = [(body, render_markdown(body)) for body in words.IDEA_BODIES]
    _bulk_insert(Idea, _ideas(rng, plan, bodies), n_ideas, "ideas")
    rows = db.session.execute(
        select(Idea.id, Idea.visibility, Idea.listed).where(Idea.id > first_idea).order_by(Idea.id)
    ).all()
    ideas = [
        (idea_id, created, visibility, rng.uniform(1.8, 4.6))
        for (idea_id, visibility, _listed), (created, *_rest) in zip(rows, plan, strict=True)
    ]
    tags = ({"idea_id": idea[0], "tag": tag} for idea in ideas for tag in rng.sample(words.TAGS, rng.randint(1, 3)))
    _bulk_insert(IdeaTag, tags, 2 * len(ideas), "tags")
    phase("ideas+tags")

    caps = [len(pools[visibility]) for _id, _created, visibility, _q in ideas]
    _bulk_insert(
        Support,
        _votes(rng, ideas, _skewed_counts(rng, caps, n_supports, 1.3), pools, now, False),
        min(n_supports, sum(caps)),
        "supports",
    )
    phase("supports")
    _bulk_insert(
        Rating,
        _votes(rng, ideas, _skewed_counts(rng, caps, n_ratings, 1.4), pools, now, True),
        min(n_ratings, sum(caps)),
        "ratings",
    )
    phase("ratings")

    listed_public = [i for i, row in enumerate(rows) if row[1] == "public" and row[2]]
    fifty = set(rng.sample(listed_public, min(FIFTY_IDEAS, len(listed_public)))) if n_comments >= FIFTY else set()
    others = [i for i in range(len(ideas)) if i not in fifty]
    spread = _skewed_counts(rng, [MAX_COMMENTS_PER_IDEA] * len(others), max(0, n_comments - FIFTY * len(fifty)), 1.5)
    comment_counts = [FIFTY] * len(ideas)
    for i, count in zip(others, spread, strict=True):
        comment_counts[i] = count
    first_comment = _max_id(Comment)
    comment_bodies = [(body, render_markdown(body)) for body in words.COMMENT_BODIES]
    _bulk_insert(
        Comment, _comments(rng, ideas, comment_counts, pools, now, comment_bodies), sum(comment_counts), "comments"
    )
    _thread_replies(first_comment)
    phase("comments")

    total_ideas = recompute_counters()
    phase("counters")
    analyze()
    phase("analyze")

    fifty_ids = sorted(ideas[i][0] for i in fifty)
    click.echo(
        f"Seeded {n_users} users, {len(ideas)} ideas, {min(n_supports, sum(caps))} supports, "
        f"{min(n_ratings, sum(caps))} ratings, {sum(comment_counts)} comments; recounted {total_ideas} ideas."
    )
    click.echo(
        "Timings: "
        + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items())
        + f"; total {sum(timings.values()):.1f}s"
    )
    click.echo(f"Ideas with exactly {FIFTY} comments: {', '.join(map(str, fifty_ids)) or 'none'}")
    click.echo(f"Bench users: *@{EMAIL_DOMAIN}, password {words.PASSWORD!r}")
