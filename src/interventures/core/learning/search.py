"""Search text that works the same on every database: casefolded, accents stripped, one space.

A record's search text is built once from all its translations (`search_text`), and a query is split
into tokens (`tokens`) that must all occur in it (the app filters with one `icontains` per token).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters NFKD does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
MAX_TOKENS = 8
"""A query longer than this is cut: every token is one more condition on the database."""


def normalise(text: str) -> str:
    """Lower case without accents, words separated by single spaces ("Gyorsított" -> "gyorsitott")."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold().translate(_SPECIAL))
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold().translate(_SPECIAL)
    return " ".join(_NON_WORD.sub(" ", bare).split())


def search_text(texts: Iterable[str | None]) -> str:
    """The normalised text of all `texts` (every field in every language), each distinct word once,
    padded with spaces so that a whole-word match can look for " word "."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in normalise(text or "").split():
            seen.setdefault(word, None)
    return f" {' '.join(seen)} " if seen else ""


def tokens(query: str) -> list[str]:
    """The distinct normalised words of a query, at most MAX_TOKENS, in their order."""
    out: list[str] = []
    for word in normalise(query).split():
        if word not in out:
            out.append(word)
    return out[:MAX_TOKENS]


def matches(text: str, query: str) -> bool:
    """Whether every token of `query` occurs in the search text `text` (the database filter's rule)."""
    return all(token in text for token in tokens(query))


def tag_text(tags: Iterable[tuple[str, str]]) -> str:
    """Tags as one searchable column: " kind:value kind:value " (kind is dim, stage, barrier, service,
    topic), so that a filter is a portable `icontains " dim:finance "`."""
    parts = sorted({f"{kind}:{normalise(value).replace(' ', '-')}" for kind, value in tags if value})
    return f" {' '.join(parts)} " if parts else ""


def tag_needle(kind: str, value: str) -> str:
    return f" {kind}:{normalise(value).replace(' ', '-')} "
