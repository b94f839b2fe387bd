"""The search page. Thin: the service applies visibility and validates the input."""

from flask import render_template, request

from ..platform.cache import anonymous_page_cache
from ..platform.errors import ValidationFailed
from ..platform.web import FORM_ERROR_STATUS, current_viewer
from . import bp
from .documents import KINDS
from .services import count_matches, search_content

TAB_LABELS = {"ideas": "Ideas", "comments": "Comments", "people": "People"}
FACET_LABELS = {"status": "Status", "tag": "Tag", "constituency": "Posted by"}


@bp.route("/search")
@anonymous_page_cache(5)
def index():
    args = request.args
    kind = args.get("type", "ideas") if args.get("type") in KINDS else "ideas"
    filters = {name: args.get(name, "") for name in FACET_LABELS}
    status, error, result = 200, "", None
    try:
        result = search_content(
            current_viewer(), args.get("q", ""), kind=kind, page=args.get("page", 1), filters=filters
        )
    except ValidationFailed as exc:
        status, error = FORM_ERROR_STATUS, exc.message
    counts = count_matches(current_viewer(), args.get("q", ""), [k for k in KINDS if k != kind]) if result else {}
    if result and result.query:
        counts[kind] = result.total
    return render_template(
        "search/index.html",
        result=result,
        error=error,
        kind=kind,
        q=args.get("q", "")[:200],
        counts=counts,
        filters={k: v for k, v in filters.items() if v},
        tabs=TAB_LABELS,
        facet_labels=FACET_LABELS,
    ), status
