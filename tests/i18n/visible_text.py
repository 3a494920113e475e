"""What a reader of a page sees, and the English in it.

`visible_texts(html)` gives every piece of text a page shows or reads out: text nodes (outside
<script>, <style> and <template>), the attributes a browser shows or a screen reader speaks
(aria-label, title, placeholder, alt, a button's value), the messages scripts show (data-* attributes
that hold words, JSON in <script type="application/json">), and the words a chart draws (the strings
of its Vega-Lite spec). Code (<code>, <kbd>, <samp>) and text marked
`translate="no"` are in no human language and left out. Each piece carries the language it is marked
with (the nearest `lang` attribute), so that text a user entered in another language and marked as such is told apart from
an interface left in English.

`english_in(text, lang)` names the English words and formats in a text meant to be in `lang`: common
English function words and interface words matched as whole words (a word that is also a word of
`lang`, like Polish "Region" or Italian "in", is not English there), phrases, and numbers in the
English format (a thousands comma, a decimal point).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)  # elements with no end tag
HIDDEN_CONTENT = frozenset({"script", "style", "template"})
# Code the page shows as code (a question's name, an expression), in no human language.
CODE = frozenset({"code", "kbd", "samp"})
SPOKEN_ATTRIBUTES = ("aria-label", "aria-description", "aria-roledescription", "title", "placeholder", "alt")
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
# A data-* attribute that holds words for a script to show or say ("Saved", "Copy the link?"), not a
# code, an address or an expression.
_DATA_MESSAGE = re.compile(r"^(?=.*[^\W\d_]{2,}\s+[^\W\d_]{2,})[^${}=<>/]*$", re.S)


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # the language the text is marked with ("" when the page marks none)
    where: str  # "text", an attribute's name ("aria-label") or "chart"


Skip = Callable[[str, dict[str, str]], bool]


class _Reader(HTMLParser):
    def __init__(self, skip: Skip | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_also = skip
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang in force inside it, skipped inside)
        self.skip = 0  # depth inside <script>/<style>/<template>, code or text marked translate="no"
        self.chart_spec = False
        self.out: list[Text] = []

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        lang = a.get("lang", self.lang).split("-")[0].lower() if "lang" in a else self.lang
        if not self.skip and not (self.skip_also is not None and self.skip_also(tag, a)):
            for name in SPOKEN_ATTRIBUTES:
                if a.get(name, "").strip():
                    self.out.append(Text(a[name], lang, name))
            if tag == "input" and a.get("type", "") in BUTTON_INPUTS and a.get("value", "").strip():
                self.out.append(Text(a["value"], lang, "value"))
            for name, value in a.items():
                if name.startswith("data-") and _DATA_MESSAGE.match(value):
                    self.out.append(Text(value, lang, name))
            if tag == "meta" and a.get("name") == "description":
                self.out.append(Text(a.get("content", ""), lang, "meta description"))
        if tag in VOID:
            return
        skipped = (
            tag in HIDDEN_CONTENT
            or tag in CODE
            or a.get("translate") == "no"
            or (self.skip_also is not None and self.skip_also(tag, a))
        )
        self.stack.append((tag, lang, skipped))
        if skipped:
            self.skip += 1
            # a chart's spec, or the messages a script shows (<script type="application/json">)
            self.chart_spec = tag == "script" and a.get("type") == "application/json"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(t == tag for t, _lang, _skipped in self.stack):
            return  # a stray end tag
        while self.stack:
            t, _lang, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
                self.chart_spec = False
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.chart_spec:
            self.out.extend(Text(s, self.lang, "chart") for s in chart_strings(json.loads(data)))
        elif not self.skip and data.strip():
            self.out.append(Text(data, self.lang, "text"))


def visible_texts(html: str, skip: Skip | None = None) -> list[Text]:
    """The page's texts; `skip(tag, attributes)` names more elements to leave out, with their content."""
    reader = _Reader(skip)
    reader.feed(html)
    reader.close()
    return reader.out


# Keys of a Vega-Lite spec whose strings name things rather than say something to the reader.
_SPEC_KEYS_NOT_SHOWN = frozenset(
    {
        "$schema",
        "field",
        "type",
        "mark",
        "format",
        "formatType",
        "orient",
        "font",
        "color",
        "fill",
        "stroke",
        "scheme",
        "sort",
        "aggregate",
        "stack",
        "timeUnit",
        "name",
        "align",
        "baseline",
        "labelAlign",
        "labelBaseline",
        "titleAlign",
        "titleAnchor",
        "anchor",
        "expr",
        "labelExpr",
        "param",
        "as",
        "groupby",
        "legend",
        "interpolate",
        "shape",
        "strokeCap",
        "fontWeight",
        "autosize",
        "cursor",
        "resolve",
        # a Vega linkpath's field paths (the network drawing of apps/keyplayers)
        "sourceX",
        "sourceY",
        "targetX",
        "targetY",
    }
)


