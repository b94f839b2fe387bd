"""Pm pages for building a round quickly: ideas added in bulk from anywhere, the candidate
picker that searches every visible idea by title."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.permissions import STAFF, role_required
from ..platform.web import FORM_ERROR_STATUS, attempt, safe_next, submit_form
from . import bp, building, services
from .forms import CandidateForm, ideas_from_form
from .permissions import get_visible_round
from .readiness import round_readiness


@bp.route("/rounds/add-ideas", methods=["POST"])
@login_required
@role_required(*STAFF)
def add_ideas():
    """ "Add to round" from an idea page, the ideas list, search results or the picker."""
    added, refusal = attempt(lambda: building.add_candidates(current_user, *ideas_from_form(request.form)))
    if refusal is not None:
        flash(f"Nothing was added: {refusal.message}", "error")
        return redirect(safe_next(url_for("ideas.index")))
    round_ = added[0].round
    noun = "idea" if len(added) == 1 else "ideas"
    flash(
        f"Added {len(added)} {noun} to “{round_.title}”. Enter each one's cost and annual benefit before voting opens.",
        "success",
    )
    return redirect(url_for("decisions.detail", round_id=round_.id, _anchor="manage"))


@bp.route("/rounds/<int:round_id>/candidates/new", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
def add_candidate(round_id: int):
    """The picker: find ideas by title (the site's search) and add them; or one idea by its
    number with its impact data. `?fragment=1` answers only the found list (for as-you-type)."""
    round_ = get_visible_round(current_user, round_id)
    q = (request.args.get("q") or "")[:200]
    found = building.find_candidates(current_user, round_, q)
    if request.args.get("fragment"):
        return render_template("decisions/_picker_results.html", round=round_, q=q, found=found)
    form = CandidateForm(idea_id=request.args.get("idea_id", type=int))
    if form.validate_on_submit():
        saved, _result = submit_form(
            form, lambda: services.add_candidate(current_user, round_.id, form.idea_id.data, form.impact())
        )
        if saved:
            flash("Candidate added with its impact data.", "success")
            return redirect(url_for("decisions.detail", round_id=round_.id) + "#impact")
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template(
        "decisions/candidate_form.html", form=form, round=round_, candidate=None, q=q, found=found
    ), status


@bp.route("/rounds/<int:round_id>/preview")
@login_required
@role_required(*STAFF)
def preview(round_id: int):
    """The ballot exactly as a customer will see it, with its submit button disabled."""
    round_ = get_visible_round(current_user, round_id)
    return render_template(
        "decisions/preview.html",
        round=round_,
        candidates=round_.candidates,
        preview=True,
        eligible=True,
        my_ballot=None,
        changed_since=[],
        posted=None,
        refused=False,
        just_voted=False,
        titles={c.id: c.idea.title for c in round_.candidates},
        missing=round_readiness(round_) if round_.status in ("draft", "deliberation") else [],
    )


@bp.route("/rounds/<int:round_id>/remind", methods=["POST"])
@login_required
@role_required(*STAFF)
def remind(round_id: int):
    _round, refusal = attempt(lambda: building.remind_non_voters(current_user, round_id), show=(409,))
    message = "Everyone eligible who has not voted yet will get a reminder."
    flash(refusal.message if refusal else message, "error" if refusal else "success")
    return redirect(url_for("decisions.detail", round_id=round_id, _anchor="manage"))


@bp.route("/rounds/<int:round_id>/duplicate", methods=["POST"])
@login_required
@role_required(*STAFF)
def duplicate(round_id: int):
    copy, left_out = building.duplicate_round(current_user, round_id)
    message = "A new draft with the same settings and candidates; set its schedule when you are ready."
    if left_out:
        message += " Left out (they can no longer be candidates): " + ", ".join(f"“{t}”" for t in left_out) + "."
    flash(message, "success")
    return redirect(url_for("decisions.detail", round_id=copy.id))
