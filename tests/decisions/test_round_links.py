"""Ideas and rounds linked both ways: an idea in a round links to it from its card and its
page ("In round: … — vote until …"), a decided one to the outcome ("Decided in …: adopted"),
and the idea's history says when it entered the round. Only rounds the viewer may see."""

import re

from sqlalchemy import event

from innovation.decisions import services as rounds
from innovation.extensions import db
from innovation.platform.templating import local_time

from ..home.helpers import decide, ideas_by, open_round


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def card_of(html: str, idea_id: int) -> str:
    match = re.search(rf'<article class="card idea-card" id="idea-{idea_id}"[^>]*>.*?</article>', html, re.S)
    assert match, f"no card for idea {idea_id}"
    return match.group(0)


def test_an_idea_in_an_open_round_links_to_it_from_card_and_page(client, users):
    pm, author = users("pm"), users("customer")
    first, second = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, _ = open_round(pm, [first, second], title="Spring planning round")
    until = local_time(round_.closes_at)
    expected = f'In round:</span> <a href="/rounds/{round_.id}">Spring planning round</a> — vote until <time'

    card = card_of(page(client, "/ideas"), first.id)
    assert expected in card and until in card
    detail = page(client, f"/ideas/{first.id}")
    header = detail.split('id="idea-title"')[1].split('class="card idea-body')[0]
    assert expected in header and until in header


def test_the_history_says_when_the_idea_entered_the_round(client, users):
    pm, author = users("pm"), users("customer")
    first, second = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, _ = open_round(pm, [first, second], title="Spring planning round")
    history = page(client, f"/ideas/{first.id}").split('id="status-history-title"')[1].split("</section>")[0]
    assert f'Entered the round <a href="/rounds/{round_.id}">Spring planning round</a>' in history


def test_after_the_outcome_the_idea_links_to_it(client, users):
    pm, author = users("pm"), users("customer")
    first, second = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, [first, second], title="Spring planning round")
    decide(pm, round_, candidates, ["adopt", "defer"])
    decided = (
        f'Decided in</span> <a href="/rounds/{round_.id}#outcome">Spring planning round</a>: '
        '<strong class="decision-adopt">adopted</strong>'
    )

    listing = page(client, "/ideas")
    assert decided in card_of(listing, first.id)
    assert "deferred</strong>" in card_of(listing, second.id)
    detail = page(client, f"/ideas/{first.id}")
    assert decided in detail and "In round:" not in detail
    history = detail.split('id="status-history-title"')[1].split("</section>")[0]
    assert history.index("Entered the round") < history.index("Decided in round")  # oldest first


def test_a_new_round_is_the_one_shown_after_a_deferral(client, users):
    pm, author = users("pm"), users("customer")
    first, second = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    earlier, candidates = open_round(pm, [first, second], title="Spring planning round")
    decide(pm, earlier, candidates, ["defer", "defer"])
    later, _ = open_round(pm, [first, second], title="Autumn planning round")
    card = card_of(page(client, "/ideas"), first.id)
    assert f'<a href="/rounds/{later.id}">Autumn planning round</a>' in card and "Spring" not in card
    history = page(client, f"/ideas/{first.id}").split('id="status-history-title"')[1].split("</section>")[0]
    assert history.index("Spring planning round") < history.index("Autumn planning round")


def test_draft_rounds_are_linked_for_pms_only(client, auth, users):
    pm, author = users("pm"), users("customer")
    idea = ideas_by(author, "Photos on job completion")[0]
    draft = rounds.create_round(pm, title="Quiet draft round", method="approval")
    rounds.add_candidate(pm, draft.id, idea.id)
    db.session.commit()
    assert "Quiet draft round" not in page(client, "/ideas")
    assert "Quiet draft round" not in page(client, f"/ideas/{idea.id}")
    auth.login(author.email)
    assert "Quiet draft round" not in page(client, f"/ideas/{idea.id}")
    auth.logout()
    auth.login(pm.email)
    assert "Quiet draft round</a> — voting has not opened yet" in card_of(page(client, "/ideas"), idea.id)


def statements_for(client, path: str) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page(client, path)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_round_links_cost_one_query_for_the_whole_list(client, users):
    pm, author = users("pm"), users("customer")
    open_round(pm, ideas_by(author, "First idea title", "Second idea title"))
    before = statements_for(client, "/ideas")
    for n in range(3):
        open_round(pm, ideas_by(author, f"Idea {n} number one", f"Idea {n} number two"), title=f"Round number {n}")
    html = page(client, "/ideas")
    assert html.count("data-round-note=") == 8
    assert statements_for(client, "/ideas") == before
