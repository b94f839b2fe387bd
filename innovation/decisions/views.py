"""Round pages for everyone: list, the round (deliberation, ballot, results, outcome),
receipt lookup, the export download and how counting works."""

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.permissions import STAFF, has_role
from ..extensions import db, limiter
from ..platform.web import attempt, current_viewer, page_args
from . import bp, queries
from .ballots import cast_ballot, changed_since_ballot, my_ballot
from .export import live_result
from .forms import ballot_from_form
from .impact import FORMULAS, derived
from .models import Ballot
from .outcomes import vote_recommends_adoption
from .permissions import get_visible_round, is_eligible, results_visible
from .readiness import round_readiness
from .steps import round_steps
from .summary import disagreements, result_sentences
from .views_charts import chart_figures


@bp.route("/rounds")
def index():
    page, per_page = page_args(20)
    rounds = queries.rounds_page(
        current_viewer(), status=request.args.get("status", "")[:16], page=page, per_page=per_page
    )
    return render_template("decisions/index.html", rounds=rounds, status=request.args.get("status", ""))


def round_context(round_, viewer) -> dict:
    ballot = my_ballot(viewer, round_.id) if viewer else None
    result = None
    if results_visible(round_):
        result = round_.result if round_.result is not None else live_result(round_)
    history = queries.impact_history([c.id for c in round_.candidates])
    outcome = queries.outcome_of(round_.id)
    titles = {c.id: c.idea.title for c in round_.candidates}
    return {
        "round": round_,
        "candidates": round_.candidates,
        "history": history,
        "derived": {c.id: derived(c.impact) for c in round_.candidates},
        "formulas": FORMULAS,
        "my_ballot": ballot,
        "changed_since": changed_since_ballot(ballot, round_.candidates),
        "eligible": is_eligible(viewer, round_),
        "round_turnout": queries.turnout(round_.id),
        "result": result,
        "disagreements": disagreements(result) if result else [],
        "sentences": result_sentences(result, titles, current_app.config["CURRENCY"]),
        "steps": round_steps(round_),
        "outcome": outcome,
        "recommended": vote_recommends_adoption(round_) if result else set(),
        "can_manage": has_role(viewer, *STAFF),
        "missing": round_readiness(round_) if round_.status in ("draft", "deliberation") else [],
        "titles": titles,
        "just_voted": request.args.get("ballot") == "saved" and ballot is not None,
        "charts": chart_figures(round_, result),
    }


@bp.route("/rounds/<int:round_id>")
def detail(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    return render_template("decisions/detail.html", **round_context(round_, current_viewer()))


@bp.route("/rounds/<int:round_id>/ballot", methods=["POST"])
@login_required
@limiter.limit("30 per minute")
def vote(round_id: int):
    round_ = get_visible_round(current_user, round_id)
    ballot, refusal = attempt(
        lambda: cast_ballot(current_user, round_.id, ballot_from_form(round_, request.form)), show=(409, 422)
    )
    if refusal is not None:
        context = round_context(round_, current_user)
        return render_template("decisions/detail.html", ballot_error=refusal.message, **context), refusal.status
    # No flash: the page lands on the confirmation inside the ballot box (with the receipt),
    # where the voter is looking, instead of a message scrolled out of view at the top.
    return redirect(url_for("decisions.detail", round_id=round_.id, ballot="saved", _anchor="ballot-saved"))


@bp.route("/rounds/<int:round_id>/receipt")
def receipt(round_id: int):
    """Find a ballot in the frozen export by its receipt (after close)."""
    round_ = get_visible_round(current_viewer(), round_id)
    code = (request.args.get("code") or "").strip().upper()[:16]
    found = None
    if code and round_.export_json is not None:
        found = db.session.query(Ballot).filter_by(round_id=round_.id, receipt=code).first()
    return render_template(
        "decisions/receipt.html",
        round=round_,
        code=code,
        ballot=found,
        titles={c.id: c.idea.title for c in round_.candidates},
    )


@bp.route("/rounds/<int:round_id>/ballots.json")
def download_export(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    if round_.export_json is None:
        flash("The ballot export is published when the round closes.", "info")
        return redirect(url_for("decisions.detail", round_id=round_.id))
    return Response(
        round_.export_json,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="round-{round_.id}-ballots.json"'},
    )


@bp.route("/rounds/how-counting-works")
def how_counting_works():
    return render_template("decisions/counting.html", formulas=FORMULAS)
