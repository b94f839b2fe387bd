"""The impact edit form takes amounts as people write them, shows the site's currency next to
each amount, and is prefilled with formatted figures that read back unchanged."""

import re

from innovation.decisions import services as rounds
from innovation.decisions.models import Candidate, ImpactRevision
from innovation.extensions import db

from ..conftest import csrf_from
from ..home.helpers import ideas_by
from .helpers import IMPACT


def _draft_with_candidate(pm, author):
    (idea,) = ideas_by(author, "Photos on job completion")
    round_ = rounds.create_round(pm, title="Spring planning round", method="approval")
    candidate = rounds.add_candidate(pm, round_.id, idea.id, {**IMPACT, "cost": 12000.5, "cost_low": 10000})
    db.session.commit()
    return round_, candidate


def _form(overrides: dict, csrf: str) -> dict:
    base = {
        "cost": "12,000.5",
        "cost_low": "10,000",
        "cost_high": "",
        "annual_benefit": "30,000",
        "benefit_low": "",
        "benefit_high": "",
        "effort_weeks": "4",
        "reach": "800",
        "confidence": "70",
        "risk": "low",
        "sources": "Support tickets, Q3",
        "csrf_token": csrf,
    }
    return {**base, **overrides}


def test_the_form_shows_formatted_amounts_and_the_currency(client, users, auth):
    pm, author = users("pm"), users("customer")
    round_, candidate = _draft_with_candidate(pm, author)
    auth.login(pm.email)
    html = client.get(f"/rounds/{round_.id}/candidates/{candidate.id}/impact").get_data(as_text=True)
    cost = re.search(r'<input[^>]*id="cost"[^>]*>', html).group(0)
    assert 'value="12,000.5"' in cost and 'inputmode="decimal"' in cost and 'type="text"' in cost
    assert 'value="10,000"' in re.search(r'<input[^>]*id="cost_low"[^>]*>', html).group(0)
    assert 'value=""' in re.search(r'<input[^>]*id="cost_high"[^>]*>', html).group(0)
    assert html.count('<span class="amount-currency" aria-hidden="true">€</span>') == 6
    assert "In EUR. Leave empty if not known yet." in html


def test_human_amounts_are_saved_as_numbers_in_the_history(client, users, auth):
    pm, author = users("pm"), users("customer")
    round_, candidate = _draft_with_candidate(pm, author)
    auth.login(pm.email)
    path = f"/rounds/{round_.id}/candidates/{candidate.id}/impact"
    csrf = csrf_from(client.get(path).get_data(as_text=True))
    typed = {"cost": "€15k", "cost_high": "20 000", "annual_benefit": "EUR 1.5m", "benefit_low": "1.234.567,5"}
    form = _form(typed, csrf)
    response = client.post(path, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    saved = db.session.get(Candidate, candidate.id)
    db.session.refresh(saved)
    assert (saved.cost, saved.cost_low, saved.cost_high) == (15000, 10000, 20000)
    assert (saved.annual_benefit, saved.benefit_low) == (1_500_000, 1_234_567.5)
    revision = db.session.query(ImpactRevision).filter_by(candidate_id=candidate.id, version=2).one()
    assert revision.changes["cost"] == [12000.5, 15000]


def test_a_bad_amount_is_shown_on_its_field_and_nothing_changes(client, users, auth):
    pm, author = users("pm"), users("customer")
    round_, candidate = _draft_with_candidate(pm, author)
    auth.login(pm.email)
    path = f"/rounds/{round_.id}/candidates/{candidate.id}/impact"
    csrf = csrf_from(client.get(path).get_data(as_text=True))
    response = client.post(path, data=_form({"cost": "-5k", "annual_benefit": "$30,000"}, csrf))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "“-5k” is negative; amounts are zero or more." in html
    assert "“$30,000” is in USD; amounts here are in EUR." in html
    assert 'value="-5k"' in html  # what was typed stays, to be corrected
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).impact_version == 1


def test_an_empty_cost_is_not_known_yet_and_zero_is_an_amount(client, users, auth):
    pm, author = users("pm"), users("customer")
    round_, candidate = _draft_with_candidate(pm, author)
    auth.login(pm.email)
    path = f"/rounds/{round_.id}/candidates/{candidate.id}/impact"
    csrf = csrf_from(client.get(path).get_data(as_text=True))
    assert client.post(path, data=_form({"cost": "", "cost_low": ""}, csrf)).status_code == 302
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).cost is None
    assert client.post(path, data=_form({"cost": "0", "cost_low": ""}, csrf)).status_code == 302
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).cost == 0
