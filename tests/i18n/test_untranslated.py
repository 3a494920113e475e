"""Every page of the platform, in every language of the partnership, is in that language.

The pages are the security matrix's (tests/security/test_url_matrix.py): every URL pattern, with the
ids of its fixture world (tests/security/world.py), opened by a role that may open it; on top of the
world sit the reference data and the demo (`interventures demo load`), so that the pages show what a
visitor of the demo sees, and the demo's own objects (its campaigns, results, reports) are opened too.
Each page is rendered in hu, hr, it, pl, es and lt; its visible text (tests/i18n/visible_text.py)
must hold no English word, English acronym or English number format, except:

- text marked with another language (`lang="en"`: a name or a text a user entered in that language,
  marked so for screen readers and shown with its language);
- the names in NAMES (proper names, codes and units every language writes the same way);
- the entries of KNOWN, each scoped to one page and one text, with the reason it is there.

A failure names the page, the language, the role, and each offending text with its English words.

The admin's pages are rendered once each, in a language that rotates from page to page: what the
platform adds to them (its app, model and field names, help texts, choices) is one catalogue entry
for all languages alike. Django's own strings (some of Django 5.2's newest admin strings have no
translation yet in these languages) and the rows the admin lists (data, as entered) are not read.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from security.test_url_matrix import (
    ADMIN_PAGES,
    EXPECTED,
    OK,
    _admin_model_routes,
    _admin_object,
    _admin_url,
    _url,
    full_row,
    rolled_back,
)
from security.world import ROLES, World, build_world

from .visible_text import english_in, visible_texts

LANGS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# The role a page is opened as: the first of these the matrix lets open it (the public sees a page
# before anyone logged in does; an SME its own test; a partner its region's work).
ROLE_ORDER = ("anonymous", "sme_a", "stakeholder_a", "partner_a", "coordinator", "admin", "advisor")
# Pages each role sees differently (its navigation, its own start page): opened as every role.
EVERY_ROLE = {"web:home", "web:start"}
# Routes that are not pages: files and JSON (their names say so), the admin (read on its own below).
NOT_PAGES = re.compile(r"^admin|_api:|:\w*(?:export|download|pdf|csv|xlsx|xlsform|run_status)\b")

# The demo's own users, next to the world's (their sessions are added to the world's).
DEMO_USERS = {
    "demo_partner": "partner-hu-hr",
    "demo_sme": "sme-hu-hr",
    "demo_stakeholder": "stakeholder-hu-hr",
    "demo_coordinator": "coordinator",
    "demo_advisor": "advisor",
}

# Proper names made of English words that every language writes the same way (other names, codes
# and units hold no word of the detector's list and need no entry).
NAMES = [
    "Cohesion Open Data",  # the European Commission's data portal
    "Enterprise Europe Network",  # the EU's business support network
]


@dataclass(frozen=True)
class Known:
    """English that is known to be on one page, with why; matched by the page's key and the text."""

    page: str  # a route key of the matrix ("analysis:region @ region B published"), or a prefix + "*"
    text: str  # a regular expression the whole text matches
    why: str

    def covers(self, key: str, text: str) -> bool:
        page = key == self.page or (self.page.endswith("*") and key.startswith(self.page[:-1]))
        if page and re.fullmatch(self.text, " ".join(text.split()), re.S) is not None:
            KNOWN_USED.add(KNOWN.index(self))
            return True
        return False


KNOWN: list[Known] = []
# Which entries of KNOWN covered a text, and in which languages the pages were read (see the last test).
KNOWN_USED: set[int] = set()
LANGS_READ: set[str] = set()


def _fixture_texts(w: World) -> list[str]:
    """What the world's test users typed, in English as a user may: its campaigns', questionnaires',
    companies' and programme's names, its files' and users' names and its report's texts. The check
    is about the platform's own text."""
    from django.contrib.auth import get_user_model

    texts = [w.obj[k].name for k in w.obj if k.startswith(("camp_", "q_", "company_", "org_", "service_"))]
    texts += [w.comment_a.text]
    texts += [w.programme.title, w.job_a.original_name, w.job_a_uploaded.original_name]
    # user names are chosen by their users (the demo's name their role: "partner-hu-hr")
    texts += list(get_user_model().objects.values_list("username", flat=True))
    for report in (w.report_a, w.report_b):
        texts += [*report.strengths, report.conclusions]
    return sorted(set(texts), key=len, reverse=True)


