"""Search benchmark (issue 6): full reindex rate, the query itself in-process, the search and
similar-ideas API under wrk as ratios to /healthz, and how soon a new idea is searchable.

    .venv/bin/python bench/search_bench.py --backend postgres \
        --database-url postgresql+psycopg://127.0.0.1:5432/bench --redis-url redis://127.0.0.1:6379/9
    .venv/bin/python bench/search_bench.py --backend whoosh --index-dir /tmp/bench-search-index \
        --database-url postgresql+psycopg://127.0.0.1:5432/bench --redis-url redis://127.0.0.1:6379/9

Needs a database filled by `flask bench-seed` (and migrated to 0005_search) and `wrk` on the
PATH. One backend per run (the app reads SEARCH_BACKEND once). Phases, in order (`--phases`):

- reindex: `flask search reindex` as a subprocess (the real command), wall time, documents/s,
  its CPU; Whoosh starts from an empty index directory. PostgreSQL: `VACUUM ANALYZE` of
  `search_documents` afterwards (what autovacuum would do within a minute).
- inprocess: `get_backend().query(...)` exactly as `search_content` calls it (facets and
  highlights, 20 per page), then the whole service (query + loading the rows), then
  `similar_ideas`; p50/p95 over --repeat calls per query after 3 unmeasured ones.
- load: gunicorn (2 sync workers, as bench/load.py) and wrk per endpoint, /healthz first and last.
- freshness: one real `flask worker` process; an idea with a unique word is submitted through
  the service and committed, then the search API is polled every 50 ms until it lists the idea.

Tokens made for the signed-in runs and the freshness ideas are deleted at the end.
"""

import argparse
import json
import os
import resource
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402  (reused: gunicorn start/stop, wrk runs, the table)

# Words the seed really uses (bench/words.py): "invoice" is in many titles and two of the six
# idea bodies (about half of all ideas); "outlook" only in one of 20 title objects; the
# two-word query ANDs a body word with a title word and boosts them adjacent; "invocie" is a
# typo of the common word, so it runs the exact query, finds nothing, and runs the one-typo
# fallback (the worst case: two searches and a vocabulary lookup).
QUERIES = [("common", "invoice"), ("rare", "outlook"), ("two words", "technician routes"), ("typo", "invocie")]
COMMENT_QUERY = ("comments", "spreadsheet")
SIMILAR_TITLES = ["Sync job notes offline on Android phones", "Export all invoices as CSV every week"]

TOKEN_LUA = (
    load.THREAD_IDS_LUA
    + """local tokens, k = {}, 0
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  k = tid * 97
end
function request()
  k = k + 1
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. tokens[(k % #tokens) + 1]})
end
"""
    + load.DONE_LUA
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", required=True, choices=("whoosh", "postgres"))
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--index-dir", default="/tmp/bench-search-index", help="Whoosh index directory.")
    parser.add_argument(
        "--phases",
        default="reindex,inprocess,load,freshness",
        help="Comma-separated subset of reindex,inprocess,load,freshness.",
    )
    parser.add_argument("--repeat", type=int, default=50, help="In-process calls measured per query.")
    parser.add_argument("--duration", type=int, default=8, help="Seconds measured per endpoint.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of unmeasured load before each.")
    parser.add_argument("--concurrency", type=int, default=16, help="Open connections (wrk -c).")
    parser.add_argument("--client-threads", type=int, default=2)
    parser.add_argument("--client-timeout", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--freshness-runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    args = parser.parse_args(argv)
    args.worker_class, args.threads = "sync", 1  # what load.start_gunicorn reads
    args.phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(args.phases) - {"reindex", "inprocess", "load", "freshness"}
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    return args


def environment(args, instance: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        INSTANCE_PATH=str(instance),
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(32),
        LOG_LEVEL="WARNING",
        SEARCH_BACKEND=args.backend,
        SEARCH_INDEX_DIR=args.index_dir,
    )
    return env


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


def ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f}"


# --- reindex -------------------------------------------------------------------------------
def run_reindex(args, env) -> dict:
    if args.backend == "whoosh":
        shutil.rmtree(args.index_dir, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "search", "reindex"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        timeout=3600,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"search reindex failed ({done.returncode}):\n{done.stdout[-2000:]}")
    line = done.stdout.strip().splitlines()[-1]
    print(f"  {line}", file=sys.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"output": line, "wall_s": wall, "cpu_s": cpu}


def index_size(app, args) -> str:
    from sqlalchemy import text

    from innovation.extensions import db

    if args.backend == "whoosh":
        size = sum(f.stat().st_size for f in Path(args.index_dir).rglob("*") if f.is_file())
    else:
        with app.app_context():
            size = db.session.scalar(
                text("SELECT pg_total_relation_size('search_documents') + pg_total_relation_size('search_lexemes')")
            )
            db.session.remove()
    return f"{size / 2**20:.0f} MB"


def vacuum_analyze(app) -> None:
    from sqlalchemy import text

    from innovation.extensions import db

    with app.app_context(), db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) search_documents"))
        connection.execute(text("VACUUM (ANALYZE) search_lexemes"))


