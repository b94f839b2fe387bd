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
idea_submitted = domain.signal(
    "idea_submitted",
    doc="""An idea is published. Sender: the `Idea`. `actor`: its author.
Sent when it is submitted, or — when it waited for approval — when a moderator approves it
(just before `content_approved`, still with the author as `actor`): once per idea.""",
)
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
    doc="""Sender: the `Idea`. `old`, `new`: base status keys;
`note`: the pm's note (may be ""); `actor`: the pm; `label`: what the new status is called
(a status the team defined, or the base's own label; absent from older senders).""",
)
status_defined = domain.signal(
    "status_defined",
    doc="""Sender: the `Status` row an admin added (`created` True) or changed
(relabelled, recoloured, another lane or support rule). `actor`: the admin.""",
)
status_removed = domain.signal(
    "status_removed",
    doc="""Sender: the removed `Status` row. `moved`: how many ideas moved to
`move_to` (a status key, or None when none had it). `actor`: the admin.""",
)
idea_merged = domain.signal(
    "idea_merged",
    doc="""Sender: the merged (source) `Idea`. `target`: the `Idea`
it was merged into; `actor`: the pm.""",
)
idea_followed = domain.signal("idea_followed", doc="Sender: the `Idea`. `actor`: the new follower.")
comment_added = domain.signal(
    "comment_added",
    doc="""A comment is published. Sender: the `Comment`. `idea`: its `Idea`;
`parent`: the `Comment` it replies to, or None; `actor`: its author. Sent when it is written,
or — when it waited for approval — when a moderator approves it: once per comment. Its
`user_mentioned` events go out at the same moment.""",
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

content_held = domain.signal(
    "content_held",
    doc="""A new idea or comment waits for a moderator's approval (ideas/approval.py) instead
of being published: `idea_submitted` / `comment_added` are not sent for it (yet).
Sender: the `Idea` or `Comment`. `kind`: "idea" or "comment"; `actor`: its author.""",
)
content_approved = domain.signal(
    "content_approved",
    doc="""A moderator published a waiting idea or comment (its `idea_submitted` /
`comment_added` was just sent). Sender: the `Idea` or `Comment`. `kind`: "idea" or "comment";
`actor`: the moderator.""",
)
content_rejected = domain.signal(
    "content_rejected",
    doc="""A moderator refused a waiting idea or comment: it is never published.
Sender: the `Idea` or `Comment`. `kind`: "idea" or "comment"; `reason`: shown to its author;
`actor`: the moderator.""",
)

# --- voting ---
support_cast = domain.signal(
    "support_cast",
    doc="""Sender: the `Idea` (counters already moved).
`actor`: the person who supported it (sent only when the support is new).""",
)
idea_rated = domain.signal("idea_rated", doc="Sender: the `Idea`. `value`: 1–5; `actor`: the rater.")

# --- site ---
site_settings_changed = domain.signal(
    "site_settings_changed",
    doc="""An admin changed site settings (admin/settings.py). Sender: the admin `User`.
`changes`: {setting: new value}.""",
)

person_premoderation_changed = domain.signal(
    "person_premoderation_changed",
    doc="""An admin made one person's new ideas and comments wait for approval (`hold`
True), or stopped it (False). Sender: the `User`. `actor`: the admin.""",
)

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
round_reminder_requested = domain.signal(
    "round_reminder_requested",
    doc="""Sender: the `Round` open for voting. `actor`: the pm who asked
to remind the eligible people who have not voted yet (at most once a day per round).""",
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
