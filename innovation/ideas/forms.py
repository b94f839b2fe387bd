"""Idea and discussion forms (shape only; services decide)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    ColorField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..platform.input import DB_INT_MAX, CleanText
from .models import STATUSES
from .services import BODY_MAX, TITLE_MAX, TITLE_MIN
from .status_services import COLOR_PATTERN, KEY_PATTERN
from .statuses import SETTABLE_BASES, grouped_by_base, label_of


def settable_status_choices() -> dict[str, list[tuple[str, str]]]:
    """The statuses a pm may choose, grouped by base: the base's own first, then the team's."""
    return {own.label: [(own.key, own.label)] + [(s.key, s.label) for s in custom] for own, custom in grouped_by_base()}


def filter_status_choices() -> list[tuple[str, str]]:
    """Every status ideas in lists can have: a base finds all of its ideas, the team's own only theirs."""
    choices = [("", "Any status")]
    for own, custom in grouped_by_base(tuple(s for s in STATUSES if s != "merged")):
        choices.append((own.key, own.label))
        choices.extend((s.key, f"{s.label} ({own.label})") for s in custom)
    return choices


class IdeaForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[DataRequired(), Length(min=TITLE_MIN, max=TITLE_MAX), CleanText(min_visible=TITLE_MIN)],
        description="One sentence: what should change?",
    )
    body = TextAreaField(
        "Description",
        validators=[Length(max=BODY_MAX), CleanText(multiline=True)],
        description="Markdown works: **bold**, lists, links. Who has the problem, and why does it matter?",
    )
    tags = StringField(
        "Tags",
        validators=[Length(max=500), CleanText()],
        description="Up to 10, comma-separated, e.g. scheduling, mobile.",
    )
    visibility = SelectField(
        "Who can see it",
        choices=[("public", "Everyone (customers and employees)"), ("internal", "Employees only (internal)")],
        default="public",
    )


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Your comment",
        validators=[DataRequired(), Length(max=10_000), CleanText(multiline=True, min_visible=1)],
        description="Markdown works. Mention someone with @Their Name.",
    )
    parent_id = HiddenField(validators=[Optional(), Regexp("^[0-9]{1,10}$", message="Reply to a listed comment.")])


class RatingForm(FlaskForm):
    value = RadioField("Your rating", choices=[(str(n), str(n)) for n in range(1, 6)], validators=[DataRequired()])


class StatusForm(FlaskForm):
    status = SelectField("New status", choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = settable_status_choices()

    note = TextAreaField("Note for followers", validators=[Length(max=2000), CleanText(multiline=True)])


class MergeForm(FlaskForm):
    into = IntegerField(
        "Merge into idea number",
        validators=[DataRequired("Choose the idea to merge into."), NumberRange(min=1, max=DB_INT_MAX)],
    )
    move_internal_comments = BooleanField("Move its employee-only comments too; they stay visible to employees only")
    # Empty on the idea page's form: its post shows the confirmation page, whose form sends "1".
    confirm = HiddenField()


class ReasonForm(FlaskForm):
    reason = StringField("Reason", validators=[Optional(), Length(max=500), CleanText()])


class FilterForm(FlaskForm):
    """The idea list's GET filters (no CSRF: they change nothing)."""

    class Meta:
        csrf = False

    q = StringField("Title contains", validators=[Optional(), Length(max=200), CleanText()])
    sort = SelectField(
        "Sort",
        choices=[
            ("hot", "Hot"),
            ("top", "Most supported"),
            ("new", "Newest"),
            ("rated", "Best rated"),
            ("common_ground", "Common ground"),
        ],
        default="hot",
    )
    status = SelectField("Status", choices=[])
    constituency = SelectField(
        "Submitted by", choices=[("", "Anyone"), ("customer", "Customers"), ("employee", "Employees")]
    )
    tag = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = filter_status_choices()


LANE_CHOICES = [
    ("", "Not on the roadmap"),
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("shipped", "Shipped"),
]


class StatusDefinitionForm(FlaskForm):
    """A status an admin adds or changes (the services check every value again)."""

    key = StringField(
        "Key",
        validators=[DataRequired(), Regexp(KEY_PATTERN, message="Lowercase letters, digits, - and _ (at most 32).")],
        description="Used in addresses and the API, e.g. next-quarter; it cannot change later.",
    )
    label = StringField(
        "Label", validators=[DataRequired(), Length(max=40), CleanText(min_visible=1)], description="What people read."
    )
    color = ColorField(
        "Colour", default="#0f766e", validators=[DataRequired(), Regexp(COLOR_PATTERN, message="#rrggbb.")]
    )
    base = SelectField(
        "Counts as",
        choices=[],
        description="The built-in status it belongs to: the API, rounds and reports see this one.",
    )
    lane = SelectField("Roadmap lane", choices=LANE_CHOICES)
    takes_support = BooleanField("Ideas with this status take supports and ratings", default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base.choices = [(s, label_of(s)) for s in SETTABLE_BASES]


class RemoveStatusForm(FlaskForm):
    move_to = SelectField("Move its ideas to", choices=[], validators=[Optional()])