# --- in-process ----------------------------------------------------------------------------
def sample_viewers(app) -> dict:
    from sqlalchemy import select

    from innovation.accounts.models import User
    from innovation.extensions import db

    with app.app_context():
        employee = db.session.scalar(
            select(User.id)
            .where(User.email.like("%@bench.example"), User.role == "employee")
            .order_by(User.id)
            .limit(1)
        )
        db.session.remove()
    return {"employee_id": employee}


def timed(function, repeat: int) -> tuple[list[float], object]:
    from innovation.extensions import db

    for _ in range(3):
        result = function()
        db.session.remove()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
        db.session.remove()  # as at the end of a request: the connection goes back to the pool
    return times, result


def run_inprocess(app, args, viewers) -> list[dict]:
    from innovation.accounts.models import User
    from innovation.extensions import db
    from innovation.search.index import SearchRequest, get_backend
    from innovation.search.services import audiences_for, search_content, similar_ideas
    from innovation.search.text import parse_query
    from innovation.search.visibility import visible_rows

    rows = []
    with app.app_context():
        backend = get_backend()
        anonymous = None  # a visitor, as current_viewer() gives it

        def employee():
            return db.session.get(User, viewers["employee_id"])

        cases = [(label, q, "ideas", who) for label, q in QUERIES for who in ("anonymous", "employee")]
        cases.append((COMMENT_QUERY[0], COMMENT_QUERY[1], "comments", "anonymous"))
        for label, q, kind, who in cases:

            def viewer(who=who):
                return anonymous if who == "anonymous" else employee()

            def backend_query(q=q, kind=kind, viewer=viewer):
                request = SearchRequest(
                    kind=kind,
                    query=parse_query(q),
                    audiences=audiences_for(viewer()),
                    offset=0,
                    limit=20,
                    visible=visible_rows(viewer(), kind),
                )
                return backend.query(request)

            def service(q=q, kind=kind, viewer=viewer):
                return search_content(viewer(), q, kind=kind)

            query_times, hits = timed(backend_query, args.repeat)
            service_times, page = timed(service, args.repeat)
            rows.append(
                {
                    "what": f"search {kind} {q!r} ({label}), {who}",
                    "total": hits.total,
                    "corrected": hits.corrected,
                    "returned": len(page.items),
                    "query_p50": percentile(query_times, 50),
                    "query_p95": percentile(query_times, 95),
                    "service_p50": percentile(service_times, 50),
                    "service_p95": percentile(service_times, 95),
                }
            )
            print(
                f"  {rows[-1]['what']:<58} total {hits.total:>6}  query p50 {ms(rows[-1]['query_p50'])} "
                f"p95 {ms(rows[-1]['query_p95'])} ms  service p95 {ms(rows[-1]['service_p95'])} ms",
                file=sys.stderr,
            )
        for title in SIMILAR_TITLES:

            def backend_similar(title=title):
                return backend.similar(title, "", ("public",), limit=5)

            def similar_service(title=title):
                return similar_ideas(anonymous, title)

            query_times, pairs = timed(backend_similar, args.repeat)
            service_times, items = timed(similar_service, args.repeat)
            rows.append(
                {
                    "what": f"similar {title!r}, anonymous",
                    "total": len(pairs),
                    "corrected": False,
                    "returned": len(items),
                    "query_p50": percentile(query_times, 50),
                    "query_p95": percentile(query_times, 95),
                    "service_p50": percentile(service_times, 50),
                    "service_p95": percentile(service_times, 95),
                }
            )
            print(
                f"  {rows[-1]['what']:<58} found {len(pairs):>6}  query p50 {ms(rows[-1]['query_p50'])} "
                f"p95 {ms(rows[-1]['query_p95'])} ms",
                file=sys.stderr,
            )
        db.session.remove()
        db.engine.dispose()
    return rows


