"""The counters a vote moves step by step always equal a full recount from the vote rows."""

import random

from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.ideas.services import submit_idea
from innovation.voting import services as voting

COLUMNS = (
    "support_customer",
    "support_employee",
    "support_total",
    "rating_count_customer",
    "rating_sum_customer",
    "rating_count_employee",
    "rating_sum_employee",
    "favour_customer",
    "engaged_customer",
    "favour_employee",
    "engaged_employee",
    "hot_score",
    "bayes_score",
    "common_ground_score",
)


def snapshot(idea_id):
    idea = db.session.get(Idea, idea_id)
    db.session.refresh(idea)
    return {column: getattr(idea, column) for column in COLUMNS}


def test_incremental_counters_match_a_full_recount(app, users):
    rng = random.Random(42)
    people = [users("customer" if n % 2 else "employee") for n in range(8)]
    idea = submit_idea(people[0], title="Counted step by step")
    db.session.commit()
    operations = [
        voting.cast_support,
        voting.retract_support,
        voting.remove_rating,
        lambda actor, idea_id: voting.rate_idea(actor, idea_id, rng.randint(1, 5)),
    ]
    for _ in range(150):
        rng.choice(operations)(rng.choice(people), idea.id)
        db.session.commit()
    stepwise = snapshot(idea.id)
    voting.refresh_counters(db.session.get(Idea, idea.id))
    db.session.commit()
    recounted = snapshot(idea.id)
    for column in COLUMNS:
        assert abs(stepwise[column] - recounted[column]) < 1e-9, column
