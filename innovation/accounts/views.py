"""Account pages. Thin: validate the form, call one service, commit, respond."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, logout_user

from ..extensions import limiter
from ..platform.web import FORM_ERROR_STATUS, safe_next, submit_form
from . import bp, credentials, invitations, services
from .forms import (
    AcceptInvitationForm,
    InviteForm,
    LoginForm,
    LogoutForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    SignOutEverywhereForm,
)
from .permissions import STAFF, role_required
from .sessions import start_session


def _login_limit():
    return current_app.config["RATELIMIT_LOGIN"]


def _register_limit():
    return current_app.config["RATELIMIT_REGISTER"]


def _invite_limit():
    return current_app.config["RATELIMIT_INVITE"]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        saved, user = submit_form(
            form, lambda: services.register_customer(form.email.data, form.name.data, form.password.data)
        )
        if saved:
            start_session(user)
            flash(f"Welcome, {user.name}! Your customer account is ready.", "success")
            return redirect(safe_next(url_for("home.home")))
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        # A failure returns the form (no exception), so the commit point keeps its audit row.
        if user is not None:
            start_session(user, remember=form.remember.data)
            flash(f"Signed in as {user.name}.", "success")
            return redirect(safe_next(url_for("home.home")))
        form.form_errors.append("That e-mail address and password do not match an account.")
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if request.method == "POST" and form.validate_on_submit():
        if current_user.is_authenticated:
            services.end_sessions(current_user._get_current_object())
        logout_user()
        flash("You are signed out.", "info")
        return redirect(url_for("home.home"))
    if not current_user.is_authenticated:
        return redirect(url_for("home.home"))
    return render_template("accounts/logout.html", form=form)


@bp.route("/invite", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
@limiter.limit(_invite_limit, methods=["POST"])
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        saved, invitation = submit_form(form, lambda: invitations.invite_employee(current_user, form.email.data))
        if saved:
            flash(f"Invitation sent to {invitation.email}. The link is valid for 7 days.", "success")
            return redirect(url_for("accounts.invite"))
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template("accounts/invite.html", form=form, pending=invitations.pending_invitations()), status


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def accept_invite(token: str):
    invitation = invitations.load_invitation(token)  # 400 page when tampered or expired
    # Opening the link changes nothing (not even who is signed in): only the form's POST does.
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        saved, user = submit_form(
            form, lambda: invitations.accept_invitation(token, form.name.data, form.password.data)
        )
        if saved:
            start_session(user)  # whoever was signed in on this browser before is signed out
            flash(f"Welcome aboard, {user.name}! You joined as an employee.", "success")
            return redirect(url_for("accounts.settings"))
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template("accounts/accept_invite.html", form=form, invitation=invitation), status


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user, formdata=None if request.method == "GET" else request.form)
    if request.method == "GET":
        form.expertise.data = ", ".join(user.expertise_tags)
    password_form = PasswordForm(prefix="pw")
    if request.form.get("which") == "profile" and form.validate_on_submit():
        fields = {k: v for k, v in form.data.items() if k != "csrf_token"}
        saved, _result = submit_form(form, lambda: services.update_profile(user, user, **fields))
        if saved:
            flash("Profile saved.", "success")
            return redirect(url_for("accounts.settings"))
    status = FORM_ERROR_STATUS if request.method == "POST" else 200
    return _settings_page(form, password_form, status)


def _settings_page(form, password_form, status: int):
    return (
        render_template(
            "accounts/settings.html", form=form, password_form=password_form, sign_out_form=SignOutEverywhereForm()
        ),
        status,
    )


@bp.route("/settings/password", methods=["POST"])
@login_required
def change_password():
    user = current_user._get_current_object()
    password_form = PasswordForm(prefix="pw")
    if password_form.validate_on_submit():
        saved, _result = submit_form(
            password_form,
            lambda: services.change_password(
                user, password_form.current_password.data, password_form.new_password.data
            ),
        )
        if saved:
            start_session(user)  # a new session for this device, under the new session version
            flash("Password changed. You are signed out everywhere else; your API tokens stopped working.", "success")
            return redirect(url_for("accounts.settings"))
    form = ProfileForm(obj=user, formdata=None)
    form.expertise.data = ", ".join(user.expertise_tags)
    return _settings_page(form, password_form, FORM_ERROR_STATUS)


@bp.route("/settings/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    # CSRFProtect has checked the form's token before this runs (a 400 page without it).
    credentials.sign_out_everywhere(current_user._get_current_object())
    logout_user()
    flash("You are signed out on every device, and every API token you had has stopped working.", "info")
    return redirect(url_for("accounts.login"))


@bp.errorhandler(invitations.InvalidInvitation)
def invalid_invitation(exc):
    return render_template("errors/error.html", status=400, title="Invitation not valid", message=exc.message), 400
