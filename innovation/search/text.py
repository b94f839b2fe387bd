"""What people type into a search box, read the same way by every backend.

We do not hand the raw text to Whoosh's or PostgreSQL's own query language: `title:(`, `*`
or a stray quote must never become a syntax error or a scan of everything. The language is
small and forgiving: words (all must match), "quoted phrases", and -excluded words.
"""

import re
import string
from dataclasses import dataclass, field

from ..platform.errors import ValidationFailed

QUERY_MAX = 200  # characters; a search box, not a document
MAX_TERMS = 12  # words and phrases together; more adds cost without adding precision
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    @property
    def all_words(self) -> list[str]:
        """Every positive word, phrases included, in the order typed."""
        return self.words + [word for phrase in self.phrases for word in phrase]

    def text(self) -> str:
        parts = list(self.words) + [f'"{" ".join(p)}"' for p in self.phrases] + [f"-{w}" for w in self.excluded]
        return " ".join(parts)


def words_of(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text or "")]


def parse_query(raw) -> ParsedQuery:
    """Words, phrases and exclusions from a search box; raises ValidationFailed (a 400/message)
    for text that is not a query at all. Punctuation and operators are simply ignored."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise ValidationFailed("The query must be text.", fields={"q": ["Must be text."]})
    if len(raw) > QUERY_MAX:
        raise ValidationFailed(
            f"Search queries have at most {QUERY_MAX} characters; shorten yours.",
            fields={"q": [f"At most {QUERY_MAX} characters."]},
        )
    parsed = ParsedQuery()
    for minus, quoted, bare in TOKEN.findall(raw):
        is_phrase = bare == ""
        if is_phrase:
            negate, words = minus == "-", words_of(quoted)
        else:
            negate, words = bare.startswith("-") and len(bare) > 1, words_of(bare)
        if not words:
            continue
        if negate:
            parsed.excluded.extend(w for w in words if w not in parsed.excluded)
        elif len(words) > 1 and is_phrase:
            parsed.phrases.append(words)
        else:
            parsed.words.extend(w for w in words if w not in parsed.words)
    parsed.words = parsed.words[:MAX_TERMS]
    parsed.phrases = parsed.phrases[: max(0, MAX_TERMS - len(parsed.words))]
    parsed.excluded = parsed.excluded[:MAX_TERMS]
    return parsed


ALPHABET = string.ascii_lowercase


def single_edits(word: str) -> set[str]:
    """Every string one edit away (delete, swap neighbours, replace, insert) — Norvig's
    candidates. Each is then stemmed by the backend and looked up in its vocabulary, so a typo
    is forgiven through the stemmer: "onboardng" → "onboarding" → stem "onboard"."""
    if len(word) < 4 or len(word) > 30:
        return set()  # short words have too many neighbours; long ones are not typed by hand
    letters = ALPHABET + "".join(sorted(set(word) - set(ALPHABET)))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | replaces | inserts) - {word}
