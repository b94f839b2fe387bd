"""JSON shapes of API.md."""
from flask import current_app

from ..platform.db import iso


def author_json(user) -> dict:
    return {"id": user.id, "name": user.name, "constituency": user.constituency}


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 4) if count else None


def idea_json(idea, supported: set, rated: dict) -> dict:
    return {
        "id": idea.id,
        "title": idea.title,
        "body": idea.body,
        "body_html": idea.body_html,
        "tags": idea.tag_names,
        "status": idea.status,
        "visibility": idea.visibility,
        "author": author_json(idea.author),
        "created_at": iso(idea.created_at),
        "edited_at": iso(idea.edited_at),
        "merged_into": idea.merged_into_id,
        "support": {"customer": idea.support_customer, "employee": idea.support_employee,
                    "total": idea.support_total},
        "rating": {
            "count": idea.rating_count,
            "mean": _mean(idea.rating_sum, idea.rating_count),
            "bayesian": round(idea.bayes_score, 4),
            "by_constituency": {
                "customer": {"count": idea.rating_count_customer,
                             "mean": _mean(idea.rating_sum_customer, idea.rating_count_customer)},
                "employee": {"count": idea.rating_count_employee,
                             "mean": _mean(idea.rating_sum_employee, idea.rating_count_employee)},
            },
        },
        "common_ground": {"score": round(idea.common_ground_score, 4),
                          "customer": {"favourable": idea.favour_customer, "engaged": idea.engaged_customer},
                          "employee": {"favourable": idea.favour_employee, "engaged": idea.engaged_employee}},
        "comment_count": idea.comment_count,
        "my_vote": idea.id in supported,
        "my_rating": rated.get(idea.id),
        "url": f"{current_app.config['BASE_URL']}/ideas/{idea.id}",
    }


def comment_json(comment) -> dict:
    deleted = comment.deleted_at is not None
    return {
        "id": comment.id,
        "idea_id": comment.idea_id,
        "parent_id": comment.parent_id,
        "body": "" if deleted else comment.body,
        "body_html": "" if deleted else comment.body_html,
        "author": author_json(comment.author),
        "created_at": iso(comment.created_at),
        "edited_at": iso(comment.edited_at),
        "deleted": deleted,
        "hidden": comment.hidden_at is not None,
    }
