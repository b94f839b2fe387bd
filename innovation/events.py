"""Domain events. Services send them after flushing; listeners write outbox rows and
queue jobs with `enqueue_after_commit`, so nothing leaves the process before commit."""
from blinker import Namespace

domain = Namespace()

user_registered = domain.signal("user_registered")
user_signed_in = domain.signal("user_signed_in")
role_changed = domain.signal("role_changed")
invitation_created = domain.signal("invitation_created")
invitation_accepted = domain.signal("invitation_accepted")
profile_updated = domain.signal("profile_updated")

idea_submitted = domain.signal("idea_submitted")
idea_edited = domain.signal("idea_edited")
status_changed = domain.signal("status_changed")
idea_merged = domain.signal("idea_merged")
support_cast = domain.signal("support_cast")
idea_rated = domain.signal("idea_rated")
comment_added = domain.signal("comment_added")
comment_edited = domain.signal("comment_edited")
comment_deleted = domain.signal("comment_deleted")
user_mentioned = domain.signal("user_mentioned")
content_flagged = domain.signal("content_flagged")
content_moderated = domain.signal("content_moderated")
idea_followed = domain.signal("idea_followed")

round_created = domain.signal("round_created")
round_deliberation_started = domain.signal("round_deliberation_started")
round_opened = domain.signal("round_opened")
round_closed = domain.signal("round_closed")
outcome_published = domain.signal("outcome_published")
impact_changed = domain.signal("impact_changed")
ballot_cast = domain.signal("ballot_cast")
