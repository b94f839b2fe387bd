"""`flask decisions tally|verify FILE`: recompute an export; one altered ballot is caught."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from innovation.decisions.export import canonical_json, digest

from ..ideas.helpers import Api
from .helpers import make_round

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def export_file(client, users, tmp_path):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="ranked", ideas=4)
    api.post(f"/rounds/{round_id}/open")
    orders = [cids, cids[::-1], [cids[2], cids[0]], [cids[1]], [cids[3], cids[2], cids[1]]]
    for n, ranking in enumerate(orders):
        Api(client, users("customer" if n % 2 else "employee")).put(
            f"/rounds/{round_id}/ballot", json={"ranking": ranking}
        )
    api.post(f"/rounds/{round_id}/close")
    path = tmp_path / "round.json"
    path.write_bytes(client.get(f"/api/v1/rounds/{round_id}/ballots.json").get_data())
    return path


def run_cli(*args):
    """The real command line, in a fresh process: what an outside auditor runs.

    In an instance folder of its own: processes of parallel test workers starting at once
    would otherwise race to create the checkout's instance/secret_key."""
    with tempfile.TemporaryDirectory() as instance:
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "decisions", *args],
            cwd=ROOT,
            env=dict(os.environ, INSTANCE_PATH=instance),
            capture_output=True,
            text=True,
            timeout=120,
        )


def test_verify_accepts_the_untouched_file(export_file):
    result = run_cli("verify", str(export_file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


def test_tally_prints_the_same_result(export_file):
    result = run_cli("tally", str(export_file))
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(export_file.read_text())["result"]


def test_verify_names_the_difference_when_one_ballot_is_altered(export_file):
    export = json.loads(export_file.read_text())
    ballot = export["ballots"][0]
    ballot["ranking"] = list(reversed(ballot["ranking"])) if len(ballot["ranking"]) > 1 else []
    export_file.write_text(json.dumps(export))
    result = run_cli("verify", str(export_file))
    assert result.returncode == 1
    assert "MISMATCH" in result.stdout and "result." in result.stdout
    assert "sha256" in result.stdout  # the digest no longer matches the content either


def test_verify_catches_a_resealed_forgery(export_file):
    """Someone alters a ballot and recomputes the digest: the result no longer matches."""
    export = json.loads(export_file.read_text())
    export["ballots"][0]["ranking"] = []
    export["ballots"][1]["constituency"] = (
        "customer" if export["ballots"][1]["constituency"] == "employee" else "employee"
    )
    export["sha256"] = digest(export)
    export_file.write_text(canonical_json(export))
    result = run_cli("verify", str(export_file))
    assert result.returncode == 1 and "result.turnout" in result.stdout


@pytest.mark.parametrize("content", ["not json", "{}", '{"format": "innovation-ballots/1", "round": {}}'])
def test_unreadable_files_exit_2_with_a_message(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = run_cli("verify", str(path))
    assert result.returncode == 2 and "Error" in result.stderr
    assert "Traceback" not in result.stderr


def test_reference_fixture_exports_verify_after_adding_our_result(tmp_path):
    from innovation.decisions.export import recompute

    cases = json.loads((Path(__file__).with_name("tally-reference.json")).read_text())["cases"]
    export = dict(cases[0]["export"])
    export["result"] = recompute(export)
    export["sha256"] = digest(export)
    path = tmp_path / "reference.json"
    path.write_text(json.dumps(export))
    assert run_cli("verify", str(path)).returncode == 0
