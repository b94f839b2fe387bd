"""Round forms; ballots and outcomes are parsed from plain form fields (one per candidate)."""

import re
from datetime import datetime

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..platform.errors import ValidationFailed
from ..platform.input import DB_INT_MAX, CleanText, text_problem
from ..platform.templating import viewer_time_zone
from .amounts import AmountError, amount_text, parse_amount
from .impact import NUMBER_FIELDS
from .models import ELIGIBILITY, METHODS, RISKS
from .money import currency_code

METHOD_LABELS = {
    "approval": "Approval — tick every idea you support",
    "score": "Score — rate each idea 0–5",
    "ranked": "Ranked — order the ideas (Schulze)",
    "budget": "Budget — pick ideas within a budget",
}


ELIGIBILITY_LABELS = {
    "everyone": "Everyone signed in — customers and employees, each side counted with its weight",
    "customers": "Customers only — employees can read and discuss but not vote",
    "employees": "Employees only — needed when a candidate is internal; customers cannot see the round",
    "invited": "Invited people only — a list you choose (through the API); nobody else may vote",
}


class RoundForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(min=5, max=140), CleanText(min_visible=5)])
    description = TextAreaField(
        "What is being decided, and why now?", validators=[Length(max=20_000), CleanText(multiline=True)]
    )
    method = SelectField("Ballot method", choices=[(m, METHOD_LABELS[m]) for m in METHODS])
    budget = DecimalField("Budget (budget rounds only)", validators=[Optional(), NumberRange(min=0)])
    # Percentages here (as every other screen shows them); the service and the API keep shares of 1.
    weight_customer = DecimalField(
        "Customers (%)", default=50, places=0, validators=[InputRequired(), NumberRange(min=0, max=100)]
    )
    weight_employee = DecimalField(
        "Employees (%)", default=50, places=0, validators=[InputRequired(), NumberRange(min=0, max=100)]
    )
    eligibility = RadioField(
        "Who may vote", choices=[(e, ELIGIBILITY_LABELS[e]) for e in ELIGIBILITY], default="everyone"
    )
    results_visibility = SelectField(
        "Results", choices=[("after_close", "Hidden until the round closes"), ("live", "Live while voting")]
    )
    quorum_customer = IntegerField(
        "Quorum: customer ballots (optional)", validators=[Optional(), NumberRange(min=0, max=DB_INT_MAX)]
    )
    quorum_employee = IntegerField(
        "Quorum: employee ballots (optional)", validators=[Optional(), NumberRange(min=0, max=DB_INT_MAX)]
    )
    voting_opens_at = DateTimeLocalField("Voting opens (optional)", validators=[Optional()])
    closes_at = DateTimeLocalField("Voting closes (optional)", validators=[Optional()])

    def validate_weight_employee(self, field) -> None:
        customer = self.weight_customer.data
        if customer is not None and field.data is not None and customer + field.data != 100:
            raise ValidationError("The two weights must add up to 100 %.")

    def weights(self) -> dict[str, float]:
        return {"customer": float(self.weight_customer.data) / 100, "employee": float(self.weight_employee.data) / 100}

    def moment(self, field) -> datetime | None:
        """A picker's wall-clock time read in the pm's own zone, as an aware time (stored UTC)."""
        return field.data.replace(tzinfo=viewer_time_zone()) if field.data else None


class AmountField(StringField):
    """Money typed as people write it ("12k", "€12,000"; decisions/amounts.py); `data` is a
    float, or None when left empty. Shown back as "12,000"."""

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        self.data = None
        if text.strip():
            try:
                self.data = parse_amount(text, currency=currency_code())
            except AmountError as exc:
                raise ValueError(str(exc)) from exc

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return amount_text(self.data)


