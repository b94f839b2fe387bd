"""Admin forms: shape checks only; admin/settings.py decides what is allowed."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField

from .settings import PREMODERATION

# What each choice means, in the words the settings page shows.
PREMODERATION_CHOICES = {
    "off": ("Publish at once", "New ideas and comments appear as soon as they are posted."),
    "customers": (
        "Customers wait for approval",
        "New ideas and comments from customers wait until a product manager or admin approves them. "
        "Employees publish at once.",
    ),
    "new_accounts": (
        "New accounts wait for approval",
        "Anyone whose account is younger than 7 days, or who has nothing published yet, waits for approval. "
        "After their first approved idea or comment and their first week, they publish at once.",
    ),
    "everyone": (
        "Everyone waits for approval",
        "Every new idea and comment waits for approval, except those of product managers and admins.",
    ),
}
assert tuple(PREMODERATION_CHOICES) == PREMODERATION


class SettingsForm(FlaskForm):
    premoderation = RadioField(
        "Approval before publishing",
        choices=[(key, label) for key, (label, _help) in PREMODERATION_CHOICES.items()],
    )


class PremoderateForm(FlaskForm):
    hold = BooleanField("Hold for approval")
