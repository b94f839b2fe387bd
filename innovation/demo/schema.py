"""The schema of the demo content in data/*.yaml: pydantic models whose validators hold every rule
the seed relies on, so that a mistake in a file is refused with a message naming the idea, round
or person and the field, before anything reaches the database.

people.yaml is validated on its own; ideas.yaml with the people as validation context (authors,
supporters, raters, commenters and @mentions must be people, and no customer may appear in an
internal idea); rounds.yaml with the people and the ideas (candidates are open public ideas).
`load_content()` in files.py reads and validates the three in that order.
"""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator

from ..accounts.models import ROLES
from ..accounts.permissions import STAFF
from ..decisions.ballots import REASON_MAX
from ..decisions.models import DECISIONS, RISKS
from ..ideas.comments import MENTION_PATTERN
from ..ideas.models import STATUSES, VISIBILITIES

IDEA_COUNT = 60  # `flask seed-demo --ideas` defaults to all of them
ALLOWED_TAGS = frozenset(
    {
        "scheduling",
        "dispatch",
        "invoicing",
        "payments",
        "mobile",
        "offline",
        "reporting",
        "integrations",
        "onboarding",
        "accessibility",
        "security",
        "notifications",
        "customer-portal",
        "pricing",
        "api",
        "performance",
    }
)
# `in_round` comes from adding a candidate and `merged` from merging: neither can be set directly.
IDEA_STATUSES = tuple(s for s in STATUSES if s not in ("in_round", "merged"))
OPEN_STATUSES = ("new", "under_review")  # what a round may take as a candidate
METHODS = ("ranked", "approval", "budget")  # the ballots a file can spell (score ballots are not used)

Local = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*$", max_length=40)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Name = Annotated[str, StringConstraints(min_length=2, max_length=80)]
Title = Annotated[str, StringConstraints(min_length=5, max_length=140)]
CommentBody = Annotated[str, StringConstraints(min_length=40, max_length=400)]


