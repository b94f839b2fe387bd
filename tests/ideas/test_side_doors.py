"""Visibility is never widened by a side door: merges, out-of-range visibility values, and
candidates of rounds that customers take part in (issue 11, item 2)."""

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from innovation.extensions import db
from innovation.ideas.comments import add_comment
from innovation.ideas.models import Comment, Idea
from innovation.ideas.permissions import audience_of
from innovation.ideas.services import submit_idea
from innovation.notifications.models import Notification
from innovation.platform.worker import run_worker
from innovation.search.documents import comment_document

from ..decisions.helpers import make_round
from .helpers import Api


@pytest.fixture
def people(users):
    return {
        "customer": users("customer"),
        "employee": users("employee"),
        "pm": users("pm"),
    }


def _internal_and_public(people):
    internal = submit_idea(people["employee"], title="Route planner for field staff", visibility="internal")
    public = submit_idea(people["customer"], title="Route planner for my technicians")
    first = add_comment(people["employee"], internal.id, "Our margin on routes is 4 %, keep that inside.")
    db.session.commit()
    return internal, public, first


def test_internal_into_public_is_refused_unless_confirmed(client, people):
    internal, public, first = _internal_and_public(people)
    api = Api(client, people["pm"])
    refused = api.post(f"/ideas/{internal.id}/merge", json={"into": public.id})
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "audience_widening"
    db.session.expire_all()
    assert db.session.get(Idea, internal.id).status != "merged"
    assert db.session.get(Comment, first.id).idea_id == internal.id  # nothing moved

    confirmed = api.post(f"/ideas/{internal.id}/merge", json={"into": public.id, "move_internal_comments": True})
    assert confirmed.status_code == 200, confirmed.get_json()
    db.session.expire_all()
    moved = db.session.get(Comment, first.id)
    assert (moved.idea_id, moved.visibility) == (public.id, "internal")


def test_moved_comments_stay_with_the_employee_side_everywhere(client, auth, people):
    internal, public, first = _internal_and_public(people)
    customer_comment = add_comment(people["customer"], public.id, "Please let me plan my own routes.")
    db.session.commit()
    Api(client, people["pm"]).post(
        f"/ideas/{internal.id}/merge", json={"into": public.id, "move_internal_comments": True}
    )

    def listed(user):
        body = Api(client, user).get(f"/ideas/{public.id}/comments").get_json()
        return {item["id"] for item in body["items"]}

    assert listed(people["customer"]) == {customer_comment.id}
    assert listed(None) == {customer_comment.id}
    assert listed(people["employee"]) == {customer_comment.id, first.id}
    # The count everyone sees counts what everyone can read.
    assert Api(client, None).get(f"/ideas/{public.id}").get_json()["comment_count"] == 1
    # The page: a customer never sees the text.
    auth.login(people["customer"].email)
    page = client.get(f"/ideas/{public.id}").get_data(as_text=True)
    assert "margin on routes" not in page and "plan my own routes" in page
    auth.logout()
    auth.login(people["employee"].email)
    assert "margin on routes" in client.get(f"/ideas/{public.id}").get_data(as_text=True)
    # Search documents carry the comment's own audience.
    db.session.expire_all()
    assert comment_document(db.session.get(Comment, first.id)).audience == "internal"


def test_a_reply_in_an_internal_thread_is_internal_and_reaches_only_employees(app, people):
    internal, public, first = _internal_and_public(people)
    add_comment(people["customer"], public.id, "Following this one.")  # the customer now follows `public`
    db.session.commit()
    from innovation.ideas.services import merge_ideas

    merge_ideas(people["pm"], internal.id, public.id, move_internal_comments=True)
    db.session.commit()
    reply = add_comment(
        people["employee"], public.id, f"Agreed, and @{people['customer'].name} should not see it.", first.id
    )
    db.session.commit()
    assert reply.visibility == "internal"
    assert "mention" not in reply.body_html  # a customer cannot be pulled into an internal thread
    run_worker(app, burst=True, fork=False)
    told = set(db.session.scalars(select(Notification.user_id).where(Notification.kind.in_(["comment", "mention"]))))
    assert people["customer"].id not in told


