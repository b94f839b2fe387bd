"""Schemathesis against the live app: gunicorn serving the demo data, its own
/api/v1/openapi.json, a visitor and each role, every check on, valid and invalid requests.

Zero failures means: no 500, no response outside its declaration, nothing the document refuses
is accepted, nothing it admits is refused (404 for an unknown id, 409 for a state such as a
closed round being the answers the document gives for those). The rules JSON Schema cannot
state are kept by `schemathesis_hooks` (see there). The cases sent per operation are printed
(`-s` shows them) and every operation must have been called."""

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from innovation.accounts.models import User
from innovation.accounts.services import issue_api_token
from innovation.demo.seed import seed
from innovation.extensions import db

from ..concurrency.conftest import ROOT, GunicornServer

ROLES = ("visitor", "customer", "employee", "pm", "admin")
MAX_EXAMPLES = 15  # per operation and phase; the coverage phase adds its boundary cases

pytestmark = pytest.mark.slow


@pytest.fixture
def live(app, tmp_path):
    seed(ideas=20)  # people of every role, ideas, comments, rounds in each state
    db.session.commit()
    instance = tmp_path / "server-instance"
    instance.mkdir()
    server = GunicornServer(app, instance)
    # Gunicorn's own 4 KiB request-line limit answers longer URLs in HTML before the app sees them:
    # a deployment setting (nginx has its own), not the API's, which bounds every query text itself.
    server.env["GUNICORN_CMD_ARGS"] = "--limit-request-line 0"
    server.start()
    yield server
    server.stop()


def _token(role: str) -> str | None:
    if role == "visitor":
        return None
    person = db.session.scalars(select(User).where(User.role == role).order_by(User.id)).first()
    token = issue_api_token(person, 1)
    db.session.commit()
    return token


def _cases_per_operation(har: Path, document: dict) -> Counter:
    """HAR entries counted by the document's operation (`GET /ideas/{id}`) they were sent to."""
    templates = sorted(document["paths"], key=lambda path: path.count("{"))  # literal paths first
    patterns = [(path, re.compile("^/api/v1" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")) for path in templates]
    counts: Counter = Counter()
    for entry in json.loads(har.read_text())["log"]["entries"]:
        path = "/" + entry["request"]["url"].split("/", 3)[3].split("?", 1)[0]
        method = entry["request"]["method"]
        template = next((name for name, pattern in patterns if pattern.match(path)), path)
        counts[f"{method} {template}"] += 1
    return counts


@pytest.mark.timeout(900)
@pytest.mark.parametrize("role", ROLES)
def test_the_api_keeps_its_document(live, tmp_path, role):
    token = _token(role)
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "run", f"{live.url}/api/v1/openapi.json"),
        *("--checks", "all", "--mode", "all", "--phases", "examples,coverage,fuzzing"),
        *("--max-examples", str(MAX_EXAMPLES), "--workers", "2", "--seed", "20261101"),
        *("--generation-database", "none", "--request-timeout", "60", "--no-color"),
        *("--report", "json,har", "--report-json-path", str(tmp_path / "run.json")),
        *("--report-har-path", str(tmp_path / "requests.har")),
        *(("--header", f"Authorization: Bearer {token}") if token else ()),
    ]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "HYPOTHESIS_STORAGE_DIRECTORY": str(tmp_path / "hypothesis"),
    }
    run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=840)
    output = run.stdout[-20000:] + run.stderr[-5000:]
    report = json.loads((tmp_path / "run.json").read_text())
    document = requests.get(f"{live.url}/api/v1/openapi.json", timeout=30).json()
    counts = _cases_per_operation(tmp_path / "requests.har", document)
    operations = {f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item}
    print(f"\n{role}: {report['test_cases']['generated']} cases generated; requests per operation:")
    for operation in sorted(operations):
        print(f"  {counts[operation]:5d}  {operation}")
    probes = sum(count for operation, count in counts.items() if operation not in operations)
    print(f"  {probes:5d}  undeclared methods (each must answer 405)")

    assert run.returncode == 0 and report["failures"] == [] and report["errors"] == [], output
    assert report["operations"]["tested"] == report["operations"]["total"], output
    # The document's own operation takes no input; schemathesis loads it (above) rather than fuzzing it.
    assert operations - {"GET /openapi.json"} <= set(counts), f"never called: {sorted(operations - set(counts))}"
    assert live.errors() == "", live.errors()
