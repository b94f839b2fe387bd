"""Worker CPU per `POST /api/v1/ideas/<id>/vote`, in-process, for before/after comparisons.

Runs the real app (Flask test client, the real database and Redis) against a database seeded
by `flask bench-seed`: API tokens for `--users` bench people are written straight into
`api_tokens` (so the script depends on no service name), then `--votes` votes go to random
public ideas, each from the next person in turn, and the process CPU time (user + system) per
vote is reported. Alternate the old and the new tree in one session (`--tree`) so that a
machine that is busier one minute than the next does not decide the comparison:

    .venv/bin/python bench/vote_cpu.py --database-url postgresql+psycopg://127.0.0.1:5432/bench \
        --redis-url redis://127.0.0.1:6379/14 --tree /tmp/before --tree . --rounds 3
"""

import argparse
import hashlib
import json
import os
import secrets
import statistics
import subprocess
import sys
from pathlib import Path


def measure_in_this_process(args) -> dict:
    import random
    import resource
    import time
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from innovation import create_app

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": args.database_url,
            "REDIS_URL": args.redis_url,
            "LOG_LEVEL": "WARNING",
            "SEARCH_BACKEND": "postgres" if args.database_url.startswith("postgresql") else "whoosh",
        }
    )
    rng = random.Random(args.seed)
    with app.app_context():
        from innovation.extensions import db

        people = (
            db.session.execute(
                text("SELECT id FROM users WHERE email LIKE '%@bench.example' ORDER BY id LIMIT :n"), {"n": args.users}
            )
            .scalars()
            .all()
        )
        ideas = (
            db.session.execute(
                text(
                    "SELECT id FROM ideas WHERE visibility = 'public' AND hidden_at IS NULL AND merged_into_id IS NULL "
                    "ORDER BY id LIMIT 5000"
                )
            )
            .scalars()
            .all()
        )
        tokens = []
        expires = datetime.now(UTC) + timedelta(days=1)
        for person in people:
            token = secrets.token_urlsafe(32)
            tokens.append(token)
            db.session.execute(
                text("INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) VALUES (:u, :h, :c, :e)"),
                {"u": person, "h": hashlib.sha256(token.encode()).hexdigest(), "c": datetime.now(UTC), "e": expires},
            )
        db.session.commit()
    client = app.test_client()
    statuses: dict[int, int] = {}
    statements = [0]

    def count_statement(*_args):
        statements[0] += 1

    with app.app_context():
        from sqlalchemy import event

        from innovation.extensions import db as database

        engine = database.engine
    try:
        for index in range(args.warmup):
            client.post(
                f"/api/v1/ideas/{rng.choice(ideas)}/vote",
                headers={"Authorization": f"Bearer {tokens[index % len(tokens)]}"},
            )
        event.listen(engine, "before_cursor_execute", count_statement)
        before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        for index in range(args.votes):
            response = client.post(
                f"/api/v1/ideas/{rng.choice(ideas)}/vote",
                headers={"Authorization": f"Bearer {tokens[index % len(tokens)]}"},
            )
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        event.remove(engine, "before_cursor_execute", count_statement)
        calls = None
        if args.count_calls:  # Python function calls per vote: a measure no busy neighbour can move
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for index in range(args.count_calls):
                client.post(
                    f"/api/v1/ideas/{rng.choice(ideas)}/vote",
                    headers={"Authorization": f"Bearer {tokens[index % len(tokens)]}"},
                )
            profiler.disable()
            calls = round(pstats.Stats(profiler).total_calls / args.count_calls)
    finally:
        with app.app_context():
            digests = [hashlib.sha256(t.encode()).hexdigest() for t in tokens]
            for digest in digests:
                db.session.execute(text("DELETE FROM api_tokens WHERE token_hash = :h"), {"h": digest})
            db.session.commit()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "cpu_ms_per_vote": round(cpu * 1000 / args.votes, 2),
        "wall_ms_per_vote": round(wall * 1000 / args.votes, 2),
        "statements_per_vote": round(statements[0] / args.votes, 2),
        "python_calls_per_vote": calls,
        "statuses": statuses,
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--users", type=int, default=400)
    parser.add_argument("--votes", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--count-calls",
        type=int,
        default=50,
        metavar="N",
        help="Also count Python function calls over N more votes (cProfile; 0 = skip).",
    )
    parser.add_argument(
        "--tree", action="append", default=[], help="A checkout to measure (repeatable; alternated). Default: this one."
    )
    parser.add_argument("--rounds", type=int, default=1, help="How many times each tree is measured.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(measure_in_this_process(args)))
        return 0
    trees = args.tree or [str(Path(__file__).resolve().parent.parent)]
    results: dict[str, list[dict]] = {tree: [] for tree in trees}
    passthrough = [a for a in (argv or sys.argv[1:]) if a not in ("--tree",) and a not in trees]
    passthrough = [
        a for i, a in enumerate(passthrough) if not (a == "--rounds" or (i and passthrough[i - 1] == "--rounds"))
    ]
    for round_number in range(args.rounds):
        for tree in trees:
            script = Path(__file__).resolve()
            env = {**os.environ, "PYTHONPATH": str(Path(tree).resolve())}
            out = subprocess.run(
                [sys.executable, str(script), *passthrough, "--child", "--seed", str(args.seed + round_number)],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
            )
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                return out.returncode
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results[tree].append(result)
            print(f"round {round_number + 1} {tree}: {result}", flush=True)
    for tree, runs in results.items():
        cpu = [r["cpu_ms_per_vote"] for r in runs]
        print(f"{tree}: median CPU {statistics.median(cpu):.2f} ms/vote over {len(cpu)} run(s): {cpu}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