class DemoModel(BaseModel):
    """Strict: no unknown keys (a misspelt key is an error, not a silent default), no coercion
    ("5" is not 5), and text trimmed, as YAML block scalars end with a line break."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_strip_whitespace=True)


def _context(info: ValidationInfo, *names: str) -> tuple:
    context = info.context or {}
    missing = [name for name in names if name not in context]
    if missing:
        raise ValueError(f"validated without the {', '.join(missing)} it refers to")
    return tuple(context[name] for name in names)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValueError("\n".join(problems))  # files.describe reports each line on its own


def _duplicates(items: list) -> list:
    seen: set = set()
    return [item for item in items if item in seen or seen.add(item)]


def _one_of(choices, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"unknown {what} {value!r}; one of {', '.join(sorted(choices))}")
        return value

    return AfterValidator(check)


def _unique(what: str) -> AfterValidator:
    def check(items: list) -> list:
        _refuse([f"duplicate {what} {item!r}" for item in _duplicates(items)])
        return items

    return AfterValidator(check)


# people.yaml ----------------------------------------------------------------------------------


class Person(DemoModel):
    """A demo account; customers belong to a company (and segment), everyone else to a department."""

    local: Local
    name: Name
    role: Annotated[str, _one_of(ROLES, "role")]
    bio: Annotated[str, StringConstraints(max_length=500)] = ""
    expertise: Annotated[list[Slug], _unique("expertise")] = []
    company: Name | None = None
    segment: Name | None = None
    department: Name | None = None
    title: Name | None = None

    @model_validator(mode="after")
    def _organisation(self) -> "Person":
        customers = ("customers", ("company", "segment"))
        staff = ("employees, pms and admins", ("department", "title"))
        (own, needed), (others, unwanted) = (customers, staff) if self.role == "customer" else (staff, customers)
        _refuse(
            [f"`{field}` is required for {own}" for field in needed if getattr(self, field) is None]
            + [f"`{field}` is only for {others}" for field in unwanted if getattr(self, field) is not None]
        )
        return self


class PeopleFile(DemoModel):
    """people.yaml: everyone in the demo, and which logins `flask seed-demo` prints."""

    shown_logins: list[Local]
    people: Annotated[list[Person], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> "PeopleFile":
        roles = self.roles()
        problems = [f"local {local!r} is used twice" for local in _duplicates([p.local for p in self.people])]
        # Mentions find people by name, so two people with one name would make @mentions ambiguous.
        problems += [f"name {name!r} is used twice" for name in _duplicates([p.name.casefold() for p in self.people])]
        if roles.get("admin") != "admin":  # the seed recognizes a seeded database by admin@…
            problems.append("needs an admin whose local is 'admin'")
        problems += [f"shown login {local!r} is not a person" for local in self.shown_logins if local not in roles]
        problems += [f"shown login {local!r} is listed twice" for local in _duplicates(self.shown_logins)]
        _refuse(problems)
        return self

    def roles(self) -> dict[str, str]:
        """local → role."""
        return {person.local: person.role for person in self.people}


# ideas.yaml -----------------------------------------------------------------------------------


class Reply(DemoModel):
    """A comment: who wrote it and its markdown."""

    author: Local
    body: CommentBody


class Thread(Reply):
    """A top-level comment and its replies."""

    replies: Annotated[list[Reply], Field(max_length=2)] = []


class Idea(DemoModel):
    """One demo idea with its activity; people are named by their local part."""

    title: Title
    author: Local
    visibility: Annotated[str, _one_of(VISIBILITIES, "visibility")]
    status: Annotated[str, _one_of(IDEA_STATUSES, "status")]
    status_note: Annotated[str, StringConstraints(max_length=2000)] = ""
    age_days: Annotated[int, Field(ge=1, le=200)]
    tags: Annotated[
        list[Annotated[str, _one_of(ALLOWED_TAGS, "tag")]], Field(min_length=1, max_length=4), _unique("tag")
    ]
    body: Annotated[str, StringConstraints(min_length=250, max_length=1200)]
    supporters: Annotated[list[Local], Field(max_length=12), _unique("supporter")] = []
    ratings: Annotated[dict[Local, Annotated[int, Field(ge=1, le=5)]], Field(max_length=10)] = {}
    comments: Annotated[list[Thread], Field(max_length=5)] = []

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "Idea":
        (people,) = _context(info, "people")
        roles, names = people.roles(), {p.name.casefold(): p.role for p in people.people}
        internal = self.visibility == "internal"
        problems = []
        if self.status == "new" and self.status_note:
            problems.append("a new idea must not have a status note")
        if self.status != "new" and not self.status_note:
            problems.append(f"status {self.status!r} needs a status note")
        if self.author in self.supporters:
            problems.append("the author cannot support their own idea")
        comments = [entry for thread in self.comments for entry in (thread, *thread.replies)]
        who = [("author", self.author)] + [("supporter", local) for local in self.supporters]
        who += [("rater", local) for local in self.ratings] + [("commenter", c.author) for c in comments]
        for what, local in who:
            if local not in roles:
                problems.append(f"{what} {local!r} is not a person in people.yaml")
            elif internal and roles[local] == "customer":
                problems.append(f"{what} {local!r} is a customer on an internal idea")
        for comment in comments:
            for mention in MENTION_PATTERN.finditer(comment.body):
                problems += _mention_problems(mention.group(1), names, internal, comment.author)
        _refuse(problems)
        return self


def _mention_problems(written: str, names: dict[str, str], internal: bool, author: str) -> list[str]:
    """The comments service links "@" + the longest run of words that is a name; check one exists.
    A sentence's full stop after the name is not part of it here (the service's pattern keeps it,
    so "@Grace Okafor." is not linked there: a bug of the mention pattern, not of the data)."""
    words = written.split(" ")
    for size in range(len(words), 0, -1):
        role = names.get(" ".join(words[:size]).rstrip(".").casefold())
        if role == "customer" and internal:
            return [f"comment by {author!r} mentions customer @{' '.join(words[:size])} on an internal idea"]
        if role is not None:
            return []
    return [f'comment by {author!r} mentions someone at "@{written}" who is not a person in people.yaml']


class IdeasFile(DemoModel):
    """ideas.yaml: the ideas in seeding order, and which pm moves each past `new`."""

    status_changed_by: dict[str, Local]
    ideas: list[Idea]

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "IdeasFile":
        (people,) = _context(info, "people")
        roles = people.roles()
        problems = []
        if len(self.ideas) != IDEA_COUNT:
            problems.append(f"expected {IDEA_COUNT} ideas (the `seed-demo --ideas` default), found {len(self.ideas)}")
        titles = [idea.title for idea in self.ideas]
        problems += [
            f"idea #{titles.index(title, titles.index(title) + 1) + 1}: duplicate title {title!r}"
            for title in _duplicates(titles)
        ]
        if "default" not in self.status_changed_by:
            problems.append("status_changed_by needs a `default`")
        for key, local in self.status_changed_by.items():
            if key != "default" and key not in ALLOWED_TAGS:
                problems.append(f"status_changed_by: unknown tag {key!r}")
            if roles.get(local) not in STAFF:
                problems.append(f"status_changed_by: {local!r} is not a pm or admin in people.yaml")
        _refuse(problems)
        return self

    def status_changer(self, idea: Idea) -> str:
        """The local part of the pm who sets this idea's status."""
        return next(
            (self.status_changed_by[tag] for tag in idea.tags if tag in self.status_changed_by),
            self.status_changed_by["default"],
        )


