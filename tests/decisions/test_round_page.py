"""The round page in the order its readers need: outcome first when decided, a summary with a
Vote link and the ballot first while voting, plain sentences before the method, steps for the
phases the round really had, and no "100 %" for a group that cast no ballots."""

import re

from innovation.decisions import services as rounds
from innovation.extensions import db

from ..home.helpers import decide, ideas_by, open_round, vote


def text_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def words(html: str) -> str:
    """The page's visible words in order, tags dropped and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def steps_of(html: str) -> list[tuple[str, str]]:
    found = re.findall(r'<li class="phase phase-(\w+)"[^>]*>\s*<span class="phase-label">(\w+)</span>', html)
    return [(label, state) for state, label in found]


def test_a_decided_round_leads_with_the_outcome_then_results_then_impact_and_method(client, users):
    pm, author, employee = users("pm"), users("customer"), users("employee")
    ideas = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, ideas)
    vote(author, round_, candidates[0])
    vote(employee, round_, candidates[0])
    decide(pm, round_, candidates, ["adopt", "decline"])

    html = text_of(client, f"/rounds/{round_.id}")
    order = [html.index(f'id="{anchor}-title"') for anchor in ("outcome", "results", "impact", "about")]
    assert order == sorted(order)
    assert html.index('id="outcome-title"') < html.index('id="results-title"')
    page = words(html)
    assert "Adopted: “Photos on job completion”." in page
    # Plain words first; the method's terms only inside the disclosure.
    results = words(html.split('id="results-title"')[1].split('<details class="card method-details"')[0])
    assert "Customers and employees alike backed Photos on job completion most: 100 % of the vote approved it." in (
        results
    )
    assert "Kendall" not in results and "beats" not in page
    method = html.split('<details class="card method-details"')[1].split("</details>")[0]
    assert "Kendall's tau-b" in method and round_.export_sha256 in method
    # Money for people: the impact data's cost in the site's currency.
    assert "€12,000" in page and "12000.0" not in page
    # After close the steps are all done but the last, and no "published when the round closes".
    assert steps_of(html) == [("Draft", "done"), ("Voting", "done"), ("Closed", "done"), ("Decided", "current")]
    assert "Published when the round closes" not in page


def test_an_open_round_puts_a_summary_with_a_vote_link_and_the_ballot_before_the_impact_data(client, users, auth):
    pm, voter = users("pm"), users("customer")
    ideas = ideas_by(voter, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, ideas)
    auth.login(voter.email)
    html = text_of(client, f"/rounds/{round_.id}")
    vote_link = html.index('href="#ballot">Vote</a>')
    assert vote_link < html.index('id="ballot"') < html.index('id="impact-title"') < html.index('id="results-title"')
    assert "Open for voting." in words(html) and "Voting closes" in words(html)
    # Each choice shows its key impact figures beside it.
    choice = html.split(f'<label for="approve-{candidates[0].id}">')[1].split("</label>")[0]
    assert "cost €12,000 · benefit €30,000 a year · 4 weeks of work" in words(choice)
    # A round that went straight from draft to voting has no deliberation step.
    assert steps_of(html) == [("Draft", "done"), ("Voting", "current"), ("Closed", "upcoming"), ("Decided", "upcoming")]

    response = client.post(
        f"/rounds/{round_.id}/ballot",
        data={"approvals": [str(candidates[1].id)], "csrf_token": auth.csrf(f"/rounds/{round_.id}")},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/rounds/{round_.id}?ballot=saved#ballot-saved")
    saved = text_of(client, f"/rounds/{round_.id}?ballot=saved")
    box = words(saved.split('id="ballot-saved"')[1].split(">", 1)[1].split("</div>")[0])
    assert box.startswith("Your ballot is saved. Receipt:")
    assert 'href="#ballot">Change your ballot</a>' in saved


def test_steps_tick_deliberation_only_when_the_round_had_it(client, users, auth):
    pm, author = users("pm"), users("customer")
    ideas = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_ = rounds.create_round(pm, title="Deliberated round", method="ranked")
    for idea in ideas:
        rounds.add_candidate(pm, round_.id, idea.id, {"cost": 1000, "annual_benefit": 2000})
    db.session.commit()
    auth.login(pm.email)
    draft = steps_of(text_of(client, f"/rounds/{round_.id}"))
    assert draft[:2] == [("Draft", "current"), ("Deliberation", "upcoming")]
    auth.logout()
    rounds.start_deliberation(pm, round_.id)
    rounds.open_round(pm, round_.id)
    db.session.commit()
    assert steps_of(text_of(client, f"/rounds/{round_.id}")) == [
        ("Draft", "done"),
        ("Deliberation", "done"),
        ("Voting", "current"),
        ("Closed", "upcoming"),
        ("Decided", "upcoming"),
    ]


def test_a_group_without_ballots_shows_no_ballots_not_a_percentage(client, users):
    pm, employee, author = users("pm"), users("employee"), users("customer")
    ideas = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, ideas)
    vote(employee, round_, candidates[1])
    decide(pm, round_, candidates, ["decline", "adopt"])
    page = words(text_of(client, f"/rounds/{round_.id}"))
    assert "Only employees voted (customers cast no ballots), so their choice decided the count." in page
    assert "Customers no ballots · Employees 100 %" in page
    assert "Customers 0 %" not in page and "Customers 100 %" not in page
