"""Idea and discussion forms (shape only; services decide)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..platform.input import DB_INT_MAX, CleanText
from .models import STATUSES
from .services import BODY_MAX, TITLE_MAX, TITLE_MIN

STATUS_CHOICES = [(s, s.replace("_", " ").capitalize()) for s in STATUSES if s != "merged"]


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
    status = SelectField("New status", choices=STATUS_CHOICES)
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
    status = SelectField("Status", choices=[("", "Any status"), *STATUS_CHOICES])
    constituency = SelectField(
        "Submitted by", choices=[("", "Anyone"), ("customer", "Customers"), ("employee", "Employees")]
    )
    tag = HiddenField()
