"""The rules of time and of impact data: a copy that breaks one is refused, naming the row.

Join dates precede activity, an idea's statuses and comments and a round's phases come in order;
each round's candidates fit its theme, and their impact numbers are complete, plausible and their
own. (The other rules are in test_schema.py.)"""

import copy

import pytest

from .helpers import BEST, FIRST, SHIPPED, SSO, XERO, candidate, decided, first, idea, open_round, person, refusal

# Join dates precede activity; an idea's statuses and comments, and a round's phases, come in order.
TIME = [
    (
        "posted before the author joined",
        lambda d: idea(d, "Audit log of who changed a client record and when").update(age_days=130),
        "ideas.yaml: idea #12 ('Audit log of who changed a client record and when'): posting (130 days ago, ",
    ),
    (
        "comment before the commenter joined",
        lambda d: idea(d, SSO)["comments"][1].update(day=1),
        f"idea #4 ({SSO!r}): comment 2 by 'customer6' (130 days ago, ",
    ),
    (
        "supports after the last visit",
        lambda d: idea(d, "Optimise every technician's route for the day with one button")["supporters"].append(
            "customer"
        ),
        "support of 'customer': they were not a member between the posting and their last visit",
    ),
    (
        "comment after the last visit",
        lambda d: idea(d, "Dark mode for the technician app")["comments"][0]["replies"][0].update(day=40),
        "comment 1 reply 1 by 'customer' (1 day ago, ",
    ),
    (
        "status in the future",
        lambda d: first(d).update(status_day=150),
        f"{FIRST}: status 'in_progress' is in the future (the idea is 142 days old)",
    ),
    (
        "statuses out of order",
        lambda d: first(d)["history"][1].update(day=2),
        f"{FIRST}: status 'planned' (140 days ago, ",
    ),
    (
        "a status repeated",
        lambda d: first(d)["history"][1].update(status="under_review"),
        "history: 'under_review' is followed by 'under_review' again",
    ),
    (
        "a new idea with a history",
        lambda d: idea(d, "Dark mode for the technician app").update(status_day=3),
        "a new idea has no `history` or `status_day`: it never changed status",
    ),
    (
        "a reply before its comment",
        lambda d: idea(d, SSO)["comments"][0]["replies"][0].update(day=0) or idea(d, SSO)["comments"][0].update(day=3),
        "comment 1 reply 1 (131 days ago, ",
    ),
    (
        "status set by a pm not yet there",
        lambda d: (
            d["people.yaml"]["people"].append(
                person(d, "pm2") | {"local": "pm3", "name": "Noor Haddad", "joined_days_ago": 50}
            ),
            d["ideas.yaml"]["status_changed_by"].update(invoicing="pm3"),
        ),
        "idea #3 ('Send automatic payment reminders at 7, 14 and 30 days overdue'): "
        "status 'under_review' set by 'pm3' (",
    ),
    (
        "last visit before joining",
        lambda d: person(d, "customer6").update(last_visit_days_ago=200),
        "person #13 ('customer6'): `last_visit_days_ago` is before `joined_days_ago`",
    ),
    (
        "round phases out of order",
        lambda d: decided(d).update(closed_days_ago=40),
        "round #1 ('Field team: what dispatchers and technicians get next'): closed (40 days ago, ",
    ),
    (
        "decided round without a decision day",
        lambda d: decided(d).pop("decided_days_ago"),
        "a decided round needs `decided_days_ago`",
    ),
    ("open round with a closing day", lambda d: open_round(d).update(closed_days_ago=1), "is for a decided round only"),
    (
        "candidate posted after the round began",
        lambda d: idea(d, "Send all of this week's invoices in one click").update(age_days=10),
        'candidate "Send all of this week\'s invoices in one click" was posted 10 days ago, after the round was made',
    ),
    (
        "candidate moved after the round began",
        lambda d: idea(d, XERO).update(status_day=90),
        f"candidate {XERO!r}: its status 'under_review' (5 days ago, ",
    ),
    (
        "voter who had left",
        lambda d: open_round(d)["ballots"].append({"voter": "customer6", "approvals": [XERO]}),
        "ballot of 'customer6': they were not a member between the opening (4 days ago, ",
    ),
    (
        "revision outside the round",
        lambda d: candidate(d, decided(d), BEST)["revisions"][0].update(days_ago=50),
        f"candidate {BEST!r}: the revision of 50 days ago is outside the round's time",
    ),
]
# Each round's candidates fit its theme; their impact data is complete, plausible and their own.
IMPACT = [
    (
        "candidate off the round's theme",
        lambda d: (
            open_round(d)["candidates"].append(copy.deepcopy(decided(d)["candidates"][0])),
            decided(d)["candidates"].pop(0),
        ),
        f"candidate {BEST!r} is off the round's theme: it has none of the tags invoicing",
    ),
    (
        "candidate without sources",
        lambda d: candidate(d, open_round(d), XERO)["impact"].pop("sources"),
        f"candidate {XERO!r}: impact needs `sources`",
    ),
    (
        "two candidates citing the same sources",
        lambda d: candidate(d, open_round(d), XERO)["impact"].update(
            sources=decided(d)["candidates"][1]["impact"]["sources"]
        ),
        f"candidates 'Show travel time between jobs on the calendar' and {XERO!r} cite the same sources",
    ),
    (
        "two candidates with the same numbers",
        lambda d: open_round(d)["candidates"][1]["impact"].update(
            {k: open_round(d)["candidates"][0]["impact"][k] for k in ("cost", "annual_benefit", "effort_weeks")}
            | {k: open_round(d)["candidates"][0]["impact"][k] for k in ("reach", "confidence", "cost_low", "cost_high")}
            | {k: open_round(d)["candidates"][0]["impact"][k] for k in ("benefit_low", "benefit_high")}
        ),
        f"candidates {XERO!r} and 'Accept deposits and partial payments on an invoice' have the same impact numbers",
    ),
    (
        "a return that reads as a typo",
        lambda d: candidate(d, open_round(d), XERO)["impact"].update(annual_benefit=460000, benefit_high=500000),
        f"candidate {XERO!r}: an annual benefit of 460,000 is 10.0 times the cost of 46,000",
    ),
    (
        "a budget that funds everything",
        lambda d: open_round(d).update(budget=200000),
        "the budget of 200,000 funds every candidate (together 151,000): nothing to decide",
    ),
    (
        "a budget that funds nothing",
        lambda d: open_round(d).update(budget=5000),
        "the budget of 5,000 funds no candidate (the cheapest costs 9,000)",
    ),
    (
        "a revision out of range",
        lambda d: candidate(d, decided(d), BEST)["revisions"][0]["impact"].update(cost=90000),
        f"candidate {BEST!r}: after the revision of 40 days ago, cost is outside cost_low..cost_high",
    ),
]


CASES = TIME + IMPACT


@pytest.mark.parametrize(("mutate", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_copy_that_breaks_time_or_impact_rules_is_refused(tmp_path, mutate, expected):
    documents = copy.deepcopy(SHIPPED)
    mutate(documents)
    assert expected in str(refusal(tmp_path, documents))
