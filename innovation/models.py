"""Imports every feature's models so that Alembic and the app see one complete metadata."""
from .accounts.models import ApiToken, AuditEvent, ExpertiseTag, Invitation, User
from .decisions.models import Ballot, Candidate, ImpactRevision, Outcome, OutcomeDecision, Round, RoundInvitee
from .ideas.models import Comment, Flag, Follow, Idea, IdeaRevision, IdeaTag, Mention, ModerationAction, StatusChange
from .voting.models import Rating, Support

__all__ = ["Ballot", "Candidate", "ImpactRevision", "Outcome", "OutcomeDecision", "Round", "RoundInvitee",
           "ApiToken", "AuditEvent", "Comment", "ExpertiseTag", "Flag", "Follow", "Idea", "IdeaRevision", "IdeaTag",
           "Invitation", "Mention", "ModerationAction", "Rating", "StatusChange", "Support", "User"]
