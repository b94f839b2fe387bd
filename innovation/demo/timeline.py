"""When each thing in the demo happened: the one place that turns the files' days into moments,
read by the schema (to refuse a history that contradicts itself) and by the seed (to date rows).

A moment is a whole number of minutes before the seed's *anchor*, today's midnight (UTC): larger
is earlier, and every moment is above zero, so the demo's history ends yesterday whatever the
time the seed runs. Times of day are spread by a hash of the thing's text, not at random, so a
seed is the same every time and a person does not post everything at 09:00 sharp.
"""

import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the schema imports this module; the models are only named here
    from .schema import Idea, Person, Thread

DAY = 24 * 60
WORKDAY_START, WORKDAY_LENGTH = 8 * 60, 10 * 60  # 08:00–18:00
# Days after posting for threads that give none: a discussion starts early and slows down.
DEFAULT_THREAD_DAYS = (0, 2, 5, 9, 14)


def anchor(now: datetime) -> datetime:
    """Today's midnight: moments count back from it."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def to_datetime(anchor_: datetime, moment: int) -> datetime:
    return anchor_ - timedelta(minutes=moment)


def at(days_ago: int, minute_of_day: int) -> int:
    """The moment `days_ago` days before today at `minute_of_day` (minutes after midnight)."""
    return days_ago * DAY - minute_of_day


def days_ago(moment: int) -> int:
    """The calendar day of a moment, counted back from today (1 = yesterday)."""
    return -(-moment // DAY)


def describe(moment: int) -> str:
    """A moment in messages: `12 days ago, 09:41` (or `today`, for the seed's day)."""
    if moment <= 0:
        return "today"
    day = days_ago(moment)
    minute = day * DAY - moment
    return f"{day} day{'s' if day != 1 else ''} ago, {minute // 60:02d}:{minute % 60:02d}"


def jitter(key: str, span: int) -> int:
    """A stable number in [0, span) for `key`."""
    return zlib.crc32(key.encode("utf-8")) % span


def working_hours(days_ago_: int, key: str) -> int:
    """A moment on that day between 08:00 and 18:00."""
    return at(days_ago_, WORKDAY_START + jitter(key, WORKDAY_LENGTH))


def on_day(base: int, day: int, key: str) -> int:
    """`day` days after the day of `base`, in working hours, and never before `base` itself
    (on the same day it comes 20 minutes to two hours after it)."""
    moment = working_hours(days_ago(base) - day, key)
    if moment > base - 20:
        moment = base - 20 - jitter(key, 100)
    return moment


def after(previous: int, key: str, position: int = 0) -> int:
    """A reply's moment: half an hour to a few hours after `previous`."""
    return previous - (35 + 80 * position + jitter(key, 90))


def between(earliest: int, latest: int, fraction: float) -> int:
    """The moment `fraction` of the way from `earliest` to `latest` (both moments; earliest is larger)."""
    return earliest - round((earliest - latest) * fraction)


# People -----------------------------------------------------------------------------------------


def joined(person: "Person") -> int:
    return working_hours(person.joined_days_ago, person.local)


def last_seen(person: "Person") -> int:
    """The end of the day of the person's last visit: everything they did happened before, and
    every notification they had by then they have read."""
    return at(person.last_visit_days_ago, DAY - 1)


# Ideas ------------------------------------------------------------------------------------------


def posted(idea: "Idea") -> int:
    return working_hours(idea.age_days, idea.title)


def status_steps(idea: "Idea") -> list[tuple[str, str, int]]:
    """(status, note, moment) of each status change, oldest first: the history, then the current status."""
    start = posted(idea)
    steps = [(step.status, step.note, on_day(start, step.day, idea.title + step.status)) for step in idea.history]
    if idea.status != "new":
        day = idea.status_day if idea.status_day is not None else 0
        steps.append((idea.status, idea.status_note, on_day(start, day, idea.title + idea.status)))
    return steps


def thread_moments(idea: "Idea") -> list[list[int]]:
    """Per thread, the moments of its comment and of each reply."""
    start = posted(idea)
    moments: list[list[int]] = []
    for position, thread in enumerate(idea.comments):
        previous = moments[-1][0] if moments else None
        moments.append(_thread(start, idea.age_days, position, thread, previous))
    return moments


def _thread(start: int, age_days: int, position: int, thread: "Thread", previous: int | None) -> list[int]:
    if thread.day is not None:
        day = thread.day
        moments = [on_day(start, day, thread.body)]
    else:
        day = min(DEFAULT_THREAD_DAYS[position % len(DEFAULT_THREAD_DAYS)], max(0, age_days - 1))
        moment = on_day(start, day, thread.body)
        if previous is not None and moment >= previous:  # a default never comes before the thread above
            moment = after(previous, thread.body)
        moments = [moment]
    for offset, reply in enumerate(thread.replies):
        if reply.day is None or reply.day == day:
            moments.append(after(moments[-1], reply.body, offset))
        else:
            moments.append(on_day(start, reply.day, reply.body))
    return moments


def vote_moments(idea: "Idea", people: dict[str, "Person"]) -> tuple[dict[str, int], dict[str, int]]:
    """(supporter → moment, rater → moment). The author supports on posting; the others are
    spread over the idea's life, most of them early, each within the time the person was a
    member and came by. A rater who also supports rates a few minutes after supporting.
    A person missing from `people` (refused elsewhere) or with no such time gets no moment."""
    start = posted(idea)
    supports = {idea.author: start - 2}
    supports.update(_spread(idea, idea.supporters, people, start, 1.6))
    ratings = {}
    raters_only = [local for local in idea.ratings if local not in supports]
    spread = _spread(idea, raters_only, people, start, 1.3, salt="rating")
    for local in idea.ratings:
        if local in supports:
            ratings[local] = supports[local] - 3 - jitter(idea.title + local, 20)
        elif local in spread:
            ratings[local] = spread[local]
    return supports, ratings


def _spread(
    idea: "Idea", locals_: Sequence[str], people: dict[str, "Person"], start: int, power: float, salt: str = ""
) -> dict[str, int]:
    moments = {}
    for position, local in enumerate(locals_):
        person = people.get(local)
        if person is None:
            continue
        window = vote_window(start, person)
        if window is None:
            continue
        fraction = ((position + 1) / (len(locals_) + 1)) ** power
        fraction = min(1.0, fraction + jitter(salt + idea.title + local, 100) / 1000)
        moments[local] = between(*window, fraction)
    return moments


def vote_window(start: int, person: "Person") -> tuple[int, int] | None:
    """(earliest, latest) moments at which `person` can act on something that began at `start`,
    or None when they were never there at the same time."""
    earliest, latest = min(start - 30, joined(person) - 30), last_seen(person)
    return (earliest, latest) if earliest > latest else None


def ballot_moments(voters: Sequence[str], people: dict[str, "Person"], opened: int, closed: int) -> dict[str, int]:
    """Ballots spread evenly over the voting time, each while its voter was a member and came by."""
    moments = {}
    for position, local in enumerate(voters):
        person = people.get(local)
        if person is None:
            continue
        window = vote_window(opened, person)
        if window is None:
            continue
        earliest, latest = window[0], max(window[1], closed + 1)
        if earliest <= latest:
            continue
        moments[local] = between(earliest, latest, (position + 1) / (len(voters) + 1))
    return moments
