"""The home page per person: a visitor sees the loop in three steps; a member is led to the
rounds waiting for their vote, then the news of their ideas and the ideas they follow, then
trending ideas. Built through the real services, read through the real page."""

import re
from datetime import timedelta

from sqlalchemy import event

from innovation.extensions import db
from innovation.ideas.comments import add_comment
from innovation.ideas.moderation import hide_content
from innovation.ideas.services import change_status, follow_idea
from innovation.platform.templating import local_time
from innovation.voting.services import cast_support

from .helpers import decide, ideas_by, open_round, vote

WAITING = "Rounds waiting for your vote"


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def waiting_section(html: str) -> str:
    """The "Rounds waiting for your vote" section only."""
    match = re.search(r'<section class="card home-waiting".*?</section>', html, re.S)
    assert match, "no waiting-rounds section"
    return match.group(0)


def followed_section(html: str) -> str:
    match = re.search(r'<section class="card home-followed".*?</section>', html, re.S)
    assert match, "no followed-ideas section"
    return match.group(0)


def test_visitors_get_the_loop_in_three_steps(client, users):
    author = users("customer")
    ideas_by(author, "Photos on job completion")
    html = home(client)
    assert "How it works, in three steps" in html
    assert len(re.findall(r"<li>\s*<strong>", html.split('id="steps-title"')[1].split("</ol>")[0])) == 3
    assert "Join as a customer" in html and "Trending ideas" in html and "Photos on job completion" in html
    assert WAITING not in html and "Your ideas and ideas you follow" not in html


def test_an_eligible_customer_sees_the_open_round_until_they_vote(client, auth, users):
    pm, customer = users("pm"), users("customer")
    ideas = ideas_by(users("customer"), "Offline mode for technicians", "Recurring maintenance contracts")
    round_, candidates = open_round(pm, ideas, title="Spring planning round")
    auth.login(customer.email)

    section = waiting_section(home(client))
    assert "Spring planning round" in section
    assert f'href="/rounds/{round_.id}#ballot"' in section
    assert local_time(round_.closes_at) in section
    assert home(client).index(WAITING) < home(client).index("Your ideas and ideas you follow")

    vote(customer, round_, candidates[0])
    section = waiting_section(home(client))
    assert "Spring planning round" not in section
    assert "No round is waiting for your vote" in section


def test_a_round_without_a_closing_time_says_so(client, auth, users):
    pm, customer = users("pm"), users("customer")
    open_round(pm, ideas_by(customer, "Idea one here", "Idea two here"), closes_in=None)
    auth.login(customer.email)
    assert "no closing time set yet" in waiting_section(home(client))


def test_rounds_for_the_other_side_or_the_invited_never_wait_for_a_customer(client, auth, users):
    pm, customer, employee, invited = users("pm"), users("customer"), users("employee"), users("customer")
    ideas = ideas_by(users("customer"), "First idea title", "Second idea title")
    open_round(pm, ideas, title="Employees only round", eligibility="employees")
    open_round(pm, ideas, title="Customers only round", eligibility="customers")
    open_round(pm, ideas, title="Invited guests round", eligibility="invited", invitees=[invited.id])
    open_round(pm, ideas, title="Everyone round")

    auth.login(customer.email)
    section = waiting_section(home(client))
    assert "Customers only round" in section and "Everyone round" in section
    assert "Employees only round" not in section and "Invited guests round" not in section
    auth.logout()

    auth.login(employee.email)
    section = waiting_section(home(client))
    assert "Employees only round" in section and "Everyone round" in section
    assert "Customers only round" not in section and "Invited guests round" not in section
    auth.logout()

    auth.login(invited.email)
    assert "Invited guests round" in waiting_section(home(client))


def test_waiting_rounds_close_soonest_first(client, auth, users):
    pm, customer = users("pm"), users("customer")
    ideas = ideas_by(users("customer"), "First idea title", "Second idea title")
    open_round(pm, ideas, title="Closes in a week", closes_in=timedelta(days=7))
    open_round(pm, ideas, title="Closes tomorrow", closes_in=timedelta(days=1))
    open_round(pm, ideas, title="Never closes", closes_in=None)
    auth.login(customer.email)
    section = waiting_section(home(client))
    assert section.index("Closes tomorrow") < section.index("Closes in a week") < section.index("Never closes")


def test_internal_ideas_and_their_rounds_never_reach_a_customer(client, auth, users):
    pm, customer, employee = users("pm"), users("customer"), users("employee")
    secret = ideas_by(employee, "Secret pricing overhaul", "Secret vendor switch", visibility="internal")
    open_round(pm, secret, title="Internal budget round", eligibility="employees")
    for supporter in (users("employee"), users("employee")):
        cast_support(supporter, secret[0].id)
    db.session.commit()

    auth.login(customer.email)
    html = home(client)
    assert "Secret" not in html and "Internal budget round" not in html
    auth.logout()

    auth.login(employee.email)
    html = home(client)
    assert "Internal budget round" in waiting_section(html)
    assert "Secret pricing overhaul" in followed_section(html)


