"""The languages a region's SMEs work in, as its survey reports them, and the language findings of
the improvement list (docs/methods/ecosystem.md, "Languages").

A respondent's working languages W_i:
- its home language: the language it answered in when that is one of the region's languages, else
  the region's languages;
- English, when the capacity item `ppl_english` ("How well do the staff who deal with customers and
  partners speak English?") is answered at a good working level or fluently;
- the neighbour's language (the languages of the region's neighbouring countries other than the
  home ones), when `ppl_neighbour` is answered at a good working level or fluently. Where the
  neighbours speak several languages the survey does not say which one the respondent speaks: W_i
  then holds one group, "de|fr", which a service offered in any of its languages serves;
- the codes ticked in a `working_languages` question, when the questionnaire has one.
A respondent who answered none of these questions has W_i = None: the survey does not measure its
languages, and it is left out of every share (a missing value, not a zero).

Shares are weighted with the survey's raked design and carry the unweighted n and count, so that
the threshold rule of core/stats/disclosure is checked on the numerator and its complement."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from interventures.core.stats import Estimator, RakedDesign, disclosure_of

#: Official languages of the partnership's countries and their neighbours (ISO 3166 -> ISO 639-1).
COUNTRY_LANGUAGES: Mapping[str, tuple[str, ...]] = {
    "AT": ("de",),
    "BY": ("be", "ru"),
    "CH": ("de", "fr", "it"),
    "ES": ("es",),
    "FR": ("fr",),
    "HR": ("hr",),
    "HU": ("hu",),
    "IT": ("it",),
    "LT": ("lt",),
    "LV": ("lv",),
    "PL": ("pl",),
    "PT": ("pt",),
    "RS": ("sr",),
    "RU": ("ru",),
    "SI": ("sl",),
    "SK": ("sk",),
    "UA": ("uk",),
}

#: The answers of the capacity model's `language4` scale that mean "works in the language".
WORKING_LEVELS = frozenset({"working", "fluent"})
ENGLISH_ITEM = "ppl_english"
NEIGHBOUR_ITEM = "ppl_neighbour"
EXPLICIT_QUESTION = "working_languages"

#: A language no service offers is a finding when at least this share of the region's SMEs work in
#: it and in no language a service offers (read at the lower bound of its interval).
UNSERVED_SHARE = 0.1
#: A service is a finding when at least this share of the region's SMEs work in none of its
#: languages (read at the lower bound), the gap rule's "high need".
EXCLUDED_SHARE = 0.5


def members(token: str) -> frozenset[str]:
    """The languages of one element of W_i: a language, or a group ("de|fr") of which the
    respondent speaks one."""
    return frozenset(token.split("|"))


def _serves(working: frozenset[str], offered: Collection[str]) -> bool:
    """Whether a service offered in `offered` reaches a respondent working in `working`."""
    s = set(offered)
    return any(members(t) & s for t in working)


def neighbour_languages(home: Collection[str], neighbouring_countries: Sequence[str]) -> frozenset[str]:
    """The languages of the neighbouring countries, other than the home languages."""
    langs = {lang for c in neighbouring_countries for lang in COUNTRY_LANGUAGES.get(c.upper(), ())}
    return frozenset(langs - set(home))


def respondent_languages(
    answers: Mapping[str, object],
    *,
    answered_in: str,
    region_languages: Sequence[str],
    neighbouring_countries: Sequence[str],
) -> frozenset[str] | None:
    """W_i of one respondent (capacity answers by item id, without the `cap_` prefix; an explicit
    question by its name), or None when its answers measure no language."""
    lang = answered_in.split("-")[0].lower()
    home = frozenset({lang}) if lang in region_languages else frozenset(region_languages)
    out = set(home)
    measured = False
    english = answers.get(ENGLISH_ITEM)
    if english not in (None, ""):
        measured = True
        if english in WORKING_LEVELS:
            out.add("en")
    neighbour = answers.get(NEIGHBOUR_ITEM)
    if neighbour not in (None, ""):
        measured = True
        if neighbour in WORKING_LEVELS:
            group = neighbour_languages(home, neighbouring_countries)
            if group:
                out.add("|".join(sorted(group)))
    explicit = answers.get(EXPLICIT_QUESTION)
    if explicit not in (None, "", []):
        measured = True
        codes = explicit if isinstance(explicit, list | tuple) else str(explicit).split()
        out |= {str(c).split("-")[0].lower() for c in codes if str(c).strip()}
    return frozenset(out) if measured else None


@dataclass(frozen=True)
class LanguageShare:
    """A weighted share of the region's SMEs: n respondents whose languages the survey measures,
    `count` of them (unweighted) with the attribute; the share and its 95 % logit interval, or None
    when withheld by the threshold rule (`suppressed_by`)."""

    n: int
    count: int
    share: float | None
    low: float | None
    high: float | None
    suppressed_by: str = ""

    @property
    def published(self) -> bool:
        return self.share is not None


@dataclass(frozen=True)
class SurveyLanguages:
    """The survey's respondents with their working languages (None: not measured), in the order of
    `design`'s rows. `source` says what they rest on (e.g. the analysis run), for the page."""

    design: RakedDesign
    languages: tuple[frozenset[str] | None, ...]
    source: str = ""

    @property
    def measured(self) -> int:
        return sum(1 for w in self.languages if w is not None)

    def share(self, flags: Sequence[bool | None], *, min_cell: int) -> LanguageShare:
        """The weighted share of the respondents (those measured) for whom `flags` is True."""
        if len(flags) != self.design.n:
            raise ValueError("one flag per respondent of the design")
        column = np.array([np.nan if f is None else float(f) for f in flags])
        n = int(np.sum(~np.isnan(column)))
        count = int(np.nansum(column)) if n else 0
        if n == 0:
            return LanguageShare(0, 0, None, None, None, "n")
        reason = disclosure_of(n, max(1, min_cell), count=count)
        if reason is not None:
            return LanguageShare(n, count, None, None, None, reason.value)
        (e,) = Estimator().estimate(self.design, {"x": column}, proportions=["x"])
        if e.estimate is None:
            return LanguageShare(n, count, None, None, None, "n")
        return LanguageShare(n, count, e.estimate, e.ci_low, e.ci_high)

    def working_in(self, language: str, *, min_cell: int) -> LanguageShare:
        """The share of SMEs that work in `language` (an element of W_i: a language or a group)."""
        return self.share([None if w is None else language in w for w in self.languages], min_cell=min_cell)

    def none_of(self, offered: Collection[str], *, min_cell: int) -> LanguageShare:
        """The share of SMEs that work in none of `offered`."""
        return self.share(
            [None if w is None else not _serves(w, offered) for w in self.languages], min_cell=min_cell
        )

    def only_outside(self, language: str, offered: Collection[str], *, min_cell: int) -> LanguageShare:
        """The share of SMEs that work in `language` and in none of `offered`."""
        return self.share(
            [None if w is None else language in w and not _serves(w, offered) for w in self.languages],
            min_cell=min_cell,
        )

    def reported(self) -> tuple[str, ...]:
        """Every language (or group) some respondent works in, sorted."""
        return tuple(sorted({lang for w in self.languages if w for lang in w}))
