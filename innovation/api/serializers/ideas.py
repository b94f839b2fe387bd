"""Ideas, and the caller's follow of one."""

from flask import current_app

from ...ideas.statuses import status_of
from ...platform.db import iso
from ..schemas.ideas import Follow, Idea
from .accounts import author_json


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 4) if count else None


def idea_json(idea, supported: set, rated: dict) -> Idea:
    """`supported` and `rated` are the caller's own votes (`voting.services.my_votes`)."""
    return {
        "id": idea.id,
        "title": idea.title,
        "body": idea.body,
        "body_html": idea.body_html,
        "tags": idea.tag_names,
        "status": idea.status,
        "status_label": status_of(idea).label,
        "visibility": idea.visibility,
        "moderation": idea.moderation,
        "author": author_json(idea.author),
        "created_at": iso(idea.created_at),
        "edited_at": iso(idea.edited_at),
        "merged_into": idea.merged_into_id,
        "support": {"customer": idea.support_customer, "employee": idea.support_employee, "total": idea.support_total},
        "rating": {
            "count": idea.rating_count,
            "mean": _mean(idea.rating_sum, idea.rating_count),
            "bayesian": round(idea.bayes_score, 4),
            "by_constituency": {
                "customer": {
                    "count": idea.rating_count_customer,
                    "mean": _mean(idea.rating_sum_customer, idea.rating_count_customer),
                },
                "employee": {
                    "count": idea.rating_count_employee,
                    "mean": _mean(idea.rating_sum_employee, idea.rating_count_employee),
                },
            },
        },
        "common_ground": {
            "score": round(idea.common_ground_score, 4),
            "customer": {"favourable": idea.favour_customer, "engaged": idea.engaged_customer},
            "employee": {"favourable": idea.favour_employee, "engaged": idea.engaged_employee},
        },
        "comment_count": idea.comment_count,
        "my_vote": idea.id in supported,
        "my_rating": rated.get(idea.id),
        "url": f"{current_app.config['BASE_URL']}/ideas/{idea.id}",
    }


def follow_json(idea, following: bool) -> Follow:
    return {"idea_id": idea.id, "following": following}
