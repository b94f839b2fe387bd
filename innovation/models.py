"""Imports every feature's models so that Alembic and the app see one complete metadata."""
from .accounts.models import ApiToken, AuditEvent, ExpertiseTag, Invitation, User
from .decisions.models import Ballot, Candidate, ImpactRevision, Outcome, OutcomeDecision, Round, RoundInvitee
from .ideas.models import Comment, Flag, Follow, Idea, IdeaRevision, IdeaTag, Mention, ModerationAction, StatusChange
from .notifications.models import Delivery, DigestSetting, Notification, OutboxEvent, Preference
from .search.models import SearchDocument, SearchLexeme, SearchPending
from .voting.models import Rating, Support

__all__ = [
    "ApiToken", "AuditEvent", "Ballot", "Candidate", "Comment", "Delivery", "DigestSetting", "ExpertiseTag", "Flag",
    "Follow", "Idea", "IdeaRevision", "IdeaTag", "ImpactRevision", "Invitation", "Mention", "ModerationAction",
    "Notification", "Outcome", "OutcomeDecision", "OutboxEvent", "Preference", "Rating", "Round", "RoundInvitee",
    "SearchDocument", "SearchLexeme", "SearchPending", "StatusChange", "Support", "User",
]
