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