# rounds.yaml ----------------------------------------------------------------------------------

Amount = Annotated[float, Field(ge=0, le=1e12)]


class Impact(DemoModel):
    """A candidate's impact data as the decisions service takes it; only the keys given are sent."""

    cost: Amount | None = None
    cost_low: Amount | None = None
    cost_high: Amount | None = None
    annual_benefit: Amount | None = None
    benefit_low: Amount | None = None
    benefit_high: Amount | None = None
    effort_weeks: Amount | None = None
    reach: Annotated[int, Field(ge=0)] | None = None
    confidence: Annotated[float, Field(ge=0, le=100)] | None = None
    risk: Annotated[str, _one_of(RISKS, "risk")] | None = None
    sources: Annotated[str, StringConstraints(max_length=5000)] | None = None

    @model_validator(mode="after")
    def _ranges(self) -> "Impact":
        problems = []
        for low, value, high in (("cost_low", "cost", "cost_high"), ("benefit_low", "annual_benefit", "benefit_high")):
            lo, mid, hi = getattr(self, low), getattr(self, value), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                problems.append(f"{low} is above {high}")
            if mid is not None and ((lo is not None and mid < lo) or (hi is not None and mid > hi)):
                problems.append(f"{value} is outside {low}..{high}")
        _refuse(problems)
        return self


class Candidate(DemoModel):
    """An idea (by title) put to the vote with its impact data."""

    idea: Title
    impact: Impact = Impact()


class Ballot(DemoModel):
    """One voter's ballot; candidates by idea title."""

    voter: Local
    ranking: list[Title] | None = None
    approvals: list[Title] | None = None
    reason: Annotated[str, StringConstraints(max_length=REASON_MAX, pattern=r"^[^\n]*$")] = ""

    @model_validator(mode="after")
    def _one_form(self) -> "Ballot":
        if (self.ranking is None) == (self.approvals is None):
            raise ValueError("a ballot has either `ranking` or `approvals`")
        _refuse([f"{title!r} is chosen twice" for title in _duplicates(self.choices)])
        return self

    @property
    def choices(self) -> list[str]:
        """The ranked or approved titles."""
        return self.ranking if self.ranking is not None else self.approvals


class Decision(DemoModel):
    """What the pm decides for one candidate; departing from the vote needs a rationale."""

    idea: Title
    decision: Annotated[str, _one_of(DECISIONS, "decision")]
    rationale: Annotated[str, StringConstraints(max_length=5000)] = ""


class Outcome(DemoModel):
    """The published outcome of a decided round."""

    summary: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    decisions: list[Decision]


class Weights(DemoModel):
    """How much each constituency's tally counts."""

    customer: Annotated[float, Field(ge=0, le=1)]
    employee: Annotated[float, Field(ge=0, le=1)]


