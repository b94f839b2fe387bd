"""Pm pages: create a round, add candidates, edit impact data, move the round along, publish."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.permissions import STAFF, role_required
from ..platform.templating import viewer_time_zone
from ..platform.web import FORM_ERROR_STATUS, attempt, submit_form
from . import bp, export, outcomes, services
from .forms import ImpactForm, RoundForm, outcome_from_form
from .permissions import get_visible_round
from .summary import result_sentences


@bp.route("/rounds/new", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
def new():
    form = RoundForm()
    if form.validate_on_submit():
        saved, round_ = submit_form(
            form,
            lambda: services.create_round(
                current_user,
                title=form.title.data,
                description=form.description.data or "",
                method=form.method.data,
                budget=float(form.budget.data) if form.budget.data is not None else None,
                weights=form.weights(),
                results_visibility=form.results_visibility.data,
                eligibility=form.eligibility.data,
                voting_opens_at=form.moment(form.voting_opens_at),
                closes_at=form.moment(form.closes_at),
                quorum={"customer": form.quorum_customer.data, "employee": form.quorum_employee.data},
            ),
        )
        if saved:
            flash("Round created as a draft. Add candidates with their impact data next.", "success")
            return redirect(url_for("decisions.detail", round_id=round_.id))
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    zone = viewer_time_zone().key
    return render_template("decisions/new.html", form=form, viewer_zone_name=zone), status


@bp.route("/rounds/<int:round_id>/candidates/<int:candidate_id>/impact", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
def edit_impact(round_id: int, candidate_id: int):
    round_ = get_visible_round(current_user, round_id)
    candidate = next((c for c in round_.candidates if c.id == candidate_id), None)
    if candidate is None:
        return render_template(
            "errors/error.html", status=404, title="Page not found", message="No such candidate in this round."
        ), 404
    form = ImpactForm(obj=candidate)
    if form.validate_on_submit():
        saved, _result = submit_form(
            form, lambda: services.update_impact(current_user, round_.id, candidate.id, form.impact())
        )
        if saved:
            flash("Impact data updated; the earlier numbers stay in the history.", "success")
            return redirect(url_for("decisions.detail", round_id=round_.id) + "#impact")
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template(
        "decisions/candidate_form.html", form=form, round=round_, candidate=candidate, suggestions=[]
    ), status


TRANSITIONS = {
    "deliberate": (services.start_deliberation, "Deliberation has started: everyone can discuss the numbers."),
    "open": (services.open_round, "Voting is open."),
    "close": (export.close_round, "The round is closed; results and the ballot export are published."),
}


@bp.route("/rounds/<int:round_id>/<any(deliberate, open, close):action>", methods=["POST"])
@login_required
def transition(round_id: int, action: str):
    service, message = TRANSITIONS[action]
    _round, refusal = attempt(lambda: service(current_user, round_id), show=(409,))
    flash(refusal.message if refusal else message, "error" if refusal else "success")
    return redirect(url_for("decisions.detail", round_id=round_id))


@bp.route("/rounds/<int:round_id>/outcome", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
def outcome(round_id: int):
    round_ = get_visible_round(current_user, round_id)
    if round_.status == "decided":  # never re-submitted through a blank form: amended, with a note
        return redirect(url_for("decisions.amend_outcome", round_id=round_.id))
    error = None
    if request.method == "POST":
        summary, decisions = outcome_from_form(round_, request.form)
        _outcome, refusal = attempt(
            lambda: outcomes.publish_outcome(current_user, round_.id, summary, decisions), show=(409, 422)
        )
        if refusal is not None:
            error = refusal.message
        else:
            flash("Outcome published. Everyone who took part will be told.", "success")
            return redirect(url_for("decisions.detail", round_id=round_.id) + "#outcome")
    recommended = outcomes.vote_recommends_adoption(round_)
    status = 422 if error else 200
    titles = {c.id: c.idea.title for c in round_.candidates}
    return render_template(
        "decisions/outcome_form.html",
        round=round_,
        recommended=recommended,
        error=error,
        form_values=request.form,
        sentences=result_sentences(round_.result, titles, current_app.config["CURRENCY"]),
    ), status