def chart_strings(spec: Any, key: str = "") -> Iterator[str]:
    """The strings of a chart's spec that reach the reader: titles, labels and the data's text."""
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k not in _SPEC_KEYS_NOT_SHOWN:
                yield from chart_strings(v, k)
    elif isinstance(spec, list):
        for v in spec:
            yield from chart_strings(v, key)
    elif isinstance(spec, str) and spec.strip() and not spec.startswith("#"):
        yield spec


# ---- the detector -------------------------------------------------------------------------------

ALL = frozenset({"hu", "hr", "it", "pl", "es", "lt"})

# English words no sentence of the partnership's other languages uses, matched as whole words in any
# case; after a word, the languages in which the same spelling is a word of their own.
ENGLISH_WORDS: dict[str, frozenset[str]] = {
    w: frozenset(langs)
    for w, langs in {
        # function words
        "the": (),
        "and": (),
        "of": (),
        "with": (),
        "for": (),
        "from": (),
        "your": (),
        "you": (),
        "this": (),
        "that": (),
        "these": (),
        "which": (),
        "what": (),
        "who": (),
        "are": (),
        "was": (),
        "were": (),
        "been": (),
        "have": (),
        "has": ("es",),
        "will": (),
        "would": (),
        "can": (),
        "not": (),
        "their": (),
        "there": (),
        "than": (),
        "into": (),
        "about": (),
        "each": (),
        "every": (),
        "other": (),
        "only": (),
        "yet": (),
        "or": (),
        "is": ("hu",),  # Hungarian "is" (also)
        "at": (),
        "by": ("pl",),  # Polish "by" (conditional particle)
        "to": ("pl", "hr", "lt"),  # "to" (it, this, that)
        "in": ("it",),  # Italian "in"
        "on": ("pl", "hr"),  # "on" (he)
        "it": (),
        "an": (),
        "be": ("hu", "lt"),  # a Hungarian verbal prefix ("lépjen be"), Lithuanian "be" (without)
        "how": (),
        "when": (),
        "where": (),
        "no": ("it", "es", "pl"),
        "yes": (),
        "all": (),
        "per": ("it", "lt"),  # Lithuanian "per" (through, during)
        "none": (),
        # interface words
        "save": (),
        "download": ("it",),
        "sign": (),
        "log": (),
        "login": (),
        "logout": (),
        "password": ("it",),  # Italian interfaces say "password", "account", "file"
        "username": (),
        "account": ("it",),
        "region": ("pl",),  # Polish "region"
        "regions": (),
        "regional": ("es",),
        "search": (),
        "next": (),
        "previous": (),
        "back": (),
        "submit": (),
        "cancel": (),
        "delete": (),
        "edit": (),
        "open": (),
        "close": (),
        "closes": (),
        "opens": (),
        "help": (),
        "loading": (),
        "show": (),
        "hide": (),
        "view": (),
        "result": (),
        "results": (),
        "score": (),
        "scores": (),
        "stage": (),
        "step": (),
        "page": (),
        "language": (),
        "survey": (),
        "surveys": (),
        "campaign": (),
        "campaigns": (),
        "questionnaire": (),
        "questionnaires": (),
        "question": (),
        "questions": (),
        "answer": (),
        "answers": (),
        "response": (),
        "responses": (),
        "respondents": (),
        "report": (),
        "reports": (),
        "partnership": (),
        "partner": ("pl", "hr", "hu", "it"),
        "programme": (),
        "programmes": (),
        "instrument": ("pl", "hr"),
        "instruments": (),
        "call": (),
        "calls": (),
        "objective": (),
        "objectives": (),
        "priority": (),
        "axis": (),
        "budget": ("pl", "it"),
        "share": (),
        "shared": (),
        "total": ("es", "pl"),
        "weakness": (),
        "weaknesses": (),
        "strengths": (),
        "opportunities": (),
        "threats": (),
        "conclusions": (),
        "import": ("pl", "hu", "it"),
        "imported": (),
        "imports": (),
        "export": ("hu", "it"),
        "exports": (),
        "rows": (),
        "row": (),
        "rejected": (),
        "file": ("it",),
        "upload": (),
        "method": (),
        "sources": (),
        "source": (),
        "home": (),
        "start": ("pl", "hu"),
        "started": (),
        "completed": (),
        "draft": (),
        "published": (),
        "status": ("pl", "hr", "it", "es", "lt", "hu"),
        "version": (),
        "copy": (),
        "add": (),
        "new": (),
        "name": (),
        "description": (),
        "sector": ("es", "pl"),
        "size": (),
        "small": (),
        "medium": (),
        "large": (),
        "micro": ("it", "es"),
        "enterprise": (),
        "enterprises": (),
        "company": (),
        "companies": (),
        "business": (),
        "support": (),
        "capacity": (),
        "development": (),
        "plan": ("pl", "hr", "es", "hu", "lt"),
        "billion": (),
        "million": (),
        "thousand": (),
        "average": (),
        "comparison": (),
        "figures": (),
        "figure": (),
        "analysis": (),
        "synthetic": (),
        "demo": ("it", "es", "pl", "hr", "hu", "lt"),
        "example": (),
        "warning": (),
        "sign-up": (),
        "invited": (),
        "invitation": (),
        "link": ("pl", "hr", "hu", "it", "es", "lt"),
        "links": (),
        "members": (),
        "member": (),
        "state": ("it",),  # Italian "sono state salvate"
        "date": ("hr",),  # Croatian "date" (they give)
        "year": (),
        "unknown": (),
        "don't": (),
        "know": (),
        "here": (),
        "more": ("hr",),  # Croatian "more" (sea)
        "less": (),
        "first": (),
        "last": (),
        "see": (),
        "also": (),
    }.items()
}