def _form_texts() -> list[str]:
    """The English of the world's small form (it has Hungarian too; a form shows its first language
    where it has no other), on the survey pages that show it."""
    from interventures.core.survey.tests.forms import small_form

    form = small_form()
    texts = [form.title["en"]]
    texts += [t["en"] for q in form.questions for t in (q.label, q.hint, q.constraint_message) if "en" in t]
    texts += [c.label["en"] for choices in form.choices.values() for c in choices if "en" in c.label]
    return sorted(set(texts), key=len, reverse=True)


def _codes(w: World) -> frozenset[str]:
    """The words the survey pages show as names of things (a question's or a choice's name, a question
    type, an XLSForm function): codes that a form's author chose or that XLSForm defines."""
    from interventures.apps.surveys.models import QuestionnaireVersion
    from interventures.core.survey.expr import FUNCTIONS
    from interventures.core.survey.types import REGISTRY

    names = {"and", "or", "not", "div", "mod", "if", *FUNCTIONS, *REGISTRY, "begin_group", "end_group"}
    names.update(code for code, _name in settings.LANGUAGES)
    for version in QuestionnaireVersion.objects.all():
        form = version.form
        names.update(form.choices)
        names.update(q.name for q in form.questions)
        names.update(c.name for choices in form.choices.values() for c in choices)
    return frozenset(names)


# The pages that show a questionnaire's names of things (its questions, choices and expressions).
SHOWS_CODES = re.compile(r"^surveys:(?:questionnaire_|import_mapping)")


# ---- the world with the demo on top -------------------------------------------------------------