class Round(DemoModel):
    """A decision round: decided when it has an `outcome`, else left open for voting."""

    title: Title
    pm: Local
    method: Annotated[str, _one_of(METHODS, "method")]
    description: Annotated[str, StringConstraints(max_length=20_000)] = ""
    budget: Annotated[float, Field(gt=0, lt=1e13)] | None = None
    weights: Weights
    closes_in_days: Annotated[int, Field(ge=1)] | None = None
    candidates: Annotated[list[Candidate], Field(min_length=2)]
    ballots: list[Ballot] = []
    outcome: Outcome | None = None
    opened_days_ago: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "Round":
        people, ideas = _context(info, "people", "ideas")
        roles, by_title = people.roles(), {idea.title: idea for idea in ideas.ideas}
        titles = [candidate.idea for candidate in self.candidates]
        costs = {c.idea: c.impact.cost or 0.0 for c in self.candidates}
        problems = [f"candidate {title!r} is listed twice" for title in _duplicates(titles)]
        if roles.get(self.pm) not in STAFF:
            problems.append(f"pm {self.pm!r} is not a pm or admin in people.yaml")
        if (self.method == "budget") != (self.budget is not None):
            problems.append("a budget round needs `budget`, and only a budget round has one")
        for title in titles:
            idea = by_title.get(title)
            if idea is None:
                problems.append(f"candidate {title!r} is not an idea in ideas.yaml")
            elif idea.visibility != "public" or idea.status not in OPEN_STATUSES:
                problems.append(
                    f"candidate {title!r} is {idea.visibility} and {idea.status}; "
                    f"a candidate is public and {' or '.join(OPEN_STATUSES)}"
                )
        problems += [f"voter {local!r} votes twice" for local in _duplicates([b.voter for b in self.ballots])]
        form = "ranking" if self.method == "ranked" else "approvals"
        for ballot in self.ballots:
            where = f"ballot of {ballot.voter!r}"
            if ballot.voter not in roles:
                problems.append(f"{where}: {ballot.voter!r} is not a person in people.yaml")
            if getattr(ballot, form) is None:
                problems.append(f"{where}: a {self.method} round's ballots give `{form}`")
            problems += [f"{where}: {title!r} is not a candidate" for title in ballot.choices if title not in costs]
            spent = sum(costs.get(title, 0.0) for title in ballot.choices)
            if self.budget is not None and spent > self.budget:
                problems.append(f"{where}: approvals cost {spent:,.0f}, over the budget of {self.budget:,.0f}")
        if self.outcome is not None:
            decided = [decision.idea for decision in self.outcome.decisions]
            problems += [f"outcome: {title!r} is decided twice" for title in _duplicates(decided)]
            problems += [f"outcome: {title!r} is not a candidate" for title in decided if title not in costs]
            problems += [f"outcome: {title!r} is not decided" for title in titles if title not in decided]
        if self.outcome is not None and self.closes_in_days is not None:
            problems.append("a decided round is closed by the seed; `closes_in_days` is for an open one")
        if self.outcome is None and self.opened_days_ago is not None:
            problems.append("`opened_days_ago` back-dates a decided round; this one has no outcome")
        _refuse(problems)
        return self


class RoundsFile(DemoModel):
    """rounds.yaml: the rounds in seeding order."""

    rounds: list[Round]

    @model_validator(mode="after")
    def _consistent(self) -> "RoundsFile":
        titles = [candidate.idea for round_ in self.rounds for candidate in round_.candidates]
        # A candidate's idea becomes `in_round`, and a later round would find it no longer open.
        problems = [f"idea {title!r} is a candidate in two rounds" for title in _duplicates(titles)]
        # ../shared/API.md promises both from `flask seed-demo`.
        if not any(round_.outcome for round_ in self.rounds):
            problems.append("needs a decided round (one with an `outcome`)")
        if all(round_.outcome for round_ in self.rounds):
            problems.append("needs a round left open for voting (one without an `outcome`)")
        _refuse(problems)
        return self
