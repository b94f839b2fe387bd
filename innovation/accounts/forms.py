"""Account forms: shape checks only; the services decide what is allowed."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from .models import ROLES
from .passwords import MAX_LENGTH, MIN_LENGTH
from .services import BIO_MAX, NAME_MAX, SHORT_FIELD_MAX

_password_length = Length(min=MIN_LENGTH, max=MAX_LENGTH, message=f"Use {MIN_LENGTH} to {MAX_LENGTH} characters.")


class RegisterForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=NAME_MAX)])
    email = EmailField("E-mail address", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Password",
        validators=[DataRequired(), _password_length],
        description=f"At least {MIN_LENGTH} characters; common passwords are refused.",
    )


class LoginForm(FlaskForm):
    email = EmailField("E-mail address", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    remember = BooleanField("Keep me signed in on this device")


class LogoutForm(FlaskForm):
    """Only the CSRF token: signing out is a POST so no other site can trigger it."""


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token, like LogoutForm."""


class AcceptInvitationForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=NAME_MAX)])
    password = PasswordField(
        "Choose a password",
        validators=[DataRequired(), _password_length],
        description=f"At least {MIN_LENGTH} characters; common passwords are refused.",
    )


class InviteForm(FlaskForm):
    email = EmailField("Colleague's e-mail address", validators=[DataRequired(), Length(max=254)])


class ProfileForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=NAME_MAX)])
    bio = TextAreaField(
        "About you",
        validators=[Length(max=BIO_MAX)],
        description="A few sentences: what you work on, what you care about.",
    )
    expertise = StringField(
        "Expertise tags",
        validators=[Length(max=700)],
        description="Comma-separated, e.g. onboarding, billing, accessibility.",
    )
    department = StringField("Department", validators=[Length(max=SHORT_FIELD_MAX)])
    title = StringField("Job title", validators=[Length(max=SHORT_FIELD_MAX)])
    company = StringField("Company", validators=[Length(max=SHORT_FIELD_MAX)])
    segment = StringField(
        "Customer segment",
        validators=[Length(max=SHORT_FIELD_MAX)],
        description="E.g. small business, enterprise, public sector.",
    )


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    new_password = PasswordField("New password", validators=[DataRequired(), _password_length])


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[(role, role) for role in ROLES])
