"""Finding people: topic clouds, collaborators, common contacts, the network picture and
"who knows about X". Internal ideas shape none of it for customers and visitors."""

import pytest
from sqlalchemy import event

from innovation.accounts.services import update_profile
from innovation.extensions import db
from innovation.ideas import comments, moderation, services
from innovation.people import network
from innovation.people.queries import cloud_levels, collaborators, common_contacts, find_experts, topic_cloud

from ..ideas.hostile import assert_inert


@pytest.fixture
def world(app, users):
    """Grace (employee) wrote a shipped public idea and an internal one; Carla (customer) wrote a
    public idea; Dan (customer) joined both public discussions; Ivan (employee) only the
    internal one; Eve and Hal only left a deleted and a hidden comment."""
    grace = users("employee", name="Grace Okafor")
    ivan = users("employee", name="Ivan Secretson")
    carla = users("customer", name="Carla Mendes")
    dan = users("customer", name="Dan Brook")
    eve = users("customer", name="Eve Deleted")
    hal = users("customer", name="Hal Hidden")
    pm = users("pm", name="Paula Lead")
    shipped = services.submit_idea(grace, title="Photos on job reports", tags=["mobile", "photos"])
    services.change_status(pm, shipped.id, "shipped")
    carlas = services.submit_idea(carla, title="Offline mode for the app", tags=["mobile"])
    internal = services.submit_idea(
        grace, title="Support macros for agents", tags=["secret-tag", "mobile"], visibility="internal"
    )
    comments.add_comment(carla, shipped.id, "Love it, please add captions.")
    comments.add_comment(dan, shipped.id, "Captions would help us too.")
    comments.add_comment(grace, carlas.id, "We could cache the last ten jobs.")
    comments.add_comment(dan, carlas.id, "Yes, our vans lose signal.")
    comments.add_comment(ivan, internal.id, "Agents need this.")
    deleted = comments.add_comment(eve, shipped.id, "A comment I regret.")
    comments.delete_comment(eve, deleted.id)
    hidden = comments.add_comment(hal, shipped.id, "Spam spam spam.")
    moderation.hide_content(pm, "comment", hidden.id, "spam")
    db.session.commit()
    return {
        "grace": grace,
        "ivan": ivan,
        "carla": carla,
        "dan": dan,
        "eve": eve,
        "hal": hal,
        "pm": pm,
        "shipped": shipped,
        "carlas": carlas,
        "internal": internal,
    }


def names(pairs):
    return [(user.name, *rest) for user, *rest in pairs]


def test_topic_cloud_weighs_adopted_authored_and_commented_ideas(world):
    grace = world["grace"]
    # shipped idea: 5 per tag; comment on Carla's idea: 1; the internal idea adds 3 for employees.
    assert topic_cloud(world["carla"], grace.id) == [("mobile", 6), ("photos", 5)]
    assert topic_cloud(None, grace.id) == [("mobile", 6), ("photos", 5)]
    assert topic_cloud(world["ivan"], grace.id) == [("mobile", 9), ("photos", 5), ("secret-tag", 3)]
    assert topic_cloud(world["carla"], world["dan"].id) == [("mobile", 2), ("photos", 1)]
    assert topic_cloud(world["carla"], world["carla"].id) == [("mobile", 4), ("photos", 1)]
    assert topic_cloud(world["carla"], world["eve"].id) == []
    assert topic_cloud(world["ivan"], grace.id, limit=1) == [("mobile", 9)]


def test_cloud_levels_are_alphabetical_and_scaled():
    assert cloud_levels([("b", 10), ("a", 1), ("c", 4)]) == [("a", 1, 1), ("b", 10, 5), ("c", 4, 2)]
    assert cloud_levels([("solo", 3)]) == [("solo", 3, 5)]
    assert cloud_levels([]) == []


def test_collaborators_count_shared_visible_ideas(world):
    grace = world["grace"]
    assert names(collaborators(world["carla"], grace.id)) == [("Carla Mendes", 2), ("Dan Brook", 2)]
    assert names(collaborators(None, grace.id)) == [("Carla Mendes", 2), ("Dan Brook", 2)]
    assert names(collaborators(world["ivan"], grace.id)) == [
        ("Carla Mendes", 2),
        ("Dan Brook", 2),
        ("Ivan Secretson", 1),
    ]
    assert names(collaborators(world["carla"], world["ivan"].id)) == []
    assert names(collaborators(world["pm"], world["ivan"].id)) == [("Grace Okafor", 1)]
    # Deleted and hidden comments are nobody's contribution.
    assert collaborators(world["pm"], world["eve"].id) == []
    assert collaborators(world["pm"], world["hal"].id) == []
    assert names(collaborators(world["ivan"], grace.id, limit=1)) == [("Carla Mendes", 2)]


