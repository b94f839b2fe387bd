"""Outcome e-mails carry the news itself, made per reader at send time: the summary, and the
decision on each idea the reader wrote, follows or voted for, through the real job and a real
SMTP server. Ballots stay secret: only a reader's own ballot shapes that reader's e-mail."""

import json

import pytest
from sqlalchemy import select

from innovation.extensions import db
from innovation.ideas.services import follow_idea
from innovation.notifications.jobs import send_deliveries
from innovation.notifications.models import Delivery, OutboxEvent
from innovation.notifications.news import vote_line
from innovation.platform.worker import run_worker

from ..decisions.helpers import make_round
from ..ideas.helpers import Api

SUMMARY = "We build the **photo step** first; the rest waits for autumn."
RATIONALE = "It shares most of its work with the winner, so both cost three extra weeks."


def parts(message) -> tuple[str, str]:
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


@pytest.fixture
def decided_round(app, client, users, smtp):
    """Three candidates; one customer votes for the first, one employee for the first two,
    a follower of the third does not vote; the pm adopts two and declines the third."""
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval", ideas=3)
    ideas = [c["idea"] for c in api.get(f"/rounds/{round_id}").get_json()["candidates"]]
    first_voter, second_voter, follower = users("customer"), users("employee"), users("customer")
    follow_idea(follower, ideas[2]["id"])
    db.session.commit()
    api.post(f"/rounds/{round_id}/open")
    assert Api(client, first_voter).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]}).status_code == 200
    second = Api(client, second_voter).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0], cids[1]]})
    assert second.status_code == 200
    api.post(f"/rounds/{round_id}/close")
    published = api.post(
        f"/rounds/{round_id}/outcome",
        json={
            "summary": SUMMARY,
            "decisions": [
                {"candidate_id": cids[0], "decision": "adopt"},
                {"candidate_id": cids[1], "decision": "adopt", "rationale": RATIONALE},
                {"candidate_id": cids[2], "decision": "decline"},
            ],
        },
    )
    assert published.status_code in (200, 201), published.get_json()
    run_worker(app, burst=True, fork=False)  # fan-out, then the e-mail batches
    return {"first": first_voter, "second": second_voter, "follower": follower, "titles": [i["title"] for i in ideas]}


def test_outcome_mail_has_the_summary_and_the_readers_own_decisions(decided_round, smtp):
    titles = decided_round["titles"]
    [mail] = smtp.to(decided_round["first"].email)
    text, html = parts(mail)
    for part in (text, html):
        assert "photo step" in part and "the rest waits for autumn" in part
        assert titles[0] in part and "Adopted" in part and "You voted for it" in part
        # Not about the reader's ideas: left out (the round page has them all).
        assert titles[1] not in part and titles[2] not in part
        assert "2 other ideas were decided in this round as well." in part
    assert "<strong>photo step</strong>" in html and "**" not in text

    [mail] = smtp.to(decided_round["second"].email)
    text, html = parts(mail)
    for part in (text, html):
        assert titles[0] in part and titles[1] in part and part.count("You voted for it") == 2
        assert "not what the vote recommended" in part and RATIONALE in part


def test_a_reader_who_did_not_vote_gets_no_vote_line_and_nobody_elses_ballot(decided_round, smtp):
    titles = decided_round["titles"]
    [mail] = smtp.to(decided_round["follower"].email)
    text, html = parts(mail)
    for part in (text, html):
        assert titles[2] in part and "Declined" in part and "You follow it" in part
        assert "You voted" not in part and "voted for" not in part
        assert titles[0] not in part and titles[1] not in part  # what the others voted for stays theirs
    # The first voter's mail says nothing of the second voter's vote for the second idea.
    first_text, first_html = parts(smtp.to(decided_round["first"].email)[0])
    assert first_text.count("You voted for it") == 1 and titles[1] not in first_html


def test_the_job_takes_ids_stores_no_ballot_and_sends_once(decided_round, smtp, app):
    event = db.session.scalar(select(OutboxEvent).where(OutboxEvent.kind == "outcome_published"))
    assert set(event.payload) == {"round_id", "actor_id"}
    deliveries = list(db.session.scalars(select(Delivery).where(Delivery.event_id == event.id)))
    stored = json.dumps([[d.title, d.url, d.last_error] for d in deliveries])
    assert "approvals" not in stored and "You voted" not in stored
    sent = len(smtp.messages)
    assert send_deliveries([d.id for d in deliveries]) == {"sent": 0}  # every one claimed and sent already
    run_worker(app, burst=True, fork=False)
    assert len(smtp.messages) == sent


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ({"approvals": [7, 9]}, "You voted for it"),
        ({"approvals": [9]}, ""),
        ({"ranking": [9, 7, 8]}, "You ranked it 2nd"),
        ({"ranking": [9]}, ""),
        ({"scores": {"7": 4, "9": 1}}, "You gave it 4 out of 5"),
        ({"scores": {"7": 0}}, ""),
        ({}, ""),
    ],
)
def test_the_vote_line_reads_only_the_readers_own_ballot(content, line):
    assert vote_line(content, 7) == line
