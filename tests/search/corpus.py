"""A fixed corpus for relevance and visibility tests, created through the real services."""

from innovation.extensions import db
from innovation.ideas.comments import add_comment
from innovation.ideas.services import submit_idea

FILLER = "Teams mention this in almost every call with the support desk and the field crews."


def idea(author, title, body="", tags=(), visibility="public"):
    created = submit_idea(author, title=title, body=body, tags=list(tags), visibility=visibility)
    db.session.commit()
    return created


def comment(author, idea_id, body):
    created = add_comment(author, idea_id, body)
    db.session.commit()
    return created


def relevance_corpus(author) -> dict:
    """Ideas named by what each relevance test needs them for."""
    return {
        "stem": idea(author, "Faster way to onboard new dispatchers", f"Shadowing takes two weeks. {FILLER}"),
        "title_hit": idea(author, "Dashboard widgets for the office", f"Let each office pick its widgets. {FILLER}"),
        "body_hit": idea(
            author,
            "Weekly summary e-mail for owners",
            f"Owners skim a summary instead of opening the dashboard every morning. {FILLER}",
        ),
        "phrase": idea(author, "Friendlier invoices", f"Send a payment reminder before the due date. {FILLER}"),
        "scattered": idea(
            author,
            "Cleaner billing screens",
            f"The payment column is cramped and the reminder settings are hidden. {FILLER}",
        ),
        "unrelated": idea(author, "Offline mode for technicians", f"Basements have no signal. {FILLER}"),
    }