def inprocess_table(rows: list[dict]) -> str:
    lines = [
        "| call | matches | backend.query p50 ms | p95 ms | whole service p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        total = f"{r['total']:,}" + (" (typo fixed)" if r["corrected"] else "")
        lines.append(
            f"| {r['what']} | {total} | {ms(r['query_p50'])} | {ms(r['query_p95'])} | "
            f"{ms(r['service_p50'])} | {ms(r['service_p95'])} |"
        )
    return "\n".join(lines)


# --- load ----------------------------------------------------------------------------------
def make_tokens(app, count: int) -> tuple[list[str], list[int]]:
    from sqlalchemy import func, select

    from innovation.accounts.models import User
    from innovation.accounts.services import issue_api_token
    from innovation.extensions import db

    with app.app_context():
        users = list(
            db.session.scalars(
                select(User)
                .where(User.email.like("%@bench.example"), User.role == "employee")
                .order_by(func.random())
                .limit(count)
            )
        )
        tokens = [issue_api_token(user, 1) for user in users]
        ids = [user.id for user in users]
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return tokens, ids


def drop_tokens(app, user_ids: list[int], since: datetime) -> None:
    from sqlalchemy import delete

    from innovation.accounts.models import ApiToken
    from innovation.extensions import db

    with app.app_context():
        db.session.execute(delete(ApiToken).where(ApiToken.user_id.in_(user_ids), ApiToken.created_at >= since))
        db.session.commit()
        db.session.remove()


def search_path(q: str, kind: str = "ideas") -> str:
    return "/api/v1/search?" + urllib.parse.urlencode({"q": q, "type": kind})


def similar_path(title: str) -> str:
    return "/api/v1/ideas/similar?" + urllib.parse.urlencode({"title": title})


# Every request a different URL (an ignored `n` parameter): no shared 5-second answer is ever
# reused, so these rows measure the search itself under load.
UNCACHED_LUA = (
    """
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
local k = 0
function request()
  k = k + 1
  return wrk.format("GET", wrk.path .. "&n=" .. tid .. "-" .. k)
end
"""
    + load.DONE_LUA
)


def run_load(args, base: str, server, tokens: list[str], workdir: Path) -> list[dict]:
    done_script, token_script = workdir / "done.lua", workdir / "token.lua"
    uncached_script = workdir / "uncached.lua"
    done_script.write_text(load.DONE_LUA)
    token_script.write_text(TOKEN_LUA)
    uncached_script.write_text(UNCACHED_LUA)
    tokens_file = workdir / "tokens.txt"
    tokens_file.write_text("\n".join(tokens) + "\n")
    steps = [("healthz", "GET /healthz (first)", "/healthz", False)]
    steps += [
        ("search", f"GET /api/v1/search?q={q} ({label}), anonymous", search_path(q), False) for label, q in QUERIES
    ]
    steps += [
        ("search", f"GET /api/v1/search?q={q} ({label}), employee token", search_path(q), True)
        for label, q in QUERIES[:1]
    ]
    steps += [("similar", f"GET /api/v1/ideas/similar?title={t[:28]}…", similar_path(t), False) for t in SIMILAR_TITLES]
    steps += [
        ("search", f"GET /api/v1/search?q={q} ({label}), uncached", search_path(q), "uncached") for label, q in QUERIES
    ]
    steps += [
        ("similar", f"GET /api/v1/ideas/similar?title={t[:28]}…, uncached", similar_path(t), "uncached")
        for t in SIMILAR_TITLES
    ]
    steps.append(("healthz", "GET /healthz (last)", "/healthz", False))
    for _name, label, path, signed_in in steps:
        status, body = load.fetch(base + path, token=tokens[0] if signed_in is True else None)
        if status != 200:
            raise SystemExit(f"{label} answered {status}: {body[:500]!r}")
    results = []
    for name, label, path, signed_in in steps:
        script, script_args = {True: (token_script, [str(tokens_file)]), "uncached": (uncached_script, [])}.get(
            signed_in, (done_script, [])
        )
        if args.warmup:
            load.run_wrk(args, base + path, script, script_args, args.warmup)
            load.settle(base)
        cpu_before = load.worker_cpu_seconds(server)
        result = load.run_wrk(args, base + path, script, script_args, args.duration)
        load.settle(base)
        cpu_after = load.worker_cpu_seconds(server)
        cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
        result.update(name=name, label=label, cpu_ms=1000 * cpu / max(result["requests"], 1) if cpu else None)
        print(
            f"  {label:<62} {result['rps']:8.1f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  "
            f"p95 {result['p95_us'] / 1000:7.1f} ms  non-2xx {result['non_2xx']}",
            file=sys.stderr,
        )
        results.append(result)
    return results


# --- freshness -----------------------------------------------------------------------------
def start_worker(env, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def unique_word() -> str:
    return "zq" + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))


