"""Amending a published outcome: the form prefilled with the outcome as it stands, plus a note."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from ..accounts.permissions import STAFF, role_required
from ..platform.web import attempt
from . import amendments, bp, outcomes
from .forms import outcome_from_form
from .permissions import get_visible_round
from .queries import outcome_of
from .summary import result_sentences


@bp.route("/rounds/<int:round_id>/outcome/amend", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
def amend_outcome(round_id: int):
    round_ = get_visible_round(current_user, round_id)
    outcome = outcome_of(round_.id)
    if outcome is None:  # nothing to amend yet: publishing is the outcome page's job
        return redirect(url_for("decisions.outcome", round_id=round_.id))
    error, values, status = None, request.form, 200
    if request.method == "POST":
        summary, decisions = outcome_from_form(round_, request.form)
        _amendment, refusal = attempt(
            lambda: amendments.amend_outcome(current_user, round_.id, request.form.get("note", ""), decisions, summary),
            show=(409, 422),
        )
        if refusal is None:
            flash("Amendment published. Everyone who was told about the outcome will be told.", "success")
            return redirect(url_for("decisions.detail", round_id=round_.id) + "#amendments")
        error, status = refusal.message, refusal.status
    else:
        values = MultiDict({"summary": outcome.summary})
        for d in outcome.decisions:
            values.update({f"decision-{d.candidate_id}": d.decision, f"rationale-{d.candidate_id}": d.rationale})
    titles = {c.id: c.idea.title for c in round_.candidates}
    return render_template(
        "decisions/outcome_form.html",
        round=round_,
        amending=True,
        recommended=outcomes.vote_recommends_adoption(round_),
        error=error,
        form_values=values,
        sentences=result_sentences(round_.result, titles, current_app.config["CURRENCY"]),
    ), status
