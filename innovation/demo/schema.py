"""The schema of the demo content in data/*.yaml: pydantic models whose validators hold every rule
the seed relies on, so that a mistake in a file is refused with a message naming the idea, round
or person and the field, before anything reaches the database.

people.yaml is validated on its own; ideas.yaml with the people as validation context (authors,
supporters, raters, commenters and @mentions must be people, and no customer may appear in an
internal idea); rounds.yaml (schema_rounds.py) with the people and the ideas. `load_content()`
in files.py reads and validates the three in that order.

Time is part of the schema: a person acts only between joining and their last visit, an idea's
comments, statuses and votes come after it was posted and in order (timeline.py dates them all,
for these checks and for the seed alike).
"""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator

from ..accounts.models import ROLES
from ..accounts.permissions import STAFF
from ..ideas.comments import MENTION_PATTERN
from ..ideas.models import STATUSES, VISIBILITIES
from . import timeline
from .timeline import describe

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
    # When the account was made, and the day of the person's last visit (by then they had read
    # every notification; nothing they did comes later).
    joined_days_ago: Annotated[int, Field(ge=1, le=3650)]
    last_visit_days_ago: Annotated[int, Field(ge=1, le=3650)] = 1

    @model_validator(mode="after")
    def _organisation(self) -> "Person":
        customers = ("customers", ("company", "segment"))
        staff = ("employees, pms and admins", ("department", "title"))
        (own, needed), (others, unwanted) = (customers, staff) if self.role == "customer" else (staff, customers)
        _refuse(
            [f"`{field}` is required for {own}" for field in needed if getattr(self, field) is None]
            + [f"`{field}` is only for {others}" for field in unwanted if getattr(self, field) is not None]
            + (
                ["`last_visit_days_ago` is before `joined_days_ago`"]
                if self.last_visit_days_ago > self.joined_days_ago
                else []
            )
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

    def by_local(self) -> dict[str, Person]:
        return {person.local: person for person in self.people}


def presence(people: dict[str, Person], local: str, moment: int, what: str) -> list[str]:
    """The problem, if any, with `local` doing `what` at `moment`: before joining, after the last
    visit, or in the future. An unknown person is reported by the checks of names."""
    person = people.get(local)
    if moment <= 0:
        return [f"{what} is in the future ({-moment // timeline.DAY + 1} day(s) from now); make it happen earlier"]
    if person is None:
        return []
    if moment >= timeline.joined(person):
        return [f"{what} ({describe(moment)}) comes before {local!r} joined ({describe(timeline.joined(person))})"]
    if moment < timeline.last_seen(person):
        return [
            f"{what} ({describe(moment)}) comes after {local!r}'s last visit ({person.last_visit_days_ago} days ago)"
        ]
    return []


# ideas.yaml -----------------------------------------------------------------------------------


class Reply(DemoModel):
    """A comment: who wrote it and its markdown."""

    author: Local
    body: CommentBody
    day: Annotated[int, Field(ge=0, le=400)] | None = None  # days after the idea was posted; default: soon


class Thread(Reply):
    """A top-level comment and its replies."""

    replies: Annotated[list[Reply], Field(max_length=2)] = []


class StatusStep(DemoModel):
    """An earlier status of an idea: which, its note, and how many days after posting it was set."""

    status: Annotated[str, _one_of(tuple(s for s in IDEA_STATUSES if s != "new"), "status")]
    day: Annotated[int, Field(ge=0, le=400)]
    note: Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class Idea(DemoModel):
    """One demo idea with its activity; people are named by their local part."""

    title: Title
    author: Local
    visibility: Annotated[str, _one_of(VISIBILITIES, "visibility")]
    status: Annotated[str, _one_of(IDEA_STATUSES, "status")]
    status_note: Annotated[str, StringConstraints(max_length=2000)] = ""
    status_day: Annotated[int, Field(ge=0, le=400)] | None = None  # days after posting; default: the same day
    history: list[StatusStep] = []  # the statuses before `status`, oldest first
    age_days: Annotated[int, Field(ge=1, le=400)]
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
        if self.status == "new" and (self.history or self.status_day is not None):
            problems.append("a new idea has no `history` or `status_day`: it never changed status")
        statuses = [step.status for step in self.history] + [self.status]
        problems += [
            f"history: {before!r} is followed by {before!r} again"
            for before, following in zip(statuses, statuses[1:], strict=False)
            if before == following
        ]
        if self.author in self.supporters:
            problems.append("the author supports their own idea from the start; do not list them as a supporter")
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
        problems += self._time_problems(people.by_local())
        _refuse(problems)
        return self

    def _time_problems(self, people: dict[str, Person]) -> list[str]:
        """Posted after the author joined; statuses, comments and votes after it and in order, each
        by someone who was a member then and had not yet paid their last visit."""
        start = timeline.posted(self)
        problems = presence(people, self.author, start, "posting")
        previous = ("posting", start)
        for status, _note, moment in timeline.status_steps(self):
            what = f"status {status!r}"
            problems += [f"{what} is in the future (the idea is {self.age_days} days old)"] if moment <= 0 else []
            if moment >= previous[1]:
                problems.append(
                    f"{what} ({describe(moment)}) does not come after {previous[0]} ({describe(previous[1])})"
                )
            previous = (what, moment)
        for number, (thread, moments) in enumerate(zip(self.comments, timeline.thread_moments(self), strict=True)):
            where = f"comment {number + 1}"
            entries = [(where, thread.author, moments[0])]
            entries += [
                (f"{where} reply {k + 1}", r.author, m)
                for k, (r, m) in enumerate(zip(thread.replies, moments[1:], strict=True))
            ]
            for (what, author, moment), earlier in zip(entries, [None, *entries], strict=False):
                if earlier is not None and moment >= earlier[2]:
                    problems.append(f"{what} ({describe(moment)}) comes before {earlier[0]} ({describe(earlier[2])})")
                if moment >= start:
                    problems.append(f"{what} ({describe(moment)}) comes before the idea was posted ({describe(start)})")
                problems += presence(people, author, moment, f"{what} by {author!r}")
        supports, ratings = timeline.vote_moments(self, people)
        for what, wanted, dated in (("support", self.supporters, supports), ("rating", self.ratings, ratings)):
            problems += [
                f"{what} of {local!r}: they were not a member between the posting and their last visit"
                for local in wanted
                if local in people and local not in dated
            ]
        return problems


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
        if not problems:  # who changes a status is known only when the mapping is sound
            by_local = people.by_local()
            for number, idea in enumerate(self.ideas):
                changer = self.status_changer(idea)
                for status, _note, moment in timeline.status_steps(idea):
                    what = f"idea #{number + 1} ({idea.title!r}): status {status!r} set by {changer!r}"
                    problems += [p for p in presence(by_local, changer, moment, what) if "future" not in p]
        _refuse(problems)
        return self

    def status_changer(self, idea: Idea) -> str:
        """The local part of the pm who sets this idea's status."""
        return next(
            (self.status_changed_by[tag] for tag in idea.tags if tag in self.status_changed_by),
            self.status_changed_by["default"],
        )