def test_common_contacts_intersect_both_networks(world):
    dan, carla, grace = world["dan"], world["carla"], world["grace"]
    assert names(common_contacts(carla, carla.id, dan.id)) == [("Grace Okafor", 2, 2)]
    assert names(common_contacts(carla, grace.id, carla.id)) == [("Dan Brook", 2, 2)]
    # Ivan and Grace only met on the internal idea: nothing in common for a customer.
    assert common_contacts(carla, world["ivan"].id, dan.id) == []
    assert names(common_contacts(world["ivan"], world["ivan"].id, dan.id)) == [("Grace Okafor", 1, 2)]


def test_network_layout_is_deterministic_and_bounded(world):
    many = [(world["carla"], 5), (world["ivan"], 3), (world["dan"], 1)] * 5
    picture = network.collaborator_network(world["grace"], many)
    assert picture == network.collaborator_network(world["grace"], many)
    assert len(picture["nodes"]) == network.MAX_NODES
    first = picture["nodes"][0]
    assert (first["x"], first["y"]) == (network.CENTRE_X, network.CENTRE_Y - network.RING)
    assert first["anchor"] == "middle" and first["edge"]["width"] == network.EDGE_MAX
    assert picture["nodes"][2]["edge"]["width"] == network.EDGE_MIN
    assert [n["constituency"] for n in picture["nodes"][:3]] == ["customer", "employee", "customer"]
    for node in picture["nodes"]:
        assert 0 <= node["x"] <= network.WIDTH and 0 <= node["y"] <= network.HEIGHT
    assert picture["centre"]["constituency"] == "employee"
    assert "Carla Mendes, 5 shared ideas" in picture["description"]
    assert (first["label"], first["short_label"]) == ("Carla Mendes", "Carla M.")
    lonely = network.collaborator_network(world["dan"], [])
    assert lonely["nodes"] == [] and "not discussed" in lonely["description"]


def test_profile_shows_topics_and_collaborators(client, world):
    html = client.get(f"/people/{world['grace'].id}").get_data(as_text=True)
    assert 'id="topics-title"' in html and 'class="cloud-tag cloud-5"' in html
    assert "/experts?q=mobile" in html
    assert 'id="collaborators-title"' in html and 'role="img"' in html
    assert "Carla Mendes" in html and "2 shared ideas" in html
    assert "Common contacts with you" not in html  # visitors have no contacts of their own


def test_profile_queries_do_not_grow_with_collaborators(client, world, users):
    def statements_for_profile():
        seen = []
        listen = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            assert client.get(f"/people/{world['grace'].id}").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(seen)

    before = statements_for_profile()
    for n in range(5):
        newcomer = users("customer", name=f"Newcomer {n}")
        idea = services.submit_idea(newcomer, title=f"Newcomer idea {n}", tags=[f"topic-{n}"])
        comments.add_comment(world["grace"], idea.id, "Welcome aboard.")
    db.session.commit()
    assert statements_for_profile() == before


@pytest.mark.parametrize("viewer", [None, "carla", "dan"])
def test_customers_and_visitors_never_see_internal_topics_or_people(client, auth, world, viewer):
    if viewer:
        auth.login(world[viewer].email)
    html = client.get(f"/people/{world['grace'].id}").get_data(as_text=True)
    assert "secret-tag" not in html and "Ivan Secretson" not in html
    html = client.get(f"/people/{world['ivan'].id}").get_data(as_text=True)
    assert "Grace Okafor" not in html and "secret-tag" not in html
    html = client.get(f"/people/{world['ivan'].id}/common/{world['dan'].id}").get_data(as_text=True)
    assert "Grace Okafor" not in html


def test_employees_see_internal_collaboration(client, auth, world):
    auth.login(world["ivan"].email)
    html = client.get(f"/people/{world['grace'].id}").get_data(as_text=True)
    assert "secret-tag" in html and "Ivan Secretson" in html
    assert f"/people/{world['ivan'].id}/common/{world['grace'].id}" in html
    assert "Common contacts with you" in html


