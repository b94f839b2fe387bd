"""Idea pages: list, submit, detail, edit, roadmap and the pm actions. Thin views."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..extensions import limiter
from ..platform.cache import anonymous_page_cache, cached_json
from ..platform.errors import PermissionDenied
from ..platform.web import FORM_ERROR_STATUS, attach_error, attempt, current_viewer, page_args, submit_form
from ..voting.services import my_votes
from . import bp, queries, services
from .comments import comment_thread
from .forms import CommentForm, FilterForm, IdeaForm, MergeForm, RatingForm, ReasonForm, StatusForm
from .permissions import can_edit_idea, get_visible_idea, is_moderator, sees_internal
from .statuses import status_of

POST_LIMIT = "30 per minute"
# What the author is told once the idea is saved: published at once, or waiting for approval.
SUBMITTED = {
    "approved": ("Your idea is published. You will hear about comments and status changes.", "success"),
    "pending": ("Thanks! A moderator will look at your idea before others can see it; you will hear when.", "info"),
}


@bp.route("/ideas")
@anonymous_page_cache(5)
def index():
    viewer = current_viewer()
    form = FilterForm(request.args)
    page, per_page = page_args(20)
    filters = {key: (form[key].data or "") for key in ("q", "status", "constituency", "tag")}
    if filters["status"] not in dict(form.status.choices):
        filters["status"] = ""
    sort = form.sort.data if form.sort.data in queries.SORTS else "hot"
    ideas = queries.idea_page(viewer, sort=sort, page=page, per_page=per_page, **filters)
    supported, rated = my_votes(viewer, [idea.id for idea in ideas.items])
    return render_template(
        "ideas/index.html",
        ideas=ideas,
        form=form,
        sort=sort,
        filters=filters,
        tags=queries.tag_cloud(viewer),
        supported=supported,
        rated=rated,
    )


@bp.route("/ideas/new", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
def new():
    form = IdeaForm()
    if not sees_internal(current_user):
        form.visibility.choices = form.visibility.choices[:1]
    duplicates = []
    if form.validate_on_submit() and not request.form.get("duplicates_checked"):
        # Shown once, before anything is saved; publishing again confirms it is new.
        from ..search.services import similar_ideas  # search builds on ideas, not the reverse

        duplicates = similar_ideas(current_user, form.title.data, form.body.data or "")
    if form.is_submitted() and not form.errors and not duplicates:
        saved, idea = submit_form(
            form,
            lambda: services.submit_idea(
                current_user,
                title=form.title.data,
                body=form.body.data,
                tags=form.tags.data,
                visibility=form.visibility.data,
            ),
        )
        if saved:
            flash(*SUBMITTED.get(idea.moderation, SUBMITTED["approved"]))
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    status = FORM_ERROR_STATUS if form.is_submitted() and not duplicates else 200
    return render_template("ideas/new.html", form=form, duplicates=duplicates), status


def render_detail(idea, *, comment_form=None, merge_form=None, status=200):
    from ..search.services import related_ideas  # search builds on ideas, not the reverse

    viewer = current_viewer()
    # Visitors get the forms without a CSRF token: minting one would touch their session
    # (and make the page uncacheable); they cannot post these forms anyway.
    meta = {} if viewer else {"csrf": False}
    supported, rated = my_votes(viewer, [idea.id])
    statuses, revisions = queries.idea_history(idea.id)
    context = {
        "idea": idea,
        "thread": comment_thread(viewer, idea.id),
        "supported": idea.id in supported,
        "my_rating": rated.get(idea.id),
        "shares": queries.constituency_shares(idea),
        "following": services.is_following(viewer, idea.id),
        "status_history": statuses,
        "revisions": revisions,
        "can_edit": can_edit_idea(viewer, idea),
        "is_moderator": is_moderator(viewer),
        "comment_form": comment_form or CommentForm(meta=meta),
        "rating_form": RatingForm(meta=meta),
        "reason_form": ReasonForm(meta=meta),
        "status_form": StatusForm(status=status_of(idea).key, meta=meta),
        "merge_form": merge_form or MergeForm(meta=meta),
        "merge_targets": queries.merge_targets(viewer, idea, 100) if is_moderator(viewer) else [],
        "related": queries.still_listed(
            viewer,
            cached_json(
                f"related:{idea.id}:{'all' if sees_internal(viewer) else 'public'}",
                60,
                lambda: related_ideas(viewer, idea),
            ),
        ),
    }
    return render_template("ideas/detail.html", **context), status


@bp.route("/ideas/<int:idea_id>")
@anonymous_page_cache(5)
def detail(idea_id: int):
    idea = get_visible_idea(current_viewer(), idea_id)
    if idea.status == "merged" and idea.merged_into_id:
        flash(f"“{idea.title}” was merged into this idea; its supporters and comments are here now.", "info")
        return redirect(url_for("ideas.detail", idea_id=idea.merged_into_id))
    return render_detail(idea)


@bp.route("/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@login_required
def edit(idea_id: int):
    idea = get_visible_idea(current_user, idea_id)
    if not can_edit_idea(current_user, idea):
        raise PermissionDenied("Ideas can be edited by their author for 24 hours, and by product managers.")
    form = IdeaForm(obj=idea) if request.method == "GET" else IdeaForm()
    if request.method == "GET":
        form.tags.data = ", ".join(idea.tag_names)
    if not sees_internal(current_user):
        form.visibility.choices = form.visibility.choices[:1]
    if form.validate_on_submit():
        saved, _result = submit_form(
            form,
            lambda: services.edit_idea(
                current_user,
                idea.id,
                title=form.title.data,
                body=form.body.data,
                tags=form.tags.data,
                visibility=form.visibility.data,
            ),
            refusals_as_pages=True,
        )
        if saved:
            flash("Changes saved; the earlier version stays in the edit history.", "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    status = FORM_ERROR_STATUS if form.is_submitted() else 200
    return render_template("ideas/edit.html", form=form, idea=idea), status


@bp.route("/roadmap")
def roadmap():
    viewer = current_viewer()
    columns = queries.roadmap(viewer)
    supported, _ratings = my_votes(viewer, [idea.id for _status, _label, ideas in columns for idea in ideas])
    return render_template("ideas/roadmap.html", columns=columns, supported=supported)


@bp.route("/ideas/<int:idea_id>/status", methods=["POST"])
@login_required
def change_status(idea_id: int):
    form = StatusForm()
    if not form.validate_on_submit():
        return render_detail(get_visible_idea(current_user, idea_id), status=FORM_ERROR_STATUS)
    services.change_status(current_user, idea_id, form.status.data, form.note.data or "")
    flash("Status updated; followers and supporters will be told.", "success")
    return redirect(url_for("ideas.detail", idea_id=idea_id))


@bp.route("/ideas/<int:idea_id>/merge", methods=["POST"])
@login_required
def merge(idea_id: int):
    """Two steps without JavaScript: the idea page's post shows both titles to confirm; the
    confirmation's post (confirm=1) merges."""
    form = MergeForm()
    saved = False
    if form.validate_on_submit() and form.confirm.data != "1":
        moving = form.move_internal_comments.data
        target, refusal = attempt(
            lambda: services.merge_target(current_user, idea_id, form.into.data, move_internal_comments=moving),
            show=(404, 409),
        )
        if refusal is None:
            source = get_visible_idea(current_user, idea_id)
            return render_template("ideas/merge_confirm.html", idea=source, target=target, form=form)
        attach_error(form, refusal)
    elif form.is_submitted() and not form.errors:
        confirmed = form.move_internal_comments.data
        saved, target = submit_form(
            form, lambda: services.merge_ideas(current_user, idea_id, form.into.data, move_internal_comments=confirmed)
        )
    if not saved:  # the reason is shown on the merge form (e.g. the confirmation it needs)
        return render_detail(get_visible_idea(current_user, idea_id), merge_form=form, status=FORM_ERROR_STATUS)
    flash(f"Merged into “{target.title}”.", "success")
    return redirect(url_for("ideas.detail", idea_id=target.id))
