"""The demo files validate, and a broken copy is refused with a message naming the problem."""

import copy

import pytest

from innovation.demo.files import DATA_DIR, DemoDataError, load_content
from innovation.demo.schema import IDEA_COUNT

from .helpers import FIRST, SHIPPED, decided, first, idea, internal, open_round, person, refusal, shipped_copy


def test_the_shipped_files_validate():
    content = load_content()
    assert len(content.ideas.ideas) == IDEA_COUNT
    assert [p.local for p in content.people.people][:3] == ["admin", "pm", "pm2"]
    assert [bool(r.outcome) for r in content.rounds.rounds] == [True, False]


def test_markdown_bodies_are_block_scalars_kept_line_by_line():
    photos = load_content().ideas.ideas[0]
    assert photos.body.startswith("Half of our billing disputes")
    assert "\n\n**Proposal:** a photo step" in photos.body and not photos.body.endswith("\n")
    assert "    body: |\n" in (DATA_DIR / "ideas.yaml").read_text(encoding="utf-8")


def test_the_cli_seeds_every_idea_by_default():
    from innovation.demo.cli import seed_demo

    assert next(p.default for p in seed_demo.params if p.name == "ideas") == IDEA_COUNT


BROKEN = [
    (
        "unknown author",
        lambda d: first(d).update(author="nobody"),
        f"ideas.yaml: {FIRST}: author 'nobody' is not a person in people.yaml",
    ),
    (
        "unknown supporter",
        lambda d: first(d)["supporters"].append("ghost"),
        "supporter 'ghost' is not a person in people.yaml",
    ),
    (
        "unknown tag",
        lambda d: first(d)["tags"].append("blockchain"),
        f"ideas.yaml: {FIRST} › tags.2: unknown tag 'blockchain'; one of accessibility, api,",
    ),
    ("duplicate tag", lambda d: first(d)["tags"].append("mobile"), "duplicate tag 'mobile'"),
    (
        "duplicate supporter",
        lambda d: first(d)["supporters"].append("pm"),
        f"ideas.yaml: {FIRST} › supporters: duplicate supporter 'pm'",
    ),
    (
        "author supports own idea",
        lambda d: first(d)["supporters"].append("customer5"),
        "the author supports their own idea from the start; do not list them as a supporter",
    ),
    (
        "customer supports an internal idea",
        lambda d: internal(d)["supporters"].append("customer"),
        "supporter 'customer' is a customer on an internal idea",
    ),
    (
        "customer rates an internal idea",
        lambda d: internal(d)["ratings"].update(customer2=3),
        "rater 'customer2' is a customer on an internal idea",
    ),
    (
        "customer comments on an internal idea",
        lambda d: internal(d).update(
            comments=[
                {"author": "customer3", "body": "A customer's comment that is long enough to pass the length rule."}
            ]
        ),
        "commenter 'customer3' is a customer on an internal idea",
    ),
    (
        "customer authors an internal idea",
        lambda d: internal(d).update(author="customer4"),
        "author 'customer4' is a customer on an internal idea",
    ),
    (
        "rating above 5",
        lambda d: first(d)["ratings"].update(customer=6),
        f"{FIRST} › ratings.customer: Input should be less than or equal to 5",
    ),
    (
        "rating of 0",
        lambda d: first(d)["ratings"].update(customer=0),
        "ratings.customer: Input should be greater than or equal to 1",
    ),
    (
        "rating as text",
        lambda d: first(d)["ratings"].update(customer="5"),
        "ratings.customer: Input should be a valid integer",
    ),
    (
        "unknown status",
        lambda d: first(d).update(status="done"),
        f"{FIRST} › status: unknown status 'done'; one of declined, in_progress, new, planned, shipped, under_review",
    ),
    ("in_round is the service's to set", lambda d: first(d).update(status="in_round"), "unknown status 'in_round'"),
    (
        "unknown visibility",
        lambda d: first(d).update(visibility="secret"),
        "visibility: unknown visibility 'secret'; one of internal, public",
    ),
    (
        "new idea with a status note",
        lambda d: first(d).update(status="new"),
        f"{FIRST}: a new idea must not have a status note",
    ),
    ("status without a note", lambda d: first(d).pop("status_note"), "status 'in_progress' needs a status note"),
    (
        "misspelt key",
        lambda d: first(d).update(supporter=["pm"]),
        f"{FIRST} › supporter: Extra inputs are not permitted",
    ),
    (
        "short comment",
        lambda d: first(d)["comments"][0].update(body="+1"),
        "comments.0.body: String should have at least 40 characters",
    ),
    (
        "three replies",
        lambda d: first(d)["comments"][0]["replies"].extend(first(d)["comments"][1]["replies"]),
        "comments.0.replies: List should have at most 2 items",
    ),
    ("short body", lambda d: first(d).update(body="Too short."), "body: String should have at least 250 characters"),
    ("age out of range", lambda d: first(d).update(age_days=0), "age_days: Input should be greater"),
    (
        "duplicate title",
        lambda d: d["ideas.yaml"]["ideas"][1].update(title=first(d)["title"]),
        "ideas.yaml: idea #2: duplicate title 'Let technicians attach photos to the job before closing it'",
    ),
    (
        "an idea missing",
        lambda d: d["ideas.yaml"]["ideas"].pop(),
        "expected 60 ideas (the `seed-demo --ideas` default)",
    ),
    (
        "mention of a stranger",
        lambda d: first(d)["comments"][0].update(
            body="I asked @Zed Nobody about this yesterday and he agreed with us."
        ),
        'mentions someone at "@Zed Nobody about this" who is not a person',
    ),
    (
        "mention of a customer in an internal idea",
        lambda d: internal(d)["comments"][0].update(body="We should ask @Carla Mendes what she thinks of it first."),
        "mentions customer @Carla Mendes on an internal idea",
    ),
    (
        "status changed by a customer",
        lambda d: d["ideas.yaml"]["status_changed_by"].update(default="customer"),
        "status_changed_by: 'customer' is not a pm or admin in people.yaml",
    ),
    (
        "unknown role",
        lambda d: person(d, "sales").update(role="boss"),
        "people.yaml: person #7 ('sales') › role: unknown role 'boss'",
    ),
    (
        "customer without a company",
        lambda d: person(d, "customer").pop("company"),
        "person #8 ('customer'): `company` is required for customers",
    ),
    (
        "employee with a company",
        lambda d: person(d, "design").update(company="Acme"),
        "person #6 ('design'): `company` is only for customers",
    ),
    ("duplicate person", lambda d: d["people.yaml"]["people"].append(person(d, "pm")), "local 'pm' is used twice"),
    ("no admin", lambda d: person(d, "admin").update(role="pm"), "needs an admin whose local is 'admin'"),
    (
        "shown login of nobody",
        lambda d: d["people.yaml"]["shown_logins"].append("root"),
        "shown login 'root' is not a person",
    ),
    (
        "candidate is not an idea",
        lambda d: decided(d)["candidates"][0].update(idea="Nothing here"),
        "rounds.yaml: round #1 ('Field team: what dispatchers and technicians get next'): candidate 'Nothing here' is "
        "not an idea in ideas.yaml",
    ),
    (
        "candidate already shipped",
        lambda d: idea(d, "Show travel time between jobs on the calendar").update(status="shipped"),
        "candidate 'Show travel time between jobs on the calendar' is public and shipped",
    ),
    (
        "candidate in two rounds",
        lambda d: (
            open_round(d)["candidates"].append(copy.deepcopy(decided(d)["candidates"][0]) | {"revisions": []}),
            open_round(d)["themes"].append("dispatch"),
        ),
        "idea 'Suggest the best technician for a new job' is a candidate in two rounds",
    ),
    (
        "ballot for a non-candidate",
        lambda d: decided(d)["ballots"][0]["ranking"].append("Dark mode for the technician app"),
        "ballot of 'customer': 'Dark mode for the technician app' is not a cand",
    ),
    (
        "ballot ranking twice",
        lambda d: decided(d)["ballots"][0]["ranking"].append("Suggest the best technician for a new job"),
        "'Suggest the best technician for a new job' is chosen twice",
    ),
    (
        "unknown voter",
        lambda d: decided(d)["ballots"][0].update(voter="ghost"),
        "ballot of 'ghost': 'ghost' is not a person in people.yaml",
    ),
    (
        "voter votes twice",
        lambda d: open_round(d)["ballots"].append(copy.deepcopy(open_round(d)["ballots"][0])),
        "voter 'customer3' votes twice",
    ),
    (
        "approvals in a ranked round",
        lambda d: decided(d)["ballots"][0].update(approvals=decided(d)["ballots"][0].pop("ranking")),
        "a ranked round's ballots give `ranking`",
    ),
    (
        "over budget",
        lambda d: open_round(d)["ballots"][4]["approvals"].append("Two-way sync with Xero and QuickBooks"),
        "ballot of 'customer2': approvals cost 93,000, over the budget of 80,000",
    ),
    (
        "undecided candidate",
        lambda d: decided(d)["outcome"]["decisions"].pop(),
        """outcome: "Let the client sign off the job on the technician's phone" is not decided""",
    ),
    (
        "unknown decision",
        lambda d: decided(d)["outcome"]["decisions"][0].update(decision="maybe"),
        "decision: unknown decision 'maybe'",
    ),
    (
        "round run by a customer",
        lambda d: decided(d).update(pm="customer"),
        "pm 'customer' is not a pm or admin in people.yaml",
    ),
    ("budget round without a budget", lambda d: open_round(d).pop("budget"), "a budget round needs `budget`"),
    (
        "impact out of range",
        lambda d: decided(d)["candidates"][0]["impact"].update(cost=70000),
        "cost is outside cost_low..cost_high",
    ),
    ("no open round", lambda d: d["rounds.yaml"]["rounds"].pop(), "needs a round left open for voting"),
]