def test_common_contacts_page(client, auth, world):
    auth.login(world["carla"].email)
    response = client.get(f"/people/{world['carla'].id}/common/{world['dan'].id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Grace Okafor" in html and "1 person in common" in html
    html = client.get(f"/people/{world['eve'].id}/common/{world['dan'].id}").get_data(as_text=True)
    assert "no contacts in common" in html


@pytest.mark.parametrize("path", ["/people/999999/common/1", "/people/1/common/999999", "/people/999999"])
def test_unknown_people_are_404(client, world, path):
    assert client.get(path).status_code == 404


def test_overlong_topics_get_a_message_not_a_500(client, world):
    response = client.get("/experts", query_string={"q": "<b>x</b>" * 700})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "at most 200 characters" in html
    assert "<b>x</b>" not in html
    assert_inert(html, "experts")


def test_blank_topics_need_no_index(client, world):
    assert find_experts(None, "   ") == []
    response = client.get("/experts", query_string={"q": "  "})
    assert response.status_code == 200
    assert "How people are ranked" in response.get_data(as_text=True)


# "Who knows about X" reads the search index: these tests ask for it to be in step with the
# database (the `search_index` fixture of tests/search/conftest.py).


@pytest.fixture
def invoices(world, users):
    """Alice's adopted idea (6), Bob's idea (3) plus his declared expertise (2), Eli's idea only
    tagged "invoices" (3), Dora's declared expertise (2), Cara's one comment (1); internal work
    by Ivan and Alice that only employees may count."""
    alice = users("employee", name="Alice Archer")
    bob = users("customer", name="Bob Billing")
    cara = users("customer", name="Cara Comment")
    dora = users("employee", name="Dora Declared")
    eli = users("customer", name="Eli Tagged")
    pm, ivan = world["pm"], world["ivan"]
    adopted = services.submit_idea(alice, title="Invoices as PDF attachments", body="Customers ask for invoices.")
    services.change_status(pm, adopted.id, "planned")
    bobs = services.submit_idea(bob, title="Split invoices by project", body="One per project.")
    update_profile(bob, bob, name=bob.name, expertise="invoices")
    update_profile(dora, dora, name=dora.name, expertise="invoices, billing")
    services.submit_idea(eli, title="Monthly statements", body="One statement a month.", tags=["invoices"])
    comments.add_comment(cara, bobs.id, "Our invoices should show the project code.")
    regret = comments.add_comment(cara, adopted.id, "Invoices invoices invoices!")
    comments.delete_comment(cara, regret.id)
    secret = services.submit_idea(
        ivan, title="Invoices ledger reconciliation", body="Internal invoices work.", visibility="internal"
    )
    services.change_status(pm, secret.id, "shipped")
    services.submit_idea(alice, title="Invoices audit trail", body="Internal invoices audit.", visibility="internal")
    comments.add_comment(dora, secret.id, "The invoices ledger needs this.")
    db.session.commit()
    return {"alice": alice, "bob": bob, "cara": cara, "dora": dora, "eli": eli, "adopted": adopted, "bobs": bobs}


def ranking(experts):
    return [(e.user.name, e.score, e.ideas, e.adopted, e.comments, e.declared) for e in experts]


def test_experts_ranked_adopted_over_authored_over_commented(world, invoices, search_index):
    search_index.refresh()
    expected = [
        ("Alice Archer", 6, 1, 1, 0, False),
        ("Bob Billing", 5, 1, 0, 0, True),
        ("Eli Tagged", 3, 1, 0, 0, False),
        ("Dora Declared", 2, 0, 0, 0, True),
        ("Cara Comment", 1, 0, 0, 1, False),
    ]
    assert ranking(find_experts(world["carla"], "invoices")) == expected
    assert ranking(find_experts(None, "  Invoices ")) == expected
    assert ranking(find_experts(world["carla"], "invoices", limit=2)) == expected[:2]


def test_experts_count_internal_work_only_for_employees(world, invoices, search_index):
    search_index.refresh()
    for viewer in (None, world["carla"]):
        experts = find_experts(viewer, "invoices")
        assert "Ivan Secretson" not in [e.user.name for e in experts]
        texts = [item.text for e in experts for item in e.evidence]
        assert not any("ledger" in text.lower() or "audit" in text.lower() for text in texts)
    experts = {e.user.name: e for e in find_experts(world["ivan"], "invoices")}
    assert (experts["Ivan Secretson"].score, experts["Ivan Secretson"].adopted) == (6, 1)
    assert (experts["Alice Archer"].score, experts["Alice Archer"].ideas) == (9, 2)
    assert (experts["Dora Declared"].score, experts["Dora Declared"].comments) == (3, 1)


def test_experts_carry_evidence(world, invoices, search_index):
    search_index.refresh()
    experts = {e.user.name: e for e in find_experts(world["carla"], "invoices")}
    alice = experts["Alice Archer"]
    assert [(i.kind, i.id, i.status) for i in alice.evidence] == [("idea", invoices["adopted"].id, "planned")]
    cara = experts["Cara Comment"]
    [comment] = cara.comment_evidence
    assert comment.idea_id == invoices["bobs"].id and comment.text.startswith("Our invoices")
    assert experts["Dora Declared"].evidence == []


def test_experts_page(client, auth, world, invoices, search_index):
    search_index.refresh()
    auth.login(world["carla"].email)
    response = client.get("/experts", query_string={"q": "invoices"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.index("Alice Archer") < html.index("Bob Billing") < html.index("Cara Comment")
    assert f'href="/ideas/{invoices["adopted"].id}"' in html
    assert f"/ideas/{invoices['bobs'].id}#comment-" in html
    assert "lists it as expertise" in html
    assert "ledger reconciliation" not in html.lower() and "audit trail" not in html.lower()
    assert "Ivan Secretson" not in html
    html = client.get("/experts", query_string={"q": "zebra-crossings"}).get_data(as_text=True)
    assert "Nobody has proposed or discussed anything" in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "<script>alert(1)</script>",
        "title:(",
        "*",
        '"',
        "-",
        "a" * 200,
        "invoices OR 1=1; --",
        "\u0000\ufffd",
    ],
)
def test_hostile_topics_never_fail(client, world, invoices, search_index, query):
    search_index.refresh()
    response = client.get("/experts", query_string={"q": query})
    assert response.status_code in (200, 422), response.status_code
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert_inert(html, f"experts?q={query[:20]!r}")
