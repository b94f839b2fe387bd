"""Domain events: what happened, sent by the service that made it happen.

A service sends its event after flushing, inside the caller's transaction. Listeners (each
feature connects its own in its `init_app`: notifications write outbox rows, search marks
documents for re-indexing) write rows in that same transaction and queue jobs with
`enqueue_after_commit`, so nothing leaves the process before the commit, and a rollback
undoes the listeners' work too.

Each signal below says its sender (the first positional argument) and its keyword arguments.
`actor` is who acted: a `User`, or `accounts.actors.SYSTEM` when the scheduler or the CLI did.
Listeners accept `**_` so that adding an argument never breaks them.
"""

from blinker import Namespace

domain = Namespace()

# --- accounts ---
user_registered = domain.signal(
    "user_registered",
    doc="""A new account. Sender: the `User`.
`via`: "registration" (a self-registered customer) or "admin" (created by an admin or the CLI);
an accepted invitation sends `invitation_accepted` instead.""",
)
user_signed_in = domain.signal("user_signed_in", doc="Sender: the `User` who signed in with a password.")
role_changed = domain.signal(
    "role_changed",
    doc="""Sender: the `User` whose role changed.
`old`, `new`: role names; `actor`: the admin, or SYSTEM (the CLI).""",
)
credentials_revoked = domain.signal(
    "credentials_revoked",
    doc="""Every session and API token of a person was revoked at once. Sender: the `User`.
`reason`: "password_changed", "signed_out_everywhere" or "deactivated"; `actor`: who did it
(the person, an admin, or SYSTEM); `tokens`: how many tokens were deleted.""",
)
user_deactivated = domain.signal(
    "user_deactivated",
    doc="""Sender: the deactivated `User` (its credentials were revoked first).
`actor`: the admin, or SYSTEM (the CLI).""",
)
user_reactivated = domain.signal(
    "user_reactivated",
    doc="""Sender: the `User` who may sign in again. `actor`: the admin, or SYSTEM (the CLI).""",
)
invitation_created = domain.signal(
    "invitation_created",
    doc="""Sender: the `Invitation`.
`actor`: the pm or admin who invited.""",
)
invitation_accepted = domain.signal(
    "invitation_accepted",
    doc="""Sender: the `Invitation`.
`user`: the `User` the invitation created.""",
)
profile_updated = domain.signal(
    "profile_updated",
    doc="""Sender: the `User` whose profile changed.
`actor`: who changed it (the person, or an admin).""",
)

# --- ideas ---
idea_submitted = domain.signal("idea_submitted", doc="Sender: the new `Idea`. `actor`: its author.")
idea_edited = domain.signal(
    "idea_edited",
    doc="""Sender: the `Idea` after the edit (title, body, tags or
visibility). `actor`: the author or a pm.""",
)
idea_narrowing = domain.signal(
    "idea_narrowing",
    doc="""Sent BEFORE a public idea becomes internal, so that features
holding something customers take part in can refuse: a receiver raises `Conflict` (the edit
is then not made). Sender: the `Idea` (still public). `actor`: who edits it.""",
)
status_changed = domain.signal(
    "status_changed",
    doc="""Sender: the `Idea`. `old`, `new`: status keys;
`note`: the pm's note (may be ""); `actor`: the pm.""",
)
idea_merged = domain.signal(
    "idea_merged",
    doc="""Sender: the merged (source) `Idea`. `target`: the `Idea`
it was merged into; `actor`: the pm.""",
)
idea_followed = domain.signal("idea_followed", doc="Sender: the `Idea`. `actor`: the new follower.")
comment_added = domain.signal(
    "comment_added",
    doc="""Sender: the new `Comment`. `idea`: its `Idea`;
`parent`: the `Comment` it replies to, or None; `actor`: its author.""",
)
comment_edited = domain.signal("comment_edited", doc="Sender: the `Comment`. `actor`: its author or a moderator.")
comment_deleted = domain.signal("comment_deleted", doc="Sender: the `Comment` (soft-deleted). `actor`: who deleted it.")
user_mentioned = domain.signal(
    "user_mentioned",
    doc="""Sender: the `Comment` with the `@mention`.
`user`: the mentioned `User`; `actor`: the comment's author.""",
)
content_flagged = domain.signal(
    "content_flagged",
    doc="""Sender: the flagged `Idea` or `Comment`.
`target_type`: "idea" or "comment"; `actor`: who flagged it.""",
)
content_moderated = domain.signal(
    "content_moderated",
    doc="""Sender: the `Idea` or `Comment`.
`action`: "hide" or "restore"; `reason`: the moderator's reason; `actor`: the moderator.""",
)

# --- voting ---
support_cast = domain.signal(
    "support_cast",
    doc="""Sender: the `Idea` (counters already moved).
`actor`: the person who supported it (sent only when the support is new).""",
)
idea_rated = domain.signal("idea_rated", doc="Sender: the `Idea`. `value`: 1–5; `actor`: the rater.")

# --- decisions ---
round_created = domain.signal("round_created", doc="Sender: the new draft `Round`. `actor`: the pm.")
round_deliberation_started = domain.signal(
    "round_deliberation_started",
    doc="""Sender: the `Round` now in
deliberation. `actor`: the pm.""",
)
round_opened = domain.signal(
    "round_opened",
    doc="""Sender: the `Round` now open for voting. `actor`: the pm,
or SYSTEM (the scheduler at `voting_opens_at`).""",
)
round_closed = domain.signal(
    "round_closed",
    doc="""Sender: the closed `Round` (result and export frozen).
`actor`: the pm, or SYSTEM (the scheduler at `closes_at`).""",
)
outcome_published = domain.signal(
    "outcome_published",
    doc="""Sender: the decided `Round`. `outcome`: its
`Outcome`; `actor`: the pm.""",
)
outcome_amended = domain.signal(
    "outcome_amended",
    doc="""Sender: the decided `Round`. `outcome`: its `Outcome` (already
changed); `amendment`: the `OutcomeAmendment` (note, before, after); `actor`: the pm.""",
)
impact_changed = domain.signal(
    "impact_changed",
    doc="""Sender: the `Candidate` after the change.
`round`: its `Round`; `changes`: {field: (old, new)}; `actor`: the pm.""",
)
impact_imported = domain.signal(
    "impact_imported",
    doc="""Sender: the `Round`. `actor`: the pm; `candidate_ids`: the candidates whose rows were
imported (each change also sent `impact_changed`, as a hand edit does).""",
)
ballot_cast = domain.signal(
    "ballot_cast",
    doc="""Sender: the `Round`. `actor`: the voter (never the ballot's
content: ballots are secret).""",
)