def test_your_ideas_show_new_comments_status_changes_and_the_outcome(client, auth, users):
    pm, carla, grace = users("pm"), users("customer", name="Carla Mendes"), users("employee", name="Grace Okafor")
    mine, other = ideas_by(carla, "Photos on job completion", "Offline mode for technicians")
    followed = ideas_by(grace, "Recurring maintenance contracts")[0]
    follow_idea(carla, followed.id)
    add_comment(grace, mine.id, "Photos would settle disputes.")
    add_comment(pm, mine.id, "We hear this from many customers.")
    db.session.commit()

    auth.login(carla.email)
    section = followed_section(home(client))
    for title in ("Photos on job completion", "Offline mode for technicians", "Recurring maintenance contracts"):
        assert title in section
    assert "2 new comments" in section and "since you posted it" in section
    assert section.index("Photos on job completion") < section.index("Offline mode for technicians")

    add_comment(carla, mine.id, "Thanks, both!")
    db.session.commit()
    assert "new comment" not in followed_section(home(client))
    add_comment(grace, mine.id, "One more thought.")
    db.session.commit()
    assert "1 new comment</a>\n            since your last comment" in followed_section(home(client))

    change_status(pm, other.id, "under_review", note="Looking at it this sprint.")
    db.session.commit()
    section = followed_section(home(client))
    assert "Status changed to <strong>under review</strong>" in section and "Looking at it this sprint." in section

    round_, candidates = open_round(pm, [mine, followed], title="Field work round")
    decide(pm, round_, candidates, ["adopt", "decline"])
    section = followed_section(home(client))
    assert f'href="/rounds/{round_.id}#outcome">Field work round</a>: <strong class="decision-adopt">adopted' in section
    assert (
        f'href="/rounds/{round_.id}#outcome">Field work round</a>: <strong class="decision-decline">declined' in section
    )


def test_comments_a_customer_may_not_see_are_not_counted(client, auth, users):
    carla, grace = users("customer"), users("employee")
    mine = ideas_by(carla, "Photos on job completion")[0]
    add_comment(grace, mine.id, "Visible to all.")
    db.session.commit()
    comment = add_comment(grace, mine.id, "A hidden one.")
    hide_content(users("pm"), "comment", comment.id, "off topic")
    db.session.commit()
    auth.login(carla.email)
    assert "1 new comment<" in followed_section(home(client))


def statements_for_home(client) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        home(client)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_member_home_costs_the_same_queries_however_much_there_is(client, auth, users):
    pm, carla, grace = users("pm"), users("customer"), users("employee")
    ideas = ideas_by(carla, "First idea title", "Second idea title")
    open_round(pm, ideas, title="The first round")
    auth.login(carla.email)
    before = statements_for_home(client)

    more = ideas_by(carla, *(f"Another idea number {n}" for n in range(6)))
    for n in range(4):
        open_round(pm, more[n : n + 2], title=f"Round number {n}", closes_in=timedelta(days=n + 1))
    for idea in more:
        add_comment(grace, idea.id, "Interesting.")
        follow_idea(grace, idea.id)
    change_status(pm, more[5].id, "under_review")
    db.session.commit()
    html = home(client)
    assert html.count('data-waiting-round="') == 5 and html.count('data-followed-idea="') == 8
    assert statements_for_home(client) == before


def test_visitors_share_a_cached_home_and_members_never_do(app, client, auth, users):
    app.config["CACHE_DISABLED"] = False
    pm, carla, dora = users("pm"), users("customer", name="Carla Mendes"), users("customer", name="Dora Lindqvist")
    ideas_by(carla, "Carla owns this idea")
    open_round(pm, ideas_by(dora, "Dora idea one", "Dora idea two"), title="Open for everyone")
    first = home(client)
    users("customer", name="Newest Member Ever")
    assert home(client) == first  # the visitor page is shared for a few seconds
    assert "Newest Member Ever" not in first

    auth.login(carla.email)
    carla_home = home(client)
    assert "Welcome back, Carla Mendes" in carla_home and "Carla owns this idea" in carla_home
    auth.logout()
    auth.login(dora.email)
    dora_home = home(client)
    assert "Welcome back, Dora Lindqvist" in dora_home
    assert "Carla owns this idea" not in followed_section(dora_home)
    open_round(pm, ideas_by(dora, "Late idea one", "Late idea two"), title="Opened a moment later")
    assert "Opened a moment later" in waiting_section(home(client))  # fresh for members
