"""The schema of data/rounds.yaml, validated with people.yaml and ideas.yaml as context: each
round's candidates are open public ideas posted (and last moved) before the round began, its
impact numbers are complete, plausible and the candidates' own, its phases come in order, and
each voter was a member while it was open. See schema.py for the other two files.
"""

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, ValidationInfo, model_validator

from ..accounts.permissions import STAFF
from ..decisions.ballots import REASON_MAX
from ..decisions.models import DECISIONS, RISKS
from . import timeline
from .schema import (
    ALLOWED_TAGS,
    OPEN_STATUSES,
    DemoModel,
    IdeasFile,
    Local,
    PeopleFile,
    Title,
    _context,
    _duplicates,
    _one_of,
    _refuse,
    presence,
)
from .timeline import describe

METHODS = ("ranked", "approval", "budget")  # the ballots a file can spell (score ballots are not used)
Amount = Annotated[float, Field(ge=0, le=1e12)]
# A first-year return above this reads as a typo in a cost or a benefit (benefit ≤ 5 × cost).
MAX_BENEFIT_PER_COST = 5.0
# What each candidate must give, so that voters compare like with like.
REQUIRED_IMPACT = ("cost", "annual_benefit", "effort_weeks", "reach", "confidence", "risk", "sources")
RANGES = (("cost_low", "cost", "cost_high"), ("benefit_low", "annual_benefit", "benefit_high"))


def range_problems(impact: BaseModel | dict) -> list[str]:
    """low ≤ value ≤ high for cost and benefit, in a model or a dict of the same keys."""
    values = impact if isinstance(impact, dict) else impact.model_dump()
    problems = []
    for low, value, high in RANGES:
        lo, mid, hi = values.get(low), values.get(value), values.get(high)
        if lo is not None and hi is not None and lo > hi:
            problems.append(f"{low} is above {high}")
        if mid is not None and ((lo is not None and mid < lo) or (hi is not None and mid > hi)):
            problems.append(f"{value} is outside {low}..{high}")
    return problems


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
        _refuse(range_problems(self))
        return self

    def given(self) -> dict:
        return self.model_dump(exclude_unset=True)


class Revision(DemoModel):
    """A later change of a candidate's impact data (the new values only), `days_ago` days before
    the seed; its `sources` should say what the change rests on."""

    days_ago: Annotated[int, Field(ge=1)]
    impact: Impact


class Candidate(DemoModel):
    """An idea (by title) put to the vote with its impact data, and the data's later revisions."""

    idea: Title
    impact: Impact
    revisions: list[Revision] = []

    def final_impact(self) -> dict:
        values = self.impact.given()
        for revision in self.revisions:
            values.update(revision.impact.given())
        return values


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
        return self.ranking if self.ranking is not None else (self.approvals or [])


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


Days = Annotated[int, Field(ge=1)]