def test_public_into_internal_is_refused(client, people):
    internal, public, _first = _internal_and_public(people)
    refused = Api(client, people["pm"]).post(
        f"/ideas/{public.id}/merge", json={"into": internal.id, "move_internal_comments": True}
    )
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "audience_narrowing"


@pytest.mark.parametrize("value", ["", "PUBLIC", "Internal", "secret", 0, False, [], {}])
def test_visibility_accepts_exactly_its_two_values(client, people, value):
    response = Api(client, people["employee"]).post("/ideas", json={"title": "A sixth idea here", "visibility": value})
    assert response.status_code == 422, response.get_json()
    assert db.session.scalar(select(Idea.id).where(Idea.title == "A sixth idea here")) is None


def test_the_database_refuses_a_third_visibility_and_the_helper_fails_closed(people):
    with pytest.raises(IntegrityError):
        db.session.execute(
            insert(Idea).values(
                title="Slipped past",
                visibility="everyone",
                author_id=people["customer"].id,
                author_constituency="customer",
            )
        )
    db.session.rollback()
    assert audience_of(Idea(visibility="everyone")) == "internal"
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE comments SET visibility = 'everyone'"))
        db.session.execute(
            insert(Comment).values(
                idea_id=submit_idea(people["customer"], title="A plain public idea").id,
                author_id=people["customer"].id,
                body="x",
                body_html="x",
                visibility="everyone",
            )
        )
    db.session.rollback()


def test_a_candidate_of_a_round_customers_take_part_in_stays_public(client, users, people):
    pm = people["pm"]
    api, round_id, candidate_ids = make_round(client, pm, users, method="approval", ideas=2)
    idea_id = api.get(f"/rounds/{round_id}").get_json()["candidates"][0]["idea"]["id"]
    refused = api.patch(f"/ideas/{idea_id}", json={"visibility": "internal"})
    assert refused.status_code == 409, refused.get_json()
    assert refused.get_json()["error"]["code"] == "candidate_in_round"
    db.session.expire_all()
    assert db.session.get(Idea, idea_id).visibility == "public"
    # In a round for employees only, the pm may make it internal.
    staff_api, staff_round, _ = make_round(client, pm, users, method="approval", ideas=2, eligibility="employees")
    staff_idea = staff_api.get(f"/rounds/{staff_round}").get_json()["candidates"][0]["idea"]["id"]
    assert staff_api.patch(f"/ideas/{staff_idea}", json={"visibility": "internal"}).status_code == 200


def test_refusals_never_say_whether_a_hidden_object_exists(client, people):
    internal, _public, first = _internal_and_public(people)
    api = Api(client, people["customer"])
    missing = 2_000_000_000
    for hidden_path, missing_path in [
        (f"/ideas/{internal.id}", f"/ideas/{missing}"),
        (f"/ideas/{internal.id}/comments", f"/ideas/{missing}/comments"),
        (f"/ideas/{internal.id}/vote", f"/ideas/{missing}/vote"),
    ]:
        method = "post" if hidden_path.endswith("vote") else "get"
        hidden, absent = getattr(api, method)(hidden_path), getattr(api, method)(missing_path)
        assert hidden.status_code == absent.status_code == 404
        assert hidden.get_json() == absent.get_json()
    hidden, absent = (
        api.patch(f"/comments/{first.id}", json={"body": "x"}),
        api.patch(f"/comments/{missing}", json={"body": "x"}),
    )
    assert hidden.status_code == absent.status_code == 404 and hidden.get_json() == absent.get_json()


def test_cached_related_ideas_never_show_one_that_became_internal(app, client, people):
    app.config["CACHE_DISABLED"] = False  # the shared caches on, as in production
    author = people["customer"]
    shown = submit_idea(author, title="Invoices as PDF attachments", tags=["billing"])
    other = submit_idea(author, title="Quarterly billing summary mail", tags=["billing"])
    db.session.commit()
    assert "Quarterly billing summary mail" in client.get(f"/ideas/{shown.id}").get_data(as_text=True)
    db.session.execute(text("UPDATE ideas SET visibility = 'internal' WHERE id = :id"), {"id": other.id})
    db.session.commit()
    # Within the related list's 60 s cache (another URL: the visitor page cache does not answer).
    customer_page = client.get(f"/ideas/{shown.id}?fresh=1").get_data(as_text=True)
    assert "Quarterly billing summary mail" not in customer_page
