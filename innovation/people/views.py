"""People pages: profiles with their topics and collaborators, who knows about a topic, and whom
two people both know. Thin views."""

from flask import render_template, request

from ..accounts.services import get_user
from ..ideas.queries import ideas_by_author
from ..platform.errors import ServiceError
from ..platform.web import current_viewer
from ..search.text import QUERY_MAX
from . import bp
from . import queries as people
from .network import collaborator_network


@bp.route("/experts")
def experts():
    topic = request.args.get("q", "")
    try:
        found, error, status = people.find_experts(current_viewer(), topic), None, 200
    except ServiceError as exc:  # too long, or not a query at all: say so on the page itself
        found, error, status = [], exc.message, exc.status
    return render_template(
        "people/experts.html", topic=" ".join(topic.split())[:QUERY_MAX], experts=found, error=error
    ), status


@bp.route("/people/<int:a_id>/common/<int:b_id>")
def common_contacts(a_id: int, b_id: int):
    a, b = get_user(a_id), get_user(b_id)  # 404 for unknown people
    contacts = people.common_contacts(current_viewer(), a.id, b.id)
    return render_template("people/common_contacts.html", a=a, b=b, contacts=contacts)


@bp.route("/people/<int:user_id>")
def profile(user_id: int):
    person = get_user(user_id)
    viewer = current_viewer()
    people_met = people.collaborators(viewer, person.id)
    return render_template(
        "people/profile.html",
        person=person,
        person_ideas=ideas_by_author(viewer, person.id),
        topics=people.cloud_levels(people.topic_cloud(viewer, person.id)),
        collaborators=people_met,
        network=collaborator_network(person, people_met),
    )
