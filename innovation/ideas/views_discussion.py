"""Form actions on an idea page: support, rate, follow, comment, flag, moderate."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..extensions import limiter
from ..platform.errors import ValidationFailed
from ..platform.web import attempt, safe_next
from ..voting import services as voting
from . import approval, bp, comments, moderation, services
from .forms import CommentForm, RatingForm, ReasonForm
from .permissions import get_visible_idea, is_moderator
from .views import POST_LIMIT, render_detail


def _back(idea_id: int, anchor: str = ""):
    return redirect(url_for("ideas.detail", idea_id=idea_id) + (f"#{anchor}" if anchor else ""))


def _require_form(form_class=ReasonForm):
    form = form_class()
    if not form.validate_on_submit():
        raise ValidationFailed("Please check the form and try again.")
    return form


def _back_to_list_or(idea_id: int):
    """Back where the support form was (a list keeps its filters, page and the card's place via
    `next`), else to the idea page's support box."""
    return redirect(safe_next(url_for("ideas.detail", idea_id=idea_id) + "#support"))


@bp.route("/ideas/<int:idea_id>/support", methods=["POST"])
@login_required
def support(idea_id: int):
    _require_form()
    voting.cast_support(current_user, idea_id)
    return _back_to_list_or(idea_id)


@bp.route("/ideas/<int:idea_id>/unsupport", methods=["POST"])
@login_required
def unsupport(idea_id: int):
    _require_form()
    voting.retract_support(current_user, idea_id)
    return _back_to_list_or(idea_id)


@bp.route("/ideas/<int:idea_id>/rate", methods=["POST"])
@login_required
def rate(idea_id: int):
    form = RatingForm()
    if not form.validate_on_submit():
        raise ValidationFailed("Choose a rating from 1 to 5.", fields={"value": ["1 to 5."]})
    voting.rate_idea(current_user, idea_id, form.value.data)
    flash("Thanks, your rating is saved.", "success")
    return _back(idea_id, "rating")


@bp.route("/ideas/<int:idea_id>/unrate", methods=["POST"])
@login_required
def unrate(idea_id: int):
    _require_form()
    voting.remove_rating(current_user, idea_id)
    return _back(idea_id, "rating")


@bp.route("/ideas/<int:idea_id>/follow", methods=["POST"])
@login_required
def follow(idea_id: int):
    _require_form()
    following = request.form.get("follow", "1") == "1"
    (services.follow_idea if following else services.unfollow_idea)(current_user, idea_id)
    flash("You follow this idea now." if following else "You no longer follow this idea.", "info")
    return _back(idea_id)


@bp.route("/ideas/<int:idea_id>/comments", methods=["POST"])
@login_required
@limiter.limit(POST_LIMIT)
def add_comment(idea_id: int):
    idea = get_visible_idea(current_user, idea_id)
    form = CommentForm()
    if form.validate_on_submit():
        comment, refusal = attempt(
            lambda: comments.add_comment(current_user, idea.id, form.body.data, form.parent_id.data or None),
            show=(422,),
        )
        if refusal is None:
            if _wants_json():
                return _posted_comment(comment)
            return _back(idea.id, f"comment-{comment.id}")
        (form.form_errors if refusal.fields.get("parent_id") else form.body.errors).append(refusal.message)
    if _wants_json():
        message = next(iter(form.form_errors or form.body.errors or ["Please check the comment and try again."]))
        return jsonify(error={"code": "validation_failed", "message": message, "fields": form.errors}), 422
    return render_detail(idea, comment_form=form, status=422)


def _wants_json() -> bool:
    """ideas.js posts the comment form itself and asks for JSON; a plain form post gets pages."""
    return request.accept_mimetypes.best == "application/json"


def _posted_comment(comment):
    """The new comment as the idea page renders it (its Reply, Edit and Delete included), for
    ideas.js to insert: the same markup a reload would show."""
    html = render_template(
        "ideas/comment_fragment.html", comment=comment, depth=0, is_moderator=is_moderator(current_user)
    ).strip()
    return jsonify(comment={"id": comment.id, "idea_id": comment.idea_id}, html=html), 201


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int):
    comment = comments.get_visible_comment(current_user, comment_id)
    form = CommentForm(body=comment.body) if request.method == "GET" else CommentForm()
    if form.validate_on_submit():
        _edited, refusal = attempt(lambda: comments.edit_comment(current_user, comment.id, form.body.data), show=(422,))
        if refusal is None:
            return _back(comment.idea_id, f"comment-{comment.id}")
        form.body.errors.append(refusal.message)
    status = 422 if form.is_submitted() else 200
    return render_template("ideas/edit_comment.html", form=form, comment=comment), status


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete_comment(comment_id: int):
    _require_form()
    comment = comments.delete_comment(current_user, comment_id)
    flash("Comment deleted. Replies to it stay.", "info")
    return _back(comment.idea_id, f"comment-{comment.id}")


@bp.route("/flag/<any(idea, comment):target_type>/<int:target_id>", methods=["POST"])
@login_required
def flag(target_type: str, target_id: int):
    form = _require_form()
    created = moderation.flag_content(current_user, target_type, target_id, form.reason.data or "")
    flash("Thanks — a moderator will look at it." if created else "You already flagged this.", "info")
    return redirect(safe_next(url_for("ideas.index")))


@bp.route("/moderation")
@login_required
def moderation_queue():
    queue = moderation.moderation_queue(current_user)
    approvals = approval.approval_queue(current_user)
    history = approval.author_history({entry["item"].author_id for entry in approvals})
    return render_template(
        "ideas/moderation.html", queue=queue, approvals=approvals, history=history, reason_form=ReasonForm()
    )


@bp.route("/moderation/<any(idea, comment):kind>/<int:item_id>/<any(approve, reject):decision>", methods=["POST"])
@login_required
def decide(kind: str, item_id: int, decision: str):
    form = _require_form()
    if decision == "approve":
        approval.approve_content(current_user, kind, item_id)
        flash(f"Approved: the {kind} is published, and its author is told.", "success")
    else:
        approval.reject_content(current_user, kind, item_id, form.reason.data or "")
        flash(f"Rejected: the {kind} stays unpublished; its author sees your reason.", "success")
    return redirect(safe_next(url_for("ideas.moderation_queue")))


@bp.route(
    "/moderation/<any(idea, comment):target_type>/<int:target_id>/<any(hide, restore, dismiss):action>",
    methods=["POST"],
)
@login_required
def moderate(target_type: str, target_id: int, action: str):
    form = _require_form()
    if action == "dismiss":
        moderation.dismiss_flags(current_user, target_type, target_id)
    else:
        handler = moderation.hide_content if action == "hide" else moderation.restore_content
        handler(current_user, target_type, target_id, form.reason.data or "")
    flash({"hide": "Hidden.", "restore": "Restored.", "dismiss": "Flags dismissed."}[action], "success")
    return redirect(safe_next(url_for("ideas.moderation_queue")))
