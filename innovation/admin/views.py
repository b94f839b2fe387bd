"""Admin pages: users and roles, invitations, audit log."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts import credentials, invitations, services
from ..accounts.forms import RoleForm
from ..accounts.permissions import STAFF, role_required
from ..platform.web import FORM_ERROR_STATUS, attempt, page_args, safe_next, submit_form
from . import bp, queries
from .forms import PREMODERATION_CHOICES, PremoderateForm, SettingsForm
from .settings import set_person_premoderation, site_settings, update_site_settings


@bp.route("/")
@login_required
@role_required("admin")
def index():
    page, per_page = page_args(25)
    q = request.args.get("q", "")
    role = request.args.get("role", "")
    users = queries.users_page(q, role, page, per_page)
    role_forms = {user.id: RoleForm(prefix=f"u{user.id}", role=user.role) for user in users.items}
    from ..search.services import index_status

    return render_template(
        "admin/index.html",
        users=users,
        q=q,
        role=role,
        role_forms=role_forms,
        invitations=invitations.pending_invitations(10),
        search_status=index_status(),
    )


@bp.route("/search/reindex", methods=["POST"])
@login_required
@role_required("admin")
def reindex_search():
    from ..search.services import request_reindex

    request_reindex(current_user)
    flash("The search index is being rebuilt in the background; searches keep working meanwhile.", "success")
    return redirect(url_for("admin.index"))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@login_required
@role_required("admin")
def change_role(user_id: int):
    user = services.get_user(user_id)
    form = RoleForm(prefix=f"u{user_id}")
    if form.validate_on_submit():
        _changed, refusal = attempt(lambda: services.change_role(current_user, user, form.role.data))
        flash(refusal.message if refusal else f"{user.name} is now {user.role}.", "error" if refusal else "success")
    else:
        flash("Choose one of the listed roles.", "error")
    return redirect(safe_next(url_for("admin.index")))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@login_required
@role_required("admin")
def deactivate_user(user_id: int):
    user = services.get_user(user_id)
    _done, refusal = attempt(lambda: credentials.deactivate_user(current_user, user))
    flash(
        refusal.message if refusal else f"{user.name} is deactivated and signed out everywhere.",
        "error" if refusal else "success",
    )
    return redirect(safe_next(url_for("admin.index")))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@login_required
@role_required("admin")
def reactivate_user(user_id: int):
    user = services.get_user(user_id)
    credentials.reactivate_user(current_user, user)
    flash(f"{user.name} can sign in again.", "success")
    return redirect(safe_next(url_for("admin.index")))


@bp.route("/invitations/<int:invitation_id>/resend", methods=["POST"])
@login_required
@role_required(*STAFF)
def resend_invitation(invitation_id: int):
    invitation = invitations.get_invitation(invitation_id)
    _sent, refusal = attempt(lambda: invitations.resend_invitation(current_user, invitation))
    flash(
        refusal.message if refusal else f"The invitation to {invitation.email} will be sent again.",
        "error" if refusal else "success",
    )
    return redirect(url_for("accounts.invite"))


@bp.route("/audit")
@login_required
@role_required("admin")
def audit():
    page, per_page = page_args(50)
    action = request.args.get("action", "")
    return render_template(
        "admin/audit.html",
        events=queries.audit_page(action, page, per_page),
        action=action,
        actions=queries.audit_actions(),
    )


@bp.route("/settings", methods=["GET", "POST"])
@login_required
@role_required("admin")
def settings():
    form = SettingsForm(data={"premoderation": site_settings()["premoderation"]})
    if form.validate_on_submit():
        saved, _settings = submit_form(
            form, lambda: update_site_settings(current_user, {"premoderation": form.premoderation.data})
        )
        if saved:
            flash("Settings saved. They apply to ideas and comments posted from now on.", "success")
            return redirect(url_for("admin.settings"))
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template("admin/settings.html", form=form, choices=PREMODERATION_CHOICES), status


@bp.route("/users/<int:user_id>/premoderate", methods=["POST"])
@login_required
@role_required("admin")
def premoderate_user(user_id: int):
    user = services.get_user(user_id)
    form = PremoderateForm()
    if not form.validate_on_submit():
        flash("Please try again.", "error")
        return redirect(safe_next(url_for("admin.index")))
    set_person_premoderation(current_user, user, form.hold.data)
    what = "wait for approval" if user.premoderate else "publish as the site setting says"
    flash(f"{user.name}'s new ideas and comments {what}.", "success")
    return redirect(safe_next(url_for("admin.index")))
