"""The Interreg Europe indicator "people with increased professional capacity due to participation
in interregional cooperation activities", from participants' feedback: a person counts once however
many events they attended and answered for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .search import normalise


def person_key(*, email: str, name: str) -> str:
    """Who a participant is across events: the e-mail address when given, else the name, both
    normalised (case, accents, spacing), so that "Ana Kovač" and "ana  kovac" are one person."""
    email = email.strip().casefold()
    return f"email:{email}" if email else f"name:{normalise(name)}"


@dataclass(frozen=True)
class CapacityIndicator:
    people: int
    """Distinct people who reported increased capacity at least once."""
    answers: int
    """Feedback answers that reported it (a person may give several)."""
    respondents: int
    """Distinct people who answered the feedback at all."""


def increased_capacity(feedback: Iterable[tuple[str, bool]]) -> CapacityIndicator:
    """`feedback`: (person key, reported increased capacity) per answer."""
    gained: set[str] = set()
    answered: set[str] = set()
    answers = 0
    for key, gain in feedback:
        answered.add(key)
        if gain:
            answers += 1
            gained.add(key)
    return CapacityIndicator(len(gained), answers, len(answered))