class Round(DemoModel):
    """A decision round: decided when it has an `outcome`, else left open for voting. Its phases
    are counted in days before the seed: made (with its candidates), opened, and for a decided
    round closed and decided; an open round closes `closes_in_days` after the seed."""

    title: Title
    pm: Local
    method: Annotated[str, _one_of(METHODS, "method")]
    # What the round is about: every candidate carries at least one of these tags.
    themes: Annotated[list[Annotated[str, _one_of(ALLOWED_TAGS, "tag")]], Field(min_length=1)]
    description: Annotated[str, StringConstraints(max_length=20_000)] = ""
    budget: Annotated[float, Field(gt=0, lt=1e13)] | None = None
    weights: Weights
    created_days_ago: Days
    opened_days_ago: Days
    closed_days_ago: Days | None = None
    decided_days_ago: Days | None = None
    closes_in_days: Days | None = None
    candidates: Annotated[list[Candidate], Field(min_length=2)]
    ballots: list[Ballot] = []
    outcome: Outcome | None = None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "Round":
        people, ideas = _context(info, "people", "ideas")
        problems = self._shape_problems(people, ideas) + self._impact_problems() + self._ballot_problems(people)
        problems += self._outcome_problems()
        if not problems:  # the times are read from a round whose shape is sound
            problems += self._time_problems(people.by_local(), ideas)
        _refuse(problems)
        return self

    def _shape_problems(self, people: PeopleFile, ideas: IdeasFile) -> list[str]:
        roles, by_title = people.roles(), {idea.title: idea for idea in ideas.ideas}
        titles = [candidate.idea for candidate in self.candidates]
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
            if idea is not None and not set(idea.tags) & set(self.themes):
                problems.append(
                    f"candidate {title!r} is off the round's theme: it has none of the tags {', '.join(self.themes)}"
                )
        decided = self.outcome is not None
        for name, wanted in (
            ("closed_days_ago", decided),
            ("decided_days_ago", decided),
            ("closes_in_days", not decided),
        ):
            if wanted and getattr(self, name) is None:
                problems.append(f"a {'decided' if decided else 'open'} round needs `{name}`")
            if not wanted and getattr(self, name) is not None:
                problems.append(f"`{name}` is for {'an open' if decided else 'a decided'} round only")
        return problems

    def _impact_problems(self) -> list[str]:
        problems = []
        for candidate in self.candidates:
            where = f"candidate {candidate.idea!r}"
            values = candidate.impact.given()
            problems += [f"{where}: impact needs `{key}`" for key in REQUIRED_IMPACT if values.get(key) in (None, "")]
            for revision in candidate.revisions:
                problems += [
                    f"{where}: after the revision of {revision.days_ago} days ago, {p}"
                    for p in range_problems(values | revision.impact.given())
                ]
                values |= revision.impact.given()
            cost, benefit = values.get("cost") or 0.0, values.get("annual_benefit") or 0.0
            if cost and benefit > MAX_BENEFIT_PER_COST * cost:
                problems.append(
                    f"{where}: an annual benefit of {benefit:,.0f} is {benefit / cost:.1f} times "
                    f"the cost of {cost:,.0f}; "
                    f"above {MAX_BENEFIT_PER_COST:g} times it reads as a typo"
                )
        numbers = [
            tuple(c.impact.given().get(k) for k in ("cost", "annual_benefit", "effort_weeks", "reach", "confidence"))
            for c in self.candidates
        ]
        problems += [
            f"candidates {self.candidates[numbers.index(n)].idea!r} and {self.candidates[i].idea!r} "
            "have the same impact numbers"
            for i, n in enumerate(numbers)
            if numbers.index(n) != i
        ]
        if self.budget is not None:
            costs = [c.final_impact().get("cost") or 0.0 for c in self.candidates]
            if self.budget >= sum(costs):
                problems.append(
                    f"the budget of {self.budget:,.0f} funds every candidate (together {sum(costs):,.0f}): "
                    "nothing to decide"
                )
            if self.budget < min(costs):
                problems.append(
                    f"the budget of {self.budget:,.0f} funds no candidate (the cheapest costs {min(costs):,.0f})"
                )
        return problems

    def _ballot_problems(self, people: PeopleFile) -> list[str]:
        roles = people.roles()
        costs = {c.idea: c.final_impact().get("cost") or 0.0 for c in self.candidates}
        problems = [f"voter {local!r} votes twice" for local in _duplicates([b.voter for b in self.ballots])]
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
        return problems

    def _outcome_problems(self) -> list[str]:
        if self.outcome is None:
            return []
        titles = [candidate.idea for candidate in self.candidates]
        decided = [decision.idea for decision in self.outcome.decisions]
        problems = [f"outcome: {title!r} is decided twice" for title in _duplicates(decided)]
        problems += [f"outcome: {title!r} is not a candidate" for title in decided if title not in titles]
        problems += [f"outcome: {title!r} is not decided" for title in titles if title not in decided]
        return problems

    # Time ----------------------------------------------------------------------------------------

    def phases(self) -> list[tuple[str, int]]:
        """(phase, moment) in the order they must come: made, opened, and closed and decided."""
        phases = [("made", timeline.working_hours(self.created_days_ago, self.title + "made"))]
        phases.append(("opened", timeline.at(self.opened_days_ago, 9 * 60 + timeline.jitter(self.title, 60))))
        if self.closed_days_ago is not None:
            phases.append(("closed", timeline.at(self.closed_days_ago, 17 * 60 + timeline.jitter(self.title, 60))))
        if self.decided_days_ago is not None:
            phases.append(("decided", timeline.at(self.decided_days_ago, 10 * 60 + timeline.jitter(self.title, 120))))
        return phases

    def end(self) -> int:
        """When voting ended: at closing, or (still open) not before the seed."""
        return dict(self.phases()).get("closed", 0)

    def revision_moment(self, candidate: Candidate, revision: Revision) -> int:
        return timeline.working_hours(revision.days_ago, self.title + candidate.idea)

    def ballot_moments(self, people: dict) -> dict[str, int]:
        opened = dict(self.phases())["opened"]
        return timeline.ballot_moments([b.voter for b in self.ballots], people, opened, self.end())

    def _time_problems(self, people: dict, ideas: IdeasFile) -> list[str]:
        phases = self.phases()
        problems = [
            f"{later} ({describe(b)}) does not come after {earlier} ({describe(a)})"
            for (earlier, a), (later, b) in zip(phases, phases[1:], strict=False)
            if b >= a
        ]
        for phase, moment in phases:
            problems += presence(people, self.pm, moment, f"the round {phase} by {self.pm!r}")
        made, opened = phases[0][1], phases[1][1]
        by_title = {idea.title: idea for idea in ideas.ideas}
        for candidate in self.candidates:
            idea = by_title[candidate.idea]
            if timeline.posted(idea) <= made:
                problems.append(
                    f"candidate {idea.title!r} was posted {idea.age_days} days ago, "
                    f"after the round was made ({describe(made)})"
                )
            for status, _note, moment in timeline.status_steps(idea):
                if moment <= made:
                    problems.append(
                        f"candidate {idea.title!r}: its status {status!r} ({describe(moment)}) "
                        "comes after the round was made"
                    )
            for revision in candidate.revisions:
                moment = self.revision_moment(candidate, revision)
                what = f"candidate {idea.title!r}: the revision of {revision.days_ago} days ago"
                if not made > moment > self.end():
                    problems.append(f"{what} is outside the round's time ({describe(made)} to {describe(self.end())})")
                problems += presence(people, self.pm, moment, f"{what} by {self.pm!r}")
        dated = self.ballot_moments(people)
        problems += [
            f"ballot of {b.voter!r}: they were not a member between the opening ({describe(opened)}) "
            "and their last visit"
            for b in self.ballots
            if b.voter not in dated
        ]
        return problems


class RoundsFile(DemoModel):
    """rounds.yaml: the rounds in seeding order."""

    rounds: list[Round]

    @model_validator(mode="after")
    def _consistent(self) -> "RoundsFile":
        titles = [candidate.idea for round_ in self.rounds for candidate in round_.candidates]
        # A candidate's idea becomes `in_round`, and a later round would find it no longer open.
        problems = [f"idea {title!r} is a candidate in two rounds" for title in _duplicates(titles)]
        sources = [(c.idea, s) for r in self.rounds for c in r.candidates for s in [c.impact.sources] if s]
        texts = [text for _idea, text in sources]
        problems += [
            f"candidates {sources[texts.index(text)][0]!r} and {idea!r} cite the same sources; each idea has its own"
            for i, (idea, text) in enumerate(sources)
            if texts.index(text) != i
        ]
        # ../shared/API.md promises both from `flask seed-demo`.
        if not any(round_.outcome for round_ in self.rounds):
            problems.append("needs a decided round (one with an `outcome`)")
        if all(round_.outcome for round_ in self.rounds):
            problems.append("needs a round left open for voting (one without an `outcome`)")
        _refuse(problems)
        return self
