"""The notification centre, preferences, one-click unsubscribe, e-mail verification, and
the admins' failed-deliveries list."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.permissions import role_required
from ..extensions import csrf
from ..platform.web import page_args, safe_next
from . import bp, services
from .centre import notification_groups
from .email_verification import verify_email
from .models import CHANNELS, DIGEST_FREQUENCIES, KINDS
from .preferences import digest_frequency, preferences_of, set_preferences
from .tokens import read_unsubscribe_token, read_verification_token


@bp.route("/notifications")
@login_required
def index():
    page, per_page = page_args(15)
    unread_only = request.args.get("unread") == "1"
    groups = notification_groups(current_user, unread_only=unread_only, page=page, per_page=per_page)
    return render_template("notifications/index.html", groups=groups, unread_only=unread_only)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit()]
    changed = services.mark_read(current_user, ids, everything=request.form.get("all") == "1")
    flash(f"Marked {changed} notification{'s' if changed != 1 else ''} as read.", "info")
    return redirect(safe_next(url_for("notifications.index")))


@bp.route("/notifications/<int:notification_id>/open")
@login_required
def open_one(notification_id: int):
    notification = services.open_notification(current_user, notification_id)
    return redirect(notification.url)


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    if request.method == "POST":
        from flask_wtf.csrf import validate_csrf

        validate_csrf(request.form.get("csrf_token"))
        choices = {kind: request.form[f"channel-{kind}"] for kind in KINDS if f"channel-{kind}" in request.form}
        set_preferences(current_user, choices, request.form.get("digest_frequency"))
        flash("Notification settings saved.", "success")
        return redirect(url_for("notifications.preferences"))
    return render_template(
        "notifications/preferences.html",
        kinds=KINDS,
        channels=CHANNELS,
        chosen=preferences_of(current_user),
        frequencies=DIGEST_FREQUENCIES,
        frequency=digest_frequency(current_user),
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # one-click unsubscribe (RFC 8058) is a POST from the mail client, authorized by the signed token
def unsubscribe(token: str):
    user_id, kind = read_unsubscribe_token(token)  # 400 page when tampered
    if request.method == "POST":
        services.unsubscribe(token)
        return render_template("notifications/unsubscribed.html", kind=kind, label=KINDS.get(kind, ("digest",))[0])
    return render_template(
        "notifications/unsubscribe.html",
        token=token,
        kind=kind,
        label=KINDS.get(kind, ("the digest e-mail",))[0],
        user_id=user_id,
    )


@bp.route("/verify-email/<token>", methods=["GET", "POST"])
def verify(token: str):
    # Opening the link only asks (mail scanners open links too); the button's POST verifies.
    if request.method == "GET":
        _user_id, email = read_verification_token(token)  # 400 page when tampered or expired
        return render_template("notifications/verify_email.html", token=token, email=email)
    user = verify_email(token)
    flash(
        f"Thanks — {user.email} is verified." + (" You joined as an employee." if user.role == "employee" else ""),
        "success",
    )
    return redirect(url_for("home.home"))


@bp.route("/admin/deliveries")
@login_required
@role_required("admin")
def failed_deliveries():
    return render_template("notifications/failed_deliveries.html", deliveries=services.failed_deliveries(current_user))


@bp.route("/admin/deliveries/<int:delivery_id>/retry", methods=["POST"])
@login_required
@role_required("admin")
def retry(delivery_id: int):
    services.retry_delivery(current_user, delivery_id)
    flash("The e-mail will be sent again.", "success")
    return redirect(url_for("notifications.failed_deliveries"))