# Acronyms of English names; after each, the languages that use the same letters.
ENGLISH_ACRONYMS: dict[str, frozenset[str]] = {
    "ERDF": frozenset(),  # FESR (it), EFRR (pl, hr), ERFA (hu)…
    "ESF": frozenset({"hr", "lt"}),  # Europski socijalni fond, Europos socialinis fondas
    "SME": frozenset(),
    "SMEs": frozenset(),
    "EU": frozenset({"hu", "hr"}),  # UE (it, pl, es), ES (lt)
}

# English month names and their abbreviations in a date ("2 Dec 2026"), matched as written.
MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_MONTH = "|".join(MONTHS)
_DATE = re.compile(rf"\b\d{{1,2}} (?:{_MONTH})\.? \d{{4}}\b|\b(?:{_MONTH}) \d{{1,2}}, \d{{4}}\b")
_FULL_MONTHS = frozenset(MONTHS[:12]) - {"May"}  # "May" is also a word of English sentences
_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
# A figure's identifier (SAR-hu-hr-CAP-overall), an address and a JSON example ({"hu": {"name": …}})
# are codes.
_IDENTIFIER = re.compile(r"\bSAR-[\w-]+|\bhttps?://\S+|\{.*\}")
# 40,000,000 or 1,234.5: a thousands comma (a decimal comma never has two groups of three after it,
# nor a point after one); 36.3 or 0.75: a decimal point (not a date, a code, nor a version "3.1.2").
_ENGLISH_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3}){2,}(?![\w,])"
    r"|(?<![\w.,])\d{1,3},\d{3}\.\d+(?![\w.,])"
    r"|(?<![\w.,/:-])\d{1,3}\.\d{1,2}(?![\w.,/:-])(?!\s?[\u2013-]\s?\d)"
)


# Languages that join a case ending to an abbreviation with a hyphen ("kkv-it", "EU-a", "MVĮ-ų").
SUFFIXED = frozenset({"hu", "hr", "lt", "pl"})


def _is_acronym(word: str) -> bool:
    letters = word[:-1] if word.endswith("s") else word
    return 2 <= len(letters) <= 5 and letters.isupper()


def english_in(text: str, lang: str, codes: frozenset[str] = frozenset()) -> list[str]:
    """The English words, acronyms, dates and number formats found in `text`, which should be in
    `lang`. Tokens with a digit or an underscore are codes ("PA3-at", "export_share"), and so are the
    words in `codes` (the names of a questionnaire's questions on the pages that show them)."""
    found: list[str] = []
    text = _IDENTIFIER.sub(" ", text)
    for token in _TOKEN.findall(text):
        if "_" in token or any(c.isdigit() for c in token) or token in codes:
            continue
        parts = token.split("-")
        if len(parts) > 1 and token.lower() in ENGLISH_WORDS:
            parts = [token]  # "sign-up"
        for i, word in enumerate(parts):
            if not word or word in codes or (i and len(word) <= 3 and lang in SUFFIXED):
                continue
            if _is_acronym(word):
                if lang not in ENGLISH_ACRONYMS.get(word, ALL):
                    found.append(word)
                continue
            key = word.lower().replace("’", "'")
            key = key[:-2] if key.endswith("'s") else key
            langs = ENGLISH_WORDS.get(key)
            if (langs is not None and lang not in langs) or word in _FULL_MONTHS:
                found.append(word)
    found += _DATE.findall(text)
    found += _ENGLISH_NUMBER.findall(text)
    return found
