"""30 voters casting and replacing ballots while the pm closes the round four times at once,
against gunicorn with two worker processes: every acknowledged ballot is in the frozen export
with its latest content, every ballot that lost the race got 409, the export verifies, the
turnout (of the results and of the round JSON) equals the export, and the four closes publish one digest."""

import json
import random
import threading
import time

import pytest

from innovation.decisions.export import verify_export
from innovation.decisions.models import Round
from innovation.extensions import db

from ..decisions.helpers import make_round
from .conftest import call, in_parallel, tokens_for

VOTERS = 30


@pytest.mark.slow
def test_acknowledged_ballots_survive_a_racing_close(app, client, users, server):
    pm = users("pm")
    api, round_id, candidates = make_round(client, pm, users, method="approval", ideas=4)
    assert api.post(f"/rounds/{round_id}/open").status_code == 200
    voters = [users("customer" if n % 2 else "employee") for n in range(VOTERS)]
    voter_tokens = tokens_for(voters)
    pm_token = tokens_for([pm])[0]
    acknowledged: dict[int, dict] = {}  # voter index -> (receipt, latest content answered 200)
    outcomes: dict[int, list[int]] = {n: [] for n in range(VOTERS)}
    closing = threading.Event()

    def vote(n: int):
        rng = random.Random(n)

        def run():
            for attempt in range(12):
                if attempt == 4:
                    closing.set()
                content = {"approvals": sorted(rng.sample(candidates, rng.randint(1, len(candidates))))}
                status, body = call(server, "PUT", f"/rounds/{round_id}/ballot", voter_tokens[n], content)
                outcomes[n].append(status)
                if status == 200:
                    acknowledged[n] = {"receipt": body["receipt"], "ballot": content}
                else:
                    assert (status, body["error"]["code"]) == (409, "round_not_open"), body
                    return

        return run

    def close():
        closing.wait(30)
        time.sleep(random.random() / 20)
        return call(server, "POST", f"/rounds/{round_id}/close", pm_token)

    results = in_parallel([vote(n) for n in range(VOTERS)] + [close] * 4)
    closes = results[VOTERS:]
    assert server.errors() == ""
    assert all(status in (200, 409) for status, _ in closes), closes
    assert sum(status == 200 for status, _ in closes) >= 1
    db.session.expire_all()
    round_ = db.session.get(Round, round_id)
    export = json.loads(round_.export_json)
    assert {status_body["export_sha256"] for status, status_body in closes if status == 200} <= {round_.export_sha256}
    by_receipt = {ballot["receipt"]: ballot for ballot in export["ballots"]}
    assert len(by_receipt) == len(acknowledged)
    for n, latest in acknowledged.items():
        stored = by_receipt[latest["receipt"]]
        assert sorted(stored["approvals"]) == latest["ballot"]["approvals"], (n, outcomes[n])
    assert verify_export(export) == []
    status, result = call(server, "GET", f"/rounds/{round_id}/results", pm_token)
    assert status == 200 and result["turnout"]["customer"] + result["turnout"]["employee"] == len(export["ballots"])
    status, round_json = call(server, "GET", f"/rounds/{round_id}", pm_token)
    assert status == 200 and round_json["turnout"]["total"] == len(export["ballots"])
    by_side = {side: sum(b["constituency"] == side for b in export["ballots"]) for side in ("customer", "employee")}
    assert round_json["turnout"] == {**by_side, "total": len(export["ballots"])}