def run_freshness(app, args, base: str, viewers, env, workdir: Path) -> dict:
    from sqlalchemy import func, select

    from innovation.accounts.models import User
    from innovation.extensions import db
    from innovation.ideas.services import submit_idea
    from innovation.search.models import SearchPending

    worker = start_worker(env, workdir / "worker.log")
    seconds, created = [], []
    try:
        # The worker is up when it has taken the sweeper/ticker's first job or after a fixed wait:
        # a warm-up probe (not counted) makes sure it is consuming the search queue.
        for run in range(args.freshness_runs + 1):
            word = unique_word()
            with app.app_context():
                author = db.session.get(User, viewers["employee_id"])
                idea = submit_idea(
                    author,
                    title=f"Show {word} counters on the dispatch board",
                    body="A bench probe: how soon is a new idea searchable?",
                    tags=["dispatch"],
                )
                db.session.commit()  # the index job is queued after this commit
                committed = time.perf_counter()
                created.append(idea.id)
                db.session.remove()
            found_at = None
            deadline = committed + (120 if run == 0 else 90)
            while time.perf_counter() < deadline:
                status, body = load.fetch(base + search_path(word))
                if status == 200 and any(item["id"] == created[-1] for item in json.loads(body)["items"]):
                    found_at = time.perf_counter() - committed
                    break
                time.sleep(0.05)
            if worker.poll() is not None:
                raise SystemExit(f"the worker exited:\n{(workdir / 'worker.log').read_text()[-3000:]}")
            label = "warm-up" if run == 0 else f"run {run}"
            print(
                f"  freshness {label}: " + (f"{found_at:.2f} s" if found_at is not None else "NOT FOUND in time"),
                file=sys.stderr,
            )
            if run:
                seconds.append(found_at if found_at is not None else float("inf"))
            time.sleep(1)
        with app.app_context():
            pending = db.session.scalar(select(func.count(SearchPending.id)))
            db.session.remove()
    finally:
        load.stop_process_group(worker, timeout=20)
        remove_ideas(app, created)
    return {"seconds": seconds, "median_s": statistics.median(seconds), "max_s": max(seconds), "pending_after": pending}


def remove_ideas(app, ids: list[int]) -> None:
    """The probes go again: rows (with their follows, tags, pending rows) and index documents."""
    from sqlalchemy import delete

    from innovation.extensions import db
    from innovation.ideas.models import Follow, Idea, IdeaTag
    from innovation.search.jobs import index_writer
    from innovation.search.models import SearchPending

    if not ids:
        return
    with app.app_context():
        try:
            db.session.execute(delete(Follow).where(Follow.idea_id.in_(ids)))
            db.session.execute(delete(IdeaTag).where(IdeaTag.idea_id.in_(ids)))
            db.session.execute(
                delete(SearchPending).where(SearchPending.kind == "ideas", SearchPending.ref_id.in_(ids))
            )
            db.session.execute(delete(Idea).where(Idea.id.in_(ids)))
            with index_writer() as backend:
                backend.remove("ideas", ids)
                db.session.commit()
        except Exception as exc:  # noqa: BLE001 - leftovers are 6 ideas among 100k: say so, go on
            db.session.rollback()
            print(f"warning: could not remove the probe ideas {ids}: {exc}", file=sys.stderr)
        db.session.remove()


