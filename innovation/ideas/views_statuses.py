"""The statuses page for admins (add, change, remove with "where do its ideas go"), and the
stylesheet that colours every status chip. Thin views over `status_services`."""

import hashlib

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ..accounts.permissions import role_required
from ..extensions import db
from ..platform.errors import NotFound
from ..platform.web import FORM_ERROR_STATUS, submit_form
from . import bp, status_services
from .forms import RemoveStatusForm, StatusDefinitionForm
from .models import Idea
from .statuses import SETTABLE_BASES, all_statuses, status_info


def usage() -> dict[str, int]:
    """How many ideas each status has (a base's own: those of that base without a custom one)."""
    rows = db.session.execute(select(Idea.status, Idea.status_key, func.count()).group_by(Idea.status, Idea.status_key))
    counts: dict[str, int] = {}
    for base, key, count in rows:
        counts[key or base] = counts.get(key or base, 0) + count
    return counts


def _move_choices(key: str) -> list[tuple[str, str]]:
    return [
        (s.key, s.label if s.builtin else f"{s.label} ({all_statuses()[s.base].label})")
        for s in all_statuses().values()
        if s.key != key and s.base in SETTABLE_BASES
    ]


def _status_or_404(key: str):
    info = status_info(key)
    if info is None:
        raise NotFound("No such status.")
    return info


def _render_list(form: StatusDefinitionForm, status: int = 200):
    return render_template("ideas/statuses.html", statuses=all_statuses().values(), usage=usage(), form=form), status


@bp.route("/admin/statuses", methods=["GET", "POST"])
@login_required
@role_required("admin")
def statuses():
    form = StatusDefinitionForm()
    if not form.is_submitted():
        return _render_list(form)
    saved = False
    if form.validate():
        saved, row = submit_form(
            form,
            lambda: status_services.define_status(
                current_user,
                key=form.key.data,
                label=form.label.data,
                color=form.color.data,
                base=form.base.data,
                lane=form.lane.data or None,
                takes_support=form.takes_support.data,
            ),
        )
    if not saved:
        return _render_list(form, FORM_ERROR_STATUS)
    flash(f"“{row.label}” added. Product managers can now choose it on an idea's page.", "success")
    return redirect(url_for("ideas.statuses"))


def _render_edit(info, form, remove_form, status: int = 200):
    count = usage().get(info.key, 0)
    return render_template(
        "ideas/status_edit.html", status=info, form=form, remove_form=remove_form, count=count
    ), status


@bp.route("/admin/statuses/<key>", methods=["GET", "POST"])
@login_required
@role_required("admin")
def edit_status(key: str):
    info = _status_or_404(key)
    form = StatusDefinitionForm(obj=None if request.method == "POST" else info, key=info.key)
    form.key.data = info.key  # the key never changes: what is posted for it is ignored
    remove_form = RemoveStatusForm()
    remove_form.move_to.choices = _move_choices(key)
    if request.method == "GET" or not form.validate():
        return _render_edit(info, form, remove_form, 200 if request.method == "GET" else FORM_ERROR_STATUS)
    changes = {"label": form.label.data, "color": form.color.data, "lane": form.lane.data or None}
    changes["takes_support"] = form.takes_support.data
    if not info.builtin:
        changes["base"] = form.base.data
    saved, _row = submit_form(form, lambda: status_services.update_status(current_user, key, **changes))
    if not saved:
        return _render_edit(info, form, remove_form, FORM_ERROR_STATUS)
    flash("Status saved; every page shows the new label and colour now.", "success")
    return redirect(url_for("ideas.statuses"))


@bp.route("/admin/statuses/<key>/remove", methods=["POST"])
@login_required
@role_required("admin")
def remove_status(key: str):
    info = _status_or_404(key)
    remove_form = RemoveStatusForm()
    remove_form.move_to.choices = _move_choices(key)
    saved, moved = submit_form(
        remove_form,
        lambda: status_services.remove_status(current_user, key, remove_form.move_to.data or None),
    )
    if not saved:
        return _render_edit(info, StatusDefinitionForm(obj=info), remove_form, FORM_ERROR_STATUS)
    target = status_info(remove_form.move_to.data) if moved else None
    flash(f"“{info.label}” removed" + (f"; its {moved} ideas are now “{target.label}”." if target else "."), "success")
    return redirect(url_for("ideas.statuses"))


def stylesheet() -> str:
    """One rule per status: the chip's wash, border and a text colour that reads on it."""
    rules = []
    for s in all_statuses().values():
        rules.append(
            f".status-chip.st-{s.key} {{ background: {s.tint}; border-color: {s.border}; color: {s.text_color}; }}\n"
            f".st-{s.key} .status-dot {{ background: {s.color}; }}\n"
            f".swatch-{s.key} {{ background: {s.color}; }}"
        )
    return "\n".join(rules) + "\n"


def stylesheet_version() -> str:
    """Changes whenever a status does: the page links `/statuses.css?v=…`, cached for a year."""
    return hashlib.sha256(stylesheet().encode()).hexdigest()[:12]


@bp.route("/statuses.css")
def statuses_css():
    response = Response(stylesheet(), mimetype="text/css")
    if request.args.get("v") == stylesheet_version():
        response.cache_control.public = True
        response.cache_control.max_age = 31_536_000
    return response
