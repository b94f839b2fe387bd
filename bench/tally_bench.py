"""Tally and close-round benchmarks (issue targets: 100,000 ballots tallied in ≤ 2 s per
method; closing a round with 100,000 ballots — tally + export + digest — in ≤ 10 s).

    .venv/bin/python bench/tally_bench.py                 # pure tallies
    .venv/bin/python bench/tally_bench.py --close         # + a real close on a scratch database
    DATABASE_URL=postgresql+psycopg://127.0.0.1:5432/bench .venv/bin/python bench/tally_bench.py --close
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from innovation.voting.tally import tally  # noqa: E402

W = {"customer": 0.5, "employee": 0.5}


def constituency(rng) -> str:
    return "customer" if rng.random() < 0.7 else "employee"


def ranked_ballots(rng, n, k):
    ids = list(range(1, k + 1))
    ballots = []
    for _ in range(n):
        order = sorted(ids, key=lambda c: rng.gauss(c % 7, 3))  # correlated preferences, some noise
        ballots.append({"constituency": constituency(rng), "ranking": order[: rng.randint(3, k)]})
    return ballots


def approval_ballots(rng, n, k):
    return [
        {"constituency": constituency(rng), "approvals": sorted(rng.sample(range(1, k + 1), rng.randint(1, 6)))}
        for _ in range(n)
    ]


def score_ballots(rng, n, k):
    return [
        {"constituency": constituency(rng), "scores": {str(c): rng.randint(0, 5) for c in range(1, k + 1)}}
        for _ in range(n)
    ]


def budget_ballots(rng, n, costs, budget):
    ballots = []
    ids = list(costs)
    for _ in range(n):
        chosen, spent = [], 0.0
        for cid in rng.sample(ids, rng.randint(1, 8)):
            if spent + costs[cid] <= budget:
                chosen.append(cid)
                spent += costs[cid]
        ballots.append({"constituency": constituency(rng), "approvals": sorted(chosen)})
    return ballots


def timed(label, func):
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print(f"| {label} | {elapsed:.2f} s |", flush=True)
    return result, elapsed


def pure(n: int, rng) -> None:
    print("| tally | time |\n|---|---|")
    candidates20 = [{"id": c, "cost": 0.0} for c in range(1, 21)]
    ballots = ranked_ballots(rng, n, 20)
    timed(f"ranked (Schulze), {n:,} ballots × 20 candidates", lambda: tally("ranked", candidates20, ballots, W))
    ballots = score_ballots(rng, n, 20)
    timed(f"score, {n:,} ballots × 20 candidates", lambda: tally("score", candidates20, ballots, W))
    ballots = approval_ballots(rng, n, 20)
    timed(f"approval, {n:,} ballots × 20 candidates", lambda: tally("approval", candidates20, ballots, W))
    costs = {c: float(rng.randint(5, 60) * 1000) for c in range(1, 51)}
    budget = 400_000.0
    ballots = budget_ballots(rng, n, costs, budget)
    candidates50 = [{"id": c, "cost": cost} for c, cost in costs.items()]
    result, _ = timed(
        f"budget (MES + completion), {n:,} ballots × 50 candidates",
        lambda: tally("budget", candidates50, ballots, W, budget),
    )
    print(
        f"\nMES funded {len(result['mes_funded'])}, completion {len(result['completion_funded'])}, "
        f"spent {result['spent']:,.0f} of {budget:,.0f}"
    )


def close_with_db(n: int, rng) -> None:
    """Insert n ranked ballots into a real round, then time close_round (tally + export + digest)."""
    import os
    import tempfile

    from sqlalchemy import insert

    from innovation import create_app
    from innovation.config import Config
    from innovation.decisions.ballots import new_receipt
    from innovation.decisions.export import close_round
    from innovation.decisions.models import Ballot, Candidate, Round
    from innovation.extensions import db
    from innovation.ideas.models import Idea

    instance = tempfile.mkdtemp(prefix="tally-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{instance}/bench.db")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    app = create_app(Config(instance))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        from innovation.accounts.actors import SYSTEM
        from innovation.accounts.services import create_user

        pm = create_user(SYSTEM, f"bench-pm-{rng.random()}@example.org", "Bench PM", "bench-password-4471", "pm")
        ideas = [Idea(title=f"Bench candidate {c}", author_id=pm.id, author_constituency="employee") for c in range(20)]
        db.session.add_all(ideas)
        round_ = Round(title="Bench round", method="ranked", status="voting", created_by_id=pm.id)
        db.session.add(round_)
        db.session.flush()
        candidates = [Candidate(round_id=round_.id, idea_id=idea.id, cost=1000.0) for idea in ideas]
        db.session.add_all(candidates)
        db.session.flush()
        cids = [c.id for c in candidates]
        receipts = set()
        while len(receipts) < n:
            receipts.add(new_receipt())
        rows = []
        for index, receipt in enumerate(receipts):
            order = sorted(cids, key=lambda c: rng.gauss(c % 7, 3))[: rng.randint(3, 20)]
            rows.append(
                {
                    "round_id": round_.id,
                    "voter_key": f"{index:064d}",
                    "receipt": receipt,
                    "constituency": constituency(rng),
                    "content": {"ranking": order},
                    "impact_versions": {},
                }
            )
        for start in range(0, n, 10_000):
            db.session.execute(insert(Ballot), rows[start : start + 10_000])
        db.session.commit()
        _, elapsed = timed(
            f"close_round with {n:,} ranked ballots ({db.engine.dialect.name})", lambda: close_round(pm, round_.id)
        )
        db.session.commit()
        print(f"export: {len(round_.export_json) / 1e6:.1f} MB, sha256 {round_.export_sha256[:16]}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--close", action="store_true", help="also time a real close on a scratch database")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pure(args.ballots, rng)
    if args.close:
        print()
        close_with_db(args.ballots, rng)


if __name__ == "__main__":
    main()