# --- main ----------------------------------------------------------------------------------
def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    args = parse_args(argv)
    if "load" in args.phases and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian/Ubuntu: apt-get install wrk)")
    if args.backend == "postgres" and not args.database_url.startswith("postgresql"):
        raise SystemExit("the postgres backend needs a PostgreSQL --database-url")
    signal.signal(signal.SIGTERM, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="innovation-search-bench-"))
    env = environment(args, workdir / "instance")
    os.environ.update(
        {
            key: env[key]
            for key in (
                "DATABASE_URL",
                "REDIS_URL",
                "INSTANCE_PATH",
                "SECRET_KEY",
                "SEARCH_BACKEND",
                "SEARCH_INDEX_DIR",
                "LOG_LEVEL",
            )
        }
    )
    from innovation import create_app

    app = create_app()
    started_at = datetime.now(UTC)
    load_before = os.getloadavg()[0]
    report: dict = {"backend": args.backend}
    viewers = sample_viewers(app)

    if "reindex" in args.phases:
        print(f"reindex ({args.backend}) ...", file=sys.stderr)
        report["reindex"] = run_reindex(args, env)
        if args.backend == "postgres":
            started = time.perf_counter()
            vacuum_analyze(app)
            report["reindex"]["vacuum_s"] = time.perf_counter() - started
        report["reindex"]["index_size"] = index_size(app, args)
    if "inprocess" in args.phases:
        print("in-process query timings ...", file=sys.stderr)
        report["inprocess"] = run_inprocess(app, args, viewers)

    server, token_users = None, []
    try:
        if "load" in args.phases or "freshness" in args.phases:
            tokens, token_users = make_tokens(app, 200)
            port = load.free_port()
            server = load.start_gunicorn(args, env, port, workdir / "gunicorn.log")
            base = f"http://127.0.0.1:{port}"
            load.wait_until_up(base, server, workdir / "gunicorn.log")
            if "load" in args.phases:
                print(f"load on {base} ...", file=sys.stderr)
                report["load"] = run_load(args, base, server, tokens, workdir)
            if "freshness" in args.phases:
                print("freshness with one `flask worker` ...", file=sys.stderr)
                report["freshness"] = run_freshness(app, args, base, viewers, env, workdir)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if server is not None:
            load.stop_process_group(server)
        if token_users:
            drop_tokens(app, token_users, started_at)

    summary = (
        f"backend {args.backend}, database {args.database_url.split('@')[-1]}; gunicorn {args.workers} sync "
        f"workers; wrk -t{args.client_threads} -c{args.concurrency}, {args.duration}s per endpoint after "
        f"{args.warmup}s warm-up; {os.cpu_count()} CPUs, load average {load_before:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after; app {load.git_revision()}; {started_at:%Y-%m-%d %H:%M} UTC"
    )
    out = [summary]
    if "reindex" in report:
        r = report["reindex"]
        extra = f", then VACUUM ANALYZE {r['vacuum_s']:.1f} s" if "vacuum_s" in r else ""
        out.append(
            f"\nreindex: {r['output']} Wall {r['wall_s']:.1f} s (with start-up), CPU of the command "
            f"{r['cpu_s']:.1f} s{extra}; index size {r['index_size']}."
        )
    if "inprocess" in report:
        out.append("\n" + inprocess_table(report["inprocess"]))
    if "load" in report:
        out.append("\n" + load.table(report["load"]))
    if "freshness" in report:
        f = report["freshness"]
        out.append(
            f"\nfreshness (commit → listed by /api/v1/search): median {f['median_s']:.2f} s, max "
            f"{f['max_s']:.2f} s over {len(f['seconds'])} ideas ("
            + ", ".join(f"{s:.2f}" for s in f["seconds"])
            + f"); pending rows after: {f['pending_after']}"
        )
    print("\n".join(out))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, **report}, indent=2, default=str))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