class PlainDecimalField(DecimalField):
    """Shown back as people write it: "8" and "70", not DecimalField's "8.00" and "70.00"."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{float(self.data):.2f}".rstrip("0").rstrip(".")


UNKNOWN_HINT = "Leave empty if not known yet."


class ImpactForm(FlaskForm):
    """Every figure may be left empty ("not known yet"); cost and annual benefit are needed
    before voting opens, which the round page's checklist says."""

    cost = AmountField("Cost", validators=[Optional()], description=UNKNOWN_HINT)
    cost_low = AmountField("Cost, low estimate", validators=[Optional()])
    cost_high = AmountField("Cost, high estimate", validators=[Optional()])
    annual_benefit = AmountField("Annual benefit", validators=[Optional()], description=UNKNOWN_HINT)
    benefit_low = AmountField("Benefit, low estimate", validators=[Optional()])
    benefit_high = AmountField("Benefit, high estimate", validators=[Optional()])
    effort_weeks = PlainDecimalField("Effort (weeks)", validators=[Optional(), NumberRange(min=0)])
    reach = IntegerField(
        "Reach (people or accounts per year)", validators=[Optional(), NumberRange(min=0, max=DB_INT_MAX)]
    )
    confidence = PlainDecimalField("Confidence (%)", validators=[Optional(), NumberRange(min=0, max=100)])
    risk = SelectField("Risk", choices=[("", "Not known yet")] + [(r, r.capitalize()) for r in RISKS])
    sources = TextAreaField("Sources of these numbers", validators=[Length(max=5000), CleanText(multiline=True)])

    def impact(self) -> dict:
        values = {}
        for name in NUMBER_FIELDS:
            value = getattr(self, name).data
            values[name] = float(value) if value is not None else None
        values.update(reach=self.reach.data, risk=self.risk.data or None, sources=self.sources.data or "")
        return values


class CandidateForm(ImpactForm):
    idea_id = IntegerField("Idea number", validators=[DataRequired(), NumberRange(min=1, max=DB_INT_MAX)])


_WHOLE = re.compile(r"[0-9]{1,10}")  # ASCII digits: "²".isdigit() is true, yet int("²") fails


def _digits(value: str) -> bool:
    return bool(_WHOLE.fullmatch(value))


def _text(value: str, name: str, *, multiline: bool) -> str:
    problem = text_problem(value, multiline=multiline)
    if problem:
        raise ValidationFailed(f"The {name} {problem}.", fields={name: [problem.capitalize() + "."]})
    return value


def ideas_from_form(form) -> tuple[int, list[int]]:
    """The round and the ticked ideas of an "Add to round" form."""
    round_id = form.get("round_id", "")
    if not _digits(round_id):
        raise ValidationFailed("Choose a round.", fields={"round_id": ["Choose a round."]})
    chosen = form.getlist("idea_ids")
    if not chosen:
        raise ValidationFailed("Tick at least one idea to add.", fields={"idea_ids": ["Tick an idea."]})
    if not all(_digits(value) for value in chosen):
        raise ValidationFailed("Choose among the listed ideas.", fields={"idea_ids": ["Unknown idea."]})
    # A page that shows an idea twice (a card and a search hit) may send it twice: once is meant.
    return int(round_id), list(dict.fromkeys(int(value) for value in chosen))


def ballot_from_form(round_, form) -> dict:
    """The API-shaped ballot from the no-JavaScript form fields."""
    ids = [c.id for c in round_.candidates]
    reason = _text((form.get("reason") or "").strip(), "reason", multiline=False)
    if round_.method in ("approval", "budget"):
        chosen = form.getlist("approvals")
        if not all(_digits(value) for value in chosen):
            raise ValidationFailed("Choose among the listed ideas.")
        return {"approvals": [int(v) for v in chosen], "reason": reason}
    if round_.method == "score":
        scores = {}
        for cid in ids:
            value = form.get(f"score-{cid}", "0")
            if not _digits(value):
                raise ValidationFailed("Scores are whole numbers from 0 to 5.")
            scores[str(cid)] = int(value)
        return {"scores": scores, "reason": reason}
    ranks = {}
    for cid in ids:
        value = form.get(f"rank-{cid}", "")
        if value:
            if not _digits(value):
                raise ValidationFailed("Ranks are numbers.")
            ranks[cid] = int(value)
    taken = sorted(ranks.values())
    if len(set(taken)) != len(taken):
        raise ValidationFailed("Two ideas share the same place; give each place to one idea only.")
    return {"ranking": [cid for cid, _place in sorted(ranks.items(), key=lambda kv: kv[1])], "reason": reason}


def outcome_from_form(round_, form) -> tuple[str, list[dict]]:
    decisions = [
        {
            "candidate_id": c.id,
            "decision": form.get(f"decision-{c.id}", ""),
            "rationale": _text(form.get(f"rationale-{c.id}", ""), "rationale", multiline=True),
        }
        for c in round_.candidates
    ]
    return _text(form.get("summary", ""), "summary", multiline=True), decisions