def _load_demo(w: World) -> None:
    """The reference data and the demo, as `make run` loads them, after the matrix's world."""
    import importlib

    from django.contrib.auth import get_user_model

    from interventures.apps.classifications.services import nace_load, nuts_load
    from interventures.apps.surveys.models import PopulationCount, Questionnaire
    from interventures.apps.surveys.services import questionnaire_ensure_standard
    from interventures.cli.demo import DEMO_ORDER

    nace_load()
    nuts_load(countries={"HU", "HR", "IT", "PL", "ES", "LT"})
    # The demo's standard questionnaire is its own: the world's "standard" one is not revised into it.
    Questionnaire.objects.filter(pk=w.q_standard.pk).update(is_standard=False)
    questionnaire_ensure_standard()
    # The world's population figures are a year before the demo's, whose cells they would take.
    PopulationCount.objects.filter(source="matrix").update(year=2020)
    out = io.StringIO()
    from interventures.apps.surveys import demo as survey_demo

    # A third of the demo's synthetic responses: the same pages and figures, in a third of the time.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            survey_demo,
            "PROFILES",
            {code: replace(p, n=p.n // 3) for code, p in survey_demo.PROFILES.items()},
        )
        for app in DEMO_ORDER:
            importlib.import_module(f"interventures.apps.{app}.demo").load(out=out)
    Questionnaire.objects.filter(pk=w.q_standard.pk).update(is_standard=True)
    users = get_user_model().objects
    for role, username in DEMO_USERS.items():
        client = Client()
        client.force_login(users.get(username=username))
        w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    from interventures.apps.assessment.models import Assessment
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.models import PolicyInstrument
    from interventures.apps.surveys.models import Campaign

    o = w.obj
    o["demo_regions"] = list(Region.objects.order_by("code"))
    o["demo_instruments"] = list(PolicyInstrument.objects.order_by("slug"))
    o["demo_campaign"] = Campaign.objects.get(slug="demo-hu-hr")
    o["names"] = _names((*NAMES, *_fixture_texts(w)))
    o["survey_names"] = _names((*NAMES, *_fixture_texts(w), *_form_texts()))
    o["codes"] = _codes(w)
    o["demo_result"] = (
        Assessment.objects.filter(is_demo=True, region__code="hu-hr", shared_with_region=True)
        .order_by("pk")
        .first()
    )


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        _load_demo(w)
        yield w
        transaction.set_rollback(True)


# ---- the pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    key: str
    role: str
    url: Callable[[World], str]  # reversed in the active language


def _matrix_pages() -> Iterator[Page]:
    for key, row in EXPECTED.items():
        if NOT_PAGES.search(key):
            continue
        allowed = [role for role, outcome in zip(ROLES, full_row(key, row), strict=True) if outcome == OK]
        roles = [r for r in ROLE_ORDER if r in allowed]
        for role in roles if key in EVERY_ROLE else roles[:1]:
            yield Page(key, role, lambda w, key=key: _url(w, key))


def _demo_pages(w: World) -> Iterator[Page]:
    """The demo's own objects, as the demo's users open them."""
    for role in DEMO_USERS:
        yield Page("web:start", role, lambda w: reverse("web:start"))
    yield Page("surveys:campaign_list", "demo_partner", lambda w: reverse("surveys:campaign_list"))
    yield Page(
        "surveys:campaign_detail @ demo",
        "demo_partner",
        lambda w: reverse("surveys:campaign_detail", kwargs={"pk": w.demo_campaign.pk}),
    )
    yield Page(
        "surveys:campaign_files @ demo",
        "demo_partner",
        lambda w: reverse("surveys:campaign_files", kwargs={"pk": w.demo_campaign.pk}),
    )
    yield Page("surveys:questionnaire_list", "demo_partner", lambda w: reverse("surveys:questionnaire_list"))
    yield Page("assessment:region_results", "demo_partner", lambda w: reverse("assessment:region_results"))
    yield Page(
        "assessment:result @ demo shared",
        "demo_partner",
        lambda w: reverse("assessment:result", kwargs={"token": w.demo_result.token}),
    )
    yield Page("partnership:overview", "demo_partner", lambda w: reverse("partnership:overview"))
    for region in w.demo_regions:
        code = region.code
        yield Page(
            f"partnership:region @ {code}",
            "anonymous",
            lambda w, code=code: reverse("partnership:region", kwargs={"code": code}),
        )
        yield Page(
            f"analysis:region @ {code}",
            "demo_coordinator",
            lambda w, code=code: reverse("analysis:region", kwargs={"code": code}),
        )
    for instrument in w.demo_instruments:
        slug = instrument.slug
        yield Page(
            f"partnership:instrument @ {slug}",
            "anonymous",
            lambda w, slug=slug: reverse("partnership:instrument", kwargs={"slug": slug}),
        )


def _admin_pages() -> Iterator[tuple[str, str]]:
    """(route key, language) of each admin page worth reading: the platform's models' lists and forms."""
    keys = sorted(
        key
        for key, (_label, kind, policy) in _admin_model_routes().items()
        if kind in ("changelist", "add", "change") and ADMIN_PAGES[policy][kind][-1] == OK
    )
    keys = ["admin:index", "admin:app_list @ surveys", *keys]
    for i, key in enumerate(keys):
        yield key, LANGS[i % len(LANGS)]


def pages(w: World) -> list[Page]:
    return [*_matrix_pages(), *_demo_pages(w)]


# ---- reading a page -----------------------------------------------------------------------------


def english_on_page(
    w: World,
    html: str,
    lang: str,
    key: str,
    *,
    skip: Any = None,
    also: tuple[str, ...] = (),
    ignore: Callable[[str], bool] | None = None,
) -> list[str]:
    """Each text of the page that holds English, with the English named: "text  ← the, of"."""
    codes = w.codes if SHOWS_CODES.search(key) else frozenset()
    found = []
    html_lang = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    if html_lang and html_lang.group(1).split("-")[0] != lang:
        return [f'<html lang="{html_lang.group(1)}"> on a page in {lang}']
    for piece in visible_texts(html, skip):
        if piece.lang not in ("", lang):
            continue  # marked with the language it is in
        text = piece.text
        if ignore is not None and ignore(text):
            continue
        text = _names(also).sub(" ", text)
        text = (w.survey_names if key.startswith("surveys:") else w.names).sub(" ", text)
        words = english_in(text, lang, codes)
        if not words or any(k.covers(key, piece.text) for k in KNOWN):
            continue
        shown = " ".join(piece.text.split())
        shown = shown if len(shown) <= 160 else shown[:157] + "…"
        where = "" if piece.where == "text" else f" [{piece.where}]"
        found.append(f"{shown!r}{where}  ← {', '.join(dict.fromkeys(words))}")
    return list(dict.fromkeys(found))


@functools.cache
def _names(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `names`, as a whole (not "admin" in "administracija")."""
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _get(w: World, role: str, url: str) -> Any:
    with rolled_back():
        return w.client(role).get(url)


def _same_page_in_another_language(url: str, location: str) -> bool:
    return url.split("/", 2)[2] == location.split("/", 2)[2] and url != location


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_in_its_language(world: World, db: Any, lang: str) -> None:
    problems: list[str] = []
    rendered = 0
    for page in pages(world):
        with translation.override(lang):
            url = page.url(world)
        response = _get(world, page.role, url)
        if response.status_code == 302 and _same_page_in_another_language(url, response["Location"]):
            continue  # a survey in a language its campaign does not offer opens in one it does
        if response.status_code != 200:
            problems.append(f"GET {url} [{page.key}] as {page.role}: {response.status_code}, not a page")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        rendered += 1
        for text in english_on_page(world, response.content.decode(), lang, page.key):
            problems.append(f"GET {url} [{page.key}] as {page.role}: {text}")
    assert rendered >= 80, rendered
    LANGS_READ.add(lang)
    assert not problems, f"{len(problems)} English texts on {lang} pages:\n" + "\n".join(problems)


def _admin_data(tag: str, attrs: dict[str, str]) -> bool:
    """The admin's rows, choices, stored texts and read-only values: data, in the language it was
    entered in (reference data's base fields hold English), not the interface."""
    classes = attrs.get("class", "").split()
    return (
        tag in ("option", "textarea", "bdi")  # bdi: a password's masked salt and hash ("or6E**…")
        or (tag in ("td", "th") and any(c.startswith("field-") for c in classes))
        or bool({"readonly", "action-select", "errorlist", "original", "inline_label"} & set(classes))
        or (tag == "a" and attrs.get("href", "").startswith("?"))  # a filter's choices
    )


@functools.cache
def _third_party_texts() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Django's own strings and those of the other apps in its admin (django-axes): English where
    their catalogues have no translation yet (Django 5.2's newest admin strings in several of the
    partnership's languages); the check holds the platform to its own words, not to Django's."""
    import django
    import polib
    from django.apps import apps

    root = Path(django.__file__).parent
    catalogues = [root / "conf/locale/en/LC_MESSAGES/django.po"] + [
        root / "contrib" / app / "locale/en/LC_MESSAGES" / name
        for app in ("admin", "auth", "contenttypes", "sessions")
        for name in ("django.po", "djangojs.po")
    ]
    texts = {e.msgid for path in catalogues if path.exists() for e in polib.pofile(str(path))}
    texts |= {e.msgid_plural for path in catalogues if path.exists() for e in polib.pofile(str(path))}
    # Django's own translations too: "Date importanti" is Italian, though "Date" is an English word.
    translated = [Path(str(path).replace("/en/", f"/{lang}/")) for path in catalogues for lang in LANGS]
    texts |= {e.msgstr for path in translated if path.exists() for e in polib.pofile(str(path)) if e.msgstr}
    names: set[str] = set()
    with translation.override("en"):
        for config in apps.get_app_configs():
            if config.name.startswith("interventures"):
                continue
            names.add(str(config.verbose_name))
            for model in config.get_models():
                names |= {str(model._meta.verbose_name), str(model._meta.verbose_name_plural)}
                for f in model._meta.get_fields():
                    names |= {str(getattr(f, "verbose_name", "")), str(getattr(f, "help_text", ""))}
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    # (a pattern of placeholders and signs, "%(name)s:", would match any text)
    patterns = sorted(
        (p for t in texts if re.search(r"[^\W\d_]{3}", p := placeholder.sub("\x00", t))),
        key=len,
        reverse=True,
    )
    patterns += sorted((n for n in names if n.strip()), key=len, reverse=True)
    messages = re.compile("|".join(re.escape(p).replace("\x00", ".+?") for p in patterns), re.I | re.S)
    # (a name of several words is taken out of the texts it is part of: "access log módosítása")
    return messages, tuple(sorted((n for n in names if " " in n.strip()), key=len, reverse=True))


def test_the_admin_pages_are_in_their_language(world: World, db: Any) -> None:
    problems: list[str] = []
    messages, names = _third_party_texts()

    def djangos(text: str) -> bool:
        return messages.fullmatch(text.strip().strip("›").strip().removesuffix(":")) is not None

    for key, lang in _admin_pages():
        with translation.override(lang):
            if key.startswith("admin:index") or key.startswith("admin:app_list"):
                url = _url(world, key)
                shown: tuple[str, ...] = ()
            else:
                label, kind, _policy = _admin_model_routes()[key]
                url = _admin_url(world, key, label, kind)
                shown = (str(_admin_object(world, label)),) if kind == "change" else ()
        response = _get(world, "admin", url)
        if response.status_code != 200:
            problems.append(f"GET {url} [{key}] as admin: {response.status_code}")
            continue
        html = response.content.decode()
        found = english_on_page(
            world, html, lang, key, skip=_admin_data, also=(*shown, *names), ignore=djangos
        )
        problems += [f"GET {url} [{key}] as admin, in {lang}: {text}" for text in found]
    assert not problems, f"{len(problems)} English texts on admin pages:\n" + "\n".join(problems)


def test_the_known_english_is_still_there(world: World, db: Any) -> None:
    """Each entry of KNOWN still covers a text (an entry left over once its page is fixed is removed,
    so that the list only shrinks); judged after every language has been read."""
    if LANGS_READ != set(LANGS):
        pytest.skip("the pages were not read in every language in this run")
    unused = [k for i, k in enumerate(KNOWN) if i not in KNOWN_USED]
    assert not unused, "KNOWN entries that cover nothing any more (remove them):\n" + "\n".join(
        f"{k.page}: {k.text}" for k in unused
    )