@pytest.mark.parametrize(("mutate", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_a_broken_copy_is_refused_naming_the_problem(tmp_path, mutate, expected):
    documents = copy.deepcopy(SHIPPED)
    mutate(documents)
    assert expected in str(refusal(tmp_path, documents))


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    documents = copy.deepcopy(SHIPPED)
    documents["ideas.yaml"]["ideas"][0]["supporters"].append("pm")
    documents["ideas.yaml"]["ideas"][5]["tags"] = ["nonsense"]
    documents["ideas.yaml"]["ideas"][9]["author"] = "nobody"
    problems = refusal(tmp_path, documents).problems
    assert [line.split(":")[1].split("(")[0].strip() for line in problems] == ["idea #1", "idea #6", "idea #10"]


def test_a_key_given_twice_is_refused_not_silently_dropped(tmp_path):
    shipped_copy(tmp_path)
    ideas = tmp_path / "ideas.yaml"
    text = ideas.read_text(encoding="utf-8")
    line = text[: text.index("ratings: {customer: 5,")].count("\n") + 1  # the first idea's ratings
    ideas.write_text(text.replace("ratings: {customer: 5,", "ratings: {customer: 5, customer: 1,", 1), encoding="utf-8")
    with pytest.raises(
        DemoDataError,
        match=f"ideas.yaml: line {line}, column 28: found duplicate key 'customer' "
        r"\(while constructing a mapping\)",
    ):
        load_content(tmp_path)


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path):
    shipped_copy(tmp_path)
    (tmp_path / "rounds.yaml").write_text("rounds:\n  - title: [unclosed\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"rounds.yaml: line 3, column 1: did not find expected ',' or '\]'"):
        load_content(tmp_path)


def test_the_loader_builds_no_python_objects_from_tags(tmp_path):
    shipped_copy(tmp_path)
    (tmp_path / "people.yaml").write_text("people: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match="people.yaml: line 1, column 9: could not determine a constructor"):
        load_content(tmp_path)
