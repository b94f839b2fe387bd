"""Serve the app with gunicorn and measure it with wrk on loopback, as ratios to /healthz.

    .venv/bin/python bench/load.py --database-url sqlite:////tmp/bench/innovation.db \
        --redis-url redis://127.0.0.1:6379/14 [--duration 10] [--concurrency 16] [--only vote]

Needs a database filled by `flask bench-seed` and `wrk` on the PATH (Debian: apt-get install wrk).
API tokens for a sample of bench users are created before the run and deleted after it;
gunicorn is always stopped, also on Ctrl-C, and every wrk call has a time limit.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SORTS = ("hot", "top", "new", "rated", "common_ground")

DONE_LUA = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, '
    .. '"p99_us": %d, "non_2xx": %d, "socket_errors": %d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""

# Numbers the wrk threads (`tid`, 0-based) so each can take its own share of the tokens.
THREAD_IDS_LUA = """
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
"""

# Each wrk thread walks its own slice of the tokens round-robin (so no user comes near the
# 60/minute limit) and picks a random idea per request (so most requests insert a support).
VOTE_LUA = (
    THREAD_IDS_LUA
    + """local tokens, ids, n, k = {}, {}, 0, 0
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  for line in io.lines(args[2]) do ids[#ids + 1] = line end
  n = tonumber(args[3])
  math.randomseed(os.time() * 100 + tid)
end
function request()
  local token = tokens[((tid + k * n) % #tokens) + 1]
  k = k + 1
  local path = "/api/v1/ideas/" .. ids[math.random(#ids)] .. "/vote"
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. token}, "")
end
"""
    + DONE_LUA
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--duration", type=int, default=10, help="Seconds measured per endpoint.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of unmeasured load before each.")
    parser.add_argument("--concurrency", type=int, default=16, help="Open connections (wrk -c).")
    parser.add_argument("--client-threads", type=int, default=2, help="wrk threads (wrk -t).")
    parser.add_argument(
        "--client-timeout",
        type=int,
        default=30,
        help="Seconds before wrk counts a request as timed out (and drops it from the latencies).",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=1, help="Threads per gunicorn worker (gthread).")
    parser.add_argument("--tokens", type=int, default=2000, help="API tokens (users) the vote load rotates over.")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="Measure only NAME (repeatable; /healthz is always measured): " + ", ".join(endpoint_names()),
    )
    parser.add_argument("--log-level", default="WARNING", help="The app's LOG_LEVEL inside gunicorn.")
    parser.add_argument("--max-seconds", type=int, default=1200, help="Give up (and clean up) after this.")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(endpoint_names())
    if unknown:
        parser.error(f"unknown endpoint(s) {', '.join(sorted(unknown))}; use {', '.join(endpoint_names())}")
    return args


def endpoint_names() -> list[str]:
    return ["healthz", *(f"ideas-{sort}" for sort in SORTS), "idea-detail", "vote"]


def app_environment(args, instance: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        INSTANCE_PATH=str(instance),
        SECRET_KEY=secrets.token_urlsafe(32),
        LOG_LEVEL=args.log_level,
    )
    return env


def prepare(env: dict[str, str], token_count: int) -> dict:
    """Inside an app context: tokens for a sample of bench users, the ideas to vote on, an idea with
    50 comments, and the size of the data set. Closes every connection before gunicorn starts."""
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "REDIS_URL", "INSTANCE_PATH", "SECRET_KEY")})
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, select

    from bench.seed import EMAIL_DOMAIN, FIFTY
    from innovation import create_app
    from innovation.accounts.models import User
    from innovation.accounts.services import issue_api_token
    from innovation.extensions import db
    from innovation.ideas.models import Comment, Idea
    from innovation.voting.models import Rating, Support

    app = create_app()
    with app.app_context():
        public = (Idea.visibility == "public", Idea.listed.is_(True), Idea.status != "merged")
        detail_id = db.session.scalar(
            select(Idea.id).where(*public, Idea.comment_count == FIFTY).order_by(Idea.id).limit(1)
        )
        if detail_id is None:
            raise SystemExit(f"no public idea with {FIFTY} comments: run `flask bench-seed` first")
        users = list(
            db.session.scalars(
                select(User).where(User.email.like(f"%@{EMAIL_DOMAIN}")).order_by(func.random()).limit(token_count)
            )
        )
        user_ids = [user.id for user in users]
        tokens = [issue_api_token(user, 1) for user in users]
        db.session.commit()
        facts = {
            "dialect": db.engine.dialect.name,
            "ideas": db.session.scalar(select(func.count()).select_from(Idea)),
            "supports": db.session.scalar(select(func.count()).select_from(Support)),
            "ratings": db.session.scalar(select(func.count()).select_from(Rating)),
            "comments": db.session.scalar(select(func.count()).select_from(Comment)),
            "users": db.session.scalar(select(func.count()).select_from(User)),
        }
        vote_ids = list(db.session.scalars(select(Idea.id).where(*public).order_by(func.random()).limit(5000)))
        db.session.remove()
        db.engine.dispose()
    return {
        "tokens": tokens,
        "user_ids": user_ids,
        "vote_ids": vote_ids,
        "detail_id": detail_id,
        "facts": facts,
        "app": app,
    }


def drop_tokens(prepared: dict, since: datetime) -> None:
    from sqlalchemy import delete

    from innovation.accounts.models import ApiToken
    from innovation.extensions import db

    with prepared["app"].app_context():
        db.session.execute(
            delete(ApiToken).where(ApiToken.user_id.in_(prepared["user_ids"]), ApiToken.created_at >= since)
        )
        db.session.commit()
        db.engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(args, env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--graceful-timeout",
        "5",
        "wsgi:app",
    ]
    log = log_path.open("w")
    # Its own session: stopping it signals the whole group (arbiter and workers), nothing else.
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_process_group(process: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM a process started in its own session (and its children), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def fetch(url: str, method: str = "GET", token: str | None = None) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(url, method=method, headers=headers, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_until_up(base: str, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            if fetch(base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f}s")


def worker_cpu_seconds(server: subprocess.Popen) -> float | None:
    """User + system CPU of the gunicorn workers so far (Linux /proc; None elsewhere). Unlike req/s it
    hardly depends on what else the machine runs, so it shows the app's own cost per request."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def settle(base: str, timeout: float = 120) -> None:
    """Wait until the workers are idle: wrk stops with requests still queued in gunicorn (a sync
    worker serves a closed connection's request anyway), and they must not eat the next run."""
    deadline, quick = time.monotonic() + timeout, 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        fetch(base + "/healthz")
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
    if quick < 3:
        print(f"warning: the server was still busy after {timeout:.0f}s", file=sys.stderr)


def run_wrk(args, url: str, script: Path, script_args: list[str], seconds: int) -> dict:
    command = [
        "wrk",
        "-t",
        str(args.client_threads),
        "-c",
        str(args.concurrency),
        "-d",
        f"{seconds}s",
        "--timeout",
        f"{args.client_timeout}s",
        "-s",
        str(script),
        url,
    ]
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + args.client_timeout + 30, check=True
    ).stdout
    line = next((line for line in output.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    result = json.loads(line[len("BENCH ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def plan(prepared: dict, only: list[str]) -> list[tuple[str, str, str]]:
    """(name, label, path) in run order: /healthz first and last."""
    endpoints = [(f"ideas-{sort}", f"GET /ideas?sort={sort}", f"/ideas?sort={sort}") for sort in SORTS]
    endpoints += [
        ("idea-detail", f"GET /ideas/{prepared['detail_id']} (50 comments)", f"/ideas/{prepared['detail_id']}"),
        ("vote", "POST /api/v1/ideas/<id>/vote", "/api/v1/ideas/<id>/vote"),
    ]
    if only:
        endpoints = [endpoint for endpoint in endpoints if endpoint[0] in only]
    return [("healthz", "GET /healthz (first)", "/healthz"), *endpoints, ("healthz", "GET /healthz (last)", "/healthz")]


def check_endpoints(base: str, prepared: dict, steps) -> None:
    """One request each before the load: a failing endpoint must not be measured as fast."""
    for name, label, path in steps:
        if name == "vote":
            status, body = fetch(f"{base}/api/v1/ideas/{prepared['vote_ids'][0]}/vote", "POST", prepared["tokens"][0])
        else:
            status, body = fetch(base + path)
        if status != 200:
            raise SystemExit(f"{label} answered {status}: {body[:500]!r}")


def measure(args, base: str, server: subprocess.Popen, prepared: dict, workdir: Path) -> list[dict]:
    done_script = workdir / "done.lua"
    done_script.write_text(DONE_LUA)
    vote_script = workdir / "vote.lua"
    vote_script.write_text(VOTE_LUA)
    tokens_file, ids_file = workdir / "tokens.txt", workdir / "ids.txt"
    tokens_file.write_text("\n".join(prepared["tokens"]) + "\n")
    ids_file.write_text("\n".join(map(str, prepared["vote_ids"])) + "\n")
    steps = plan(prepared, args.only)
    check_endpoints(base, prepared, steps)
    deadline = time.monotonic() + args.max_seconds
    results = []
    for name, label, path in steps:
        if time.monotonic() + args.warmup + args.duration > deadline:
            print(f"time limit reached; skipping {label}", file=sys.stderr)
            continue
        if name == "vote":
            url, script = base + "/api/v1/ideas/1/vote", vote_script
            script_args = [str(tokens_file), str(ids_file), str(args.client_threads)]
        else:
            url, script, script_args = base + path, done_script, []
        if args.warmup:
            run_wrk(args, url, script, script_args, args.warmup)
            settle(base)
        cpu_before = worker_cpu_seconds(server)
        result = run_wrk(args, url, script, script_args, args.duration)
        settle(base)
        cpu_after = worker_cpu_seconds(server)
        # settle()'s few /healthz requests are noise next to thousands of measured ones
        cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
        result.update(name=name, label=label, cpu_ms=1000 * cpu / max(result["requests"], 1) if cpu else None)
        print(
            f"  {label:<45} {result['rps']:8.1f} req/s  p50 {result['p50_us'] / 1000:7.1f} ms  "
            f"p95 {result['p95_us'] / 1000:7.1f} ms  non-2xx {result['non_2xx']}",
            file=sys.stderr,
        )
        results.append(result)
    return results


def table(results: list[dict]) -> str:
    baseline = [r["rps"] for r in results if r["name"] == "healthz"]
    reference = sum(baseline) / len(baseline)
    lines = [
        "| endpoint | req/s | ratio to /healthz | p50 ms | p95 ms | errors | worker CPU ms/req |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        errors = r["non_2xx"] + r["socket_errors"]
        cpu = "" if r.get("cpu_ms") is None else f"{r['cpu_ms']:.1f}"
        lines.append(
            f"| {r['label']} | {r['rps']:.0f} | {100 * r['rps'] / reference:.1f} % | "
            f"{r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | {errors} | {cpu} |"
        )
    lines.append(f"| /healthz reference (mean of first and last) | {reference:.0f} | 100 % | | | | |")
    return "\n".join(lines)


def git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+local changes" if dirty else "")


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian/Ubuntu: apt-get install wrk)")
    signal.signal(signal.SIGTERM, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="innovation-bench-"))
    env = app_environment(args, workdir / "instance")
    started_at = datetime.now(UTC)
    load_before = os.getloadavg()[0]
    print("preparing tokens and ids ...", file=sys.stderr)
    prepared = prepare(env, args.tokens)
    facts = prepared["facts"]
    server, keep_workdir = None, True
    try:
        port = free_port()
        log_path = workdir / "gunicorn.log"
        server = start_gunicorn(args, env, port, log_path)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, server, log_path)
        print(
            f"serving {facts['dialect']} ({facts['ideas']} ideas, {facts['supports']} supports, "
            f"{facts['comments']} comments) with gunicorn {args.workers}x{args.worker_class}"
            f"/{args.threads} on {base}",
            file=sys.stderr,
        )
        results = measure(args, base, server, prepared, workdir)
        keep_workdir = False
    except KeyboardInterrupt:
        print("interrupted; stopping gunicorn", file=sys.stderr)
        keep_workdir = False
        return 130
    finally:
        if server is not None:
            stop_process_group(server)
        drop_tokens(prepared, started_at)
        if keep_workdir:
            print(f"gunicorn log and wrk scripts kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    summary = (
        f"{facts['dialect']}: {facts['ideas']} ideas, {facts['supports']} supports, {facts['ratings']} "
        f"ratings, {facts['comments']} comments, {facts['users']} users; gunicorn {args.workers} "
        f"{args.worker_class} workers x {args.threads} threads; wrk -t{args.client_threads} "
        f"-c{args.concurrency}, {args.duration}s per endpoint after {args.warmup}s warm-up; "
        f"{os.cpu_count()} CPUs, load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after; "
        f"app {git_revision()}; {started_at:%Y-%m-%d %H:%M} UTC"
    )
    print(summary + "\n\n" + table(results))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "facts": facts, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
