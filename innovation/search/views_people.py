"""People pages: who knows about a topic, and whom two people both know. Thin views."""
from flask import render_template, request

from ..accounts.services import get_user
from ..errors import ServiceError
from ..web import current_viewer
from . import bp, people
from .text import QUERY_MAX


@bp.route("/experts")
def experts():
    topic = request.args.get("q", "")
    try:
        found, error, status = people.find_experts(current_viewer(), topic), None, 200
    except ServiceError as exc:  # too long, or not a query at all: say so on the page itself
        found, error, status = [], exc.message, exc.status
    return render_template("search/experts.html", topic=" ".join(topic.split())[:QUERY_MAX],
                           experts=found, error=error), status


@bp.route("/people/<int:a_id>/common/<int:b_id>")
def common_contacts(a_id: int, b_id: int):
    a, b = get_user(a_id), get_user(b_id)  # 404 for unknown people
    contacts = people.common_contacts(current_viewer(), a.id, b.id)
    return render_template("search/common_contacts.html", a=a, b=b, contacts=contacts)
