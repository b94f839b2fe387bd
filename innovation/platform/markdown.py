"""Markdown to safe HTML: markdown-it-py renders (raw HTML off), nh3 (ammonia) sanitizes.

Raw HTML in the source is escaped by the renderer, and the sanitizer is the second wall:
only a small set of tags and attributes survives, links keep http(s)/mailto and relative
URLs only, and images are dropped (no tracking pixels, no SVG tricks).
"""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_renderer = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .disable("image")
)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def _keep_mention_class(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "class":
        return "mention" if value == "mention" else None
    return value


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_mention_class,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Sanitized HTML for user-written markdown (stored next to the source)."""
    return sanitize_html(_renderer.render(text or ""))


def safe(html: str) -> Markup:
    """Mark stored, already sanitized HTML as safe for templates (sanitized once more)."""
    return Markup(sanitize_html(html or ""))  # noqa: S704 - sanitized on the line above
