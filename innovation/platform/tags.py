"""Tag slugs, shared by idea tags and expertise tags."""

import re

from .errors import ValidationFailed

TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def parse_tags(raw, *, limit: int, field: str = "tags") -> list[str]:
    """Lower-case slugs from a comma-separated string or a list; unique, at most `limit`."""
    if raw is None:
        raw = []
    if not isinstance(raw, str | list | tuple):
        raise ValidationFailed("Tags are a list of short slugs.", fields={field: ["Must be a list."]})
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    tags: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValidationFailed("Tags are short text slugs.", fields={field: ["Must be text."]})
        tag = re.sub(r"[\s_]+", "-", item.strip().lower())
        if not tag:
            continue
        if not TAG_PATTERN.match(tag):
            raise ValidationFailed(
                f"Tag {tag[:40]!r} may use letters, digits and dashes (max 40).", fields={field: ["Invalid tag."]}
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > limit:
        raise ValidationFailed(f"At most {limit} tags.", fields={field: [f"At most {limit} tags."]})
    return tags
