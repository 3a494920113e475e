"""Guessing the keys that reach an object: every guess gets 404 (never 200, never 500) and creates
nothing (issue 8: "Keys that reach an object are secrets").

The keys: an assessment's token (its pages and the API's result), the API's idempotency key, a survey
invitation's token, a survey response's key in the respondent's address, and the ids of import jobs,
campaigns, questionnaires, exports and analysis runs. The guesses: sequential ids, other users' keys,
a shortened key, the key in the wrong case, an over-long key and one in a bad character set.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from .world import World, database_fingerprint

ASSESSMENT_ROUTES = ("resume", "step", "autosave", "result", "result_pdf", "share", "claim")


def _token_guesses(token: uuid.UUID) -> dict[str, str]:
    text = str(token)
    return {
        "sequential": "1",
        "random": str(uuid.UUID(int=token.int ^ 1)),
        "shortened": text[:-1],
        "upper case": text.upper(),
        "over-long": text + "0",
        "bad charset": text[:-1] + "g",
        "no dashes": token.hex,
    }


def _assessment_path(route: str, token: str) -> str:
    suffix = {
        "resume": "",
        "step": "step/1/",
        "autosave": "autosave/",
        "result": "result/",
        "result_pdf": "result.pdf",
        "share": "share/",
        "claim": "claim/",
    }[route]
    return f"/en/test/{token}/{suffix}"


def _attempt(
    w: World, role: str, method: str, path: str, data: dict[str, Any] | None = None
) -> tuple[int, bool]:
    """(status, whether the database is unchanged) of one request."""
    before = database_fingerprint()
    client = w.client(role)
    response = client.post(path, data or {}) if method == "POST" else client.get(path)
    return response.status_code, database_fingerprint() == before


def _failures(w: World, attempts: list[tuple[str, str, str, dict[str, Any] | None]]) -> list[str]:
    out = []
    for role, method, path, data in attempts:
        status, unchanged = _attempt(w, role, method, path, data)
        if status != 404 or not unchanged:
            out.append(
                f"{method} {path} as {role}: {status}{'' if unchanged else ', and it wrote to the database'}"
            )
    return out


# ---- the assessment token ------------------------------------------------------------------------


def test_guessed_assessment_tokens_open_nothing(cell: World) -> None:
    """Every page of the test, read and write, with a guessed token of SME A's unshared result."""
    attempts: list[tuple[str, str, str, dict[str, Any] | None]] = []
    data = {"share": "1", "consent": "1", "item": "x", "value": "y"}
    for guess in _token_guesses(cell.asmt_a_unshared.token).values():
        for route in ASSESSMENT_ROUTES:
            for role in ("anonymous", "sme_b"):
                for method in ("GET", "POST"):
                    if method == "GET" and route in ("autosave", "share", "claim"):
                        continue
                    if route == "claim" and role == "anonymous":
                        continue  # the login page comes first
                    attempts.append((role, method, _assessment_path(route, guess), data))
        attempts.append(("anonymous", "GET", f"/api/assessment/result/{guess}/", None))
    failures = _failures(cell, attempts)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", "sme_b", "partner_b", "stakeholder_a"])
def test_another_smes_token_opens_nothing(cell: World, role: str) -> None:
    token = str(cell.asmt_a_unshared.token)
    attempts = [(role, "GET", _assessment_path(route, token), None) for route in ("resume", "step", "result")]
    attempts += [
        (role, "POST", _assessment_path(route, token), {"share": "1", "consent": "1"})
        for route in ("share", "autosave")
    ]
    attempts.append((role, "GET", f"/api/assessment/result/{token}/", None))
    failures = _failures(cell, attempts)
    assert not failures, "\n".join(failures)


# ---- the API's idempotency key (issue 8 finding 1) -----------------------------------------------


def _submit(client: Any, key: str, body: dict[str, Any] | None) -> Any:
    return client.post(
        "/api/assessment/submit/",
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def _full_body() -> dict[str, Any]:
    from interventures.core import capacity

    model = capacity.load_model()
    return {
        "region": "podkarpackie",
        "size_class": "small",
        "sector": "C",
        "answers": {item.id: item.options[0].id for item in model.items},
    }


@pytest.mark.parametrize(("replayer", "body"), [("anonymous", None), ("sme_b", None), ("anonymous", "same")])
def test_a_replayed_idempotency_key_never_returns_another_callers_result(
    cell: World, replayer: str, body: str | None
) -> None:
    first = _submit(cell.client("sme_a"), "integration-a-0007", _full_body())
    assert first.status_code == 201, first.content
    token = first.json()["token"]
    replay = _submit(cell.client(replayer), "integration-a-0007", _full_body() if body else None)
    assert replay.status_code < 500
    assert token not in replay.content.decode(), (replay.status_code, replay.content[:200])


def test_sequential_idempotency_keys_reveal_nothing(cell: World) -> None:
    """Keys that were never used (the demo's pattern) give no result and no token."""
    from interventures.apps.assessment.models import Assessment

    before = Assessment.objects.count()
    for n in range(1, 6):
        response = _submit(cell.client("anonymous"), f"demo-podkarpackie-{n:03d}", None)
        assert response.status_code in (400, 404, 409, 422), response.status_code
        assert "token" not in response.json()
    assert Assessment.objects.count() == before


# ---- the survey invitation token ----------------------------------------------------------------


def _string_guesses(real: str) -> dict[str, str]:
    return {
        "sequential": "1",
        "another sequential": "2",
        "shortened": real[:-1],
        "wrong case": real.swapcase(),
        "over-long": real + "A",
        "very long": "A" * 300,
        "bad charset": real[:-2] + "<>",
        "dots": "..",
        "percent": "%25",
    }


def test_guessed_invitation_tokens_open_nothing(cell: World) -> None:
    from interventures.apps.surveys.models import Response

    before = Response.objects.count()
    attempts = [
        ("anonymous", "GET", f"/en/surveys/t/{guess}/", None)
        for guess in _string_guesses(cell.inv_a_unopened.token).values()
    ]
    failures = _failures(cell, attempts)
    assert not failures, "\n".join(failures)
    assert Response.objects.count() == before


# ---- the survey response key (issue 8 finding 2) -------------------------------------------------

# Issue 8, finding 2: a survey response was addressed as inv-<primary key> (or any key the client
# chose), so a guessed address opened, overwrote or created a draft.


def _respond(slug: str, key: str, tail: str = "") -> str:
    # Built by hand, not reversed: most guesses are not even addresses the URL patterns accept.
    return f"/en/surveys/c/{slug}/r/{key}/{tail}"


@pytest.mark.parametrize("campaign", ["camp_a_private", "camp_a"])
def test_inv_pk_does_not_open_an_invitees_draft(cell: World, campaign: str) -> None:
    invitation = cell.inv_a_opened if campaign == "camp_a_private" else cell.inv_pub_opened
    path = _respond(cell.obj[campaign].slug, f"inv-{invitation.pk}")
    status, unchanged = _attempt(cell, "anonymous", "GET", path)
    assert (status, unchanged) == (404, True)


@pytest.mark.parametrize("campaign", ["camp_a_private", "camp_a"])
def test_inv_pk_autosave_does_not_overwrite_an_invitees_answers(cell: World, campaign: str) -> None:
    from interventures.apps.surveys.models import Response

    invitation = cell.inv_a_opened if campaign == "camp_a_private" else cell.inv_pub_opened
    response = Response.objects.get(invitation=invitation)
    answers = dict(response.answers)
    path = _respond(cell.obj[campaign].slug, f"inv-{invitation.pk}", "autosave/")
    result = cell.client("anonymous").post(path, {"name": "employees", "value": "0"})
    assert result.status_code == 404
    response.refresh_from_db()
    assert response.answers == answers


def test_opening_inv_pk_first_does_not_hijack_the_invitees_response(cell: World) -> None:
    from interventures.apps.surveys.models import Response

    invitation = cell.inv_pub_unopened
    attacker = cell.client("anonymous")
    attacker.get(_respond(cell.camp_a.slug, f"inv-{invitation.pk}"))
    attacker.post(
        _respond(cell.camp_a.slug, f"inv-{invitation.pk}", "autosave/"), {"name": "employees", "value": "1"}
    )
    invitee = cell.client("sme_b")  # any other browser
    opened = invitee.get(f"/en/surveys/t/{invitation.token}/")
    assert opened.status_code == 302
    response = Response.objects.get(invitation=invitation)
    assert response.answers == {}, "the invitee got the attacker's draft"
    assert Response.objects.filter(campaign=cell.camp_a, idempotency_key=f"inv-{invitation.pk}").count() in (
        0,
        1,
    )
    assert not Response.objects.exclude(pk=response.pk).filter(answers__employees=1).exists()


def _response_guesses(w: World) -> dict[str, tuple[str, str]]:
    """(campaign slug, key) of addresses nobody was given."""
    real = w.key_public_a
    guesses = {f"{name} key": (w.camp_a.slug, key) for name, key in _string_guesses(real).items()}
    guesses["region A's key on region B's campaign"] = (w.camp_b.slug, real)
    guesses["invitee's key on the open-link campaign"] = (w.camp_a.slug, w.key_inv_a)
    guesses["inv- of an unopened invitation"] = (w.camp_a.slug, f"inv-{w.inv_pub_unopened.pk}")
    return guesses


GUESSES = [
    "sequential key",
    "another sequential key",
    "shortened key",
    "wrong case key",
    "over-long key",
    "very long key",
    "bad charset key",
    "dots key",
    "percent key",
    "region A's key on region B's campaign",
    "invitee's key on the open-link campaign",
    "inv- of an unopened invitation",
]


@pytest.mark.parametrize("guess", GUESSES)
def test_a_guessed_response_address_opens_and_creates_nothing(cell: World, guess: str) -> None:
    """A GET never creates a draft for a key the platform did not give out. On an open-link campaign
    the respondent may be sent to the start page instead of a 404 (a redirect, never the form)."""
    slug, key = _response_guesses(cell)[guess]
    failures = _respondent_failures(cell, slug, key, first_page={302, 404})
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("guess", [g for g in GUESSES if "campaign" not in g])
def test_a_guessed_response_address_on_an_invitation_only_campaign_is_404(cell: World, guess: str) -> None:
    _slug, key = _response_guesses(cell)[guess]
    failures = _respondent_failures(cell, cell.camp_a_private.slug, key, first_page={404})
    assert not failures, "\n".join(failures)


def _respondent_failures(w: World, slug: str, key: str, *, first_page: set[int]) -> list[str]:
    """The form, its autosave and its done page at a guessed address, as an anonymous visitor. The
    autosave may answer 409 (nothing to save to) as it does for every address without a draft."""
    failures = []
    for tail, method, allowed in (
        ("", "GET", first_page),
        ("autosave/", "POST", {404, 409}),
        ("done/", "GET", {404}),
    ):
        path = _respond(slug, key, tail)
        status, unchanged = _attempt(w, "anonymous", method, path, {"name": "employees", "value": "3"})
        if status not in allowed or not unchanged:
            failures.append(
                f"{method} {path}: {status}{'' if unchanged else ', and it wrote to the database'}"
            )
    return failures


# ---- ids: import jobs, campaigns, questionnaires, exports, runs ---------------------------------

BIG = str(2**63)  # past every database's integer range


def _id_routes(w: World) -> dict[str, Callable[[str], str]]:
    def path(name: str, **fixed: Any) -> Callable[[str], str]:
        def build(pk: str) -> str:
            with translation.override("en"):
                url = reverse(name, kwargs={"pk": 1, **fixed})
            return url.replace("/1/", f"/{pk}/", 1)

        return build

    return {
        "campaign": path("surveys:campaign_detail"),
        "export": path("surveys:campaign_export", fmt="csv"),
        "import upload": path("surveys:import_upload"),
        "import mapping": path("surveys:import_mapping"),
        "import result": path("surveys:import_result"),
        "rejected rows": path("surveys:import_rejected"),
        "questionnaire": path("surveys:questionnaire_detail"),
        "questionnaire edit": path("surveys:questionnaire_edit"),
        "xlsform": path("surveys:questionnaire_xlsform"),
        "run": path("analysis:run"),
        "run status": path("analysis:run_status"),
    }


def test_ids_that_do_not_exist_are_404_for_every_role_that_could_open_them(cell: World) -> None:
    """Ids one past the last, far past it and past the integer range, as the coordinator (who may
    open every existing one): 404, never 500."""
    from interventures.apps.analysis.models import AnalysisRun
    from interventures.apps.surveys.models import Campaign, ImportJob, Questionnaire

    last = max(
        m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for m in (Campaign, ImportJob, Questionnaire, AnalysisRun)
    )
    attempts = [
        ("coordinator", "GET", build(pk), None)
        for build in _id_routes(cell).values()
        for pk in (str(last + 1), str(last + 1000), BIG)
    ]
    failures = _failures(cell, attempts)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["partner_b", "sme_a", "anonymous"])
def test_region_a_ids_in_sequence_open_nothing_for_others(cell: World, role: str) -> None:
    """Walking region A's import jobs and campaigns by id, as roles that may not open them."""
    attempts = []
    routes = _id_routes(cell)
    for name in ("import mapping", "import result", "rejected rows"):
        for job in (cell.job_a, cell.job_a_uploaded):
            attempts.append((role, "GET", routes[name](str(job.pk)), None))
    for name in ("campaign", "export", "import upload"):
        for campaign in (cell.camp_a, cell.camp_a_private):
            attempts.append((role, "GET", routes[name](str(campaign.pk)), None))
    for name in ("run", "run status"):
        attempts.append((role, "GET", routes[name](str(cell.run_a.pk)), None))
    expected = {"anonymous": {302, 404}, "sme_a": {403, 404}, "partner_b": {404}}[role]
    failures = []
    for r, method, path, data in attempts:
        status, unchanged = _attempt(cell, r, method, path, data)
        if status not in expected or not unchanged:
            failures.append(f"{method} {path} as {r}: {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("fmt", ["CSV", "csv.exe", "xlsx ", "pdf", "..", "sav%00"])
def test_export_formats_outside_the_list_are_404(cell: World, fmt: str) -> None:
    with translation.override("en"):
        path = reverse("surveys:campaign_export", kwargs={"pk": cell.camp_a.pk, "fmt": "csv"}).replace(
            "/csv/", f"/{fmt}/"
        )
    status, unchanged = _attempt(cell, "partner_a", "GET", path)
    assert (status, unchanged) == (404, True)


@pytest.mark.parametrize(
    ("fmt", "lang"), [("PDF", "en"), ("exe", "en"), ("pdf", "xx"), ("pdf", "../en"), ("csv", "e" * 300)]
)
def test_report_downloads_outside_the_list_are_404(cell: World, fmt: str, lang: str) -> None:
    with translation.override("en"):
        path = reverse("analysis:download", kwargs={"code": cell.region_b.code, "fmt": fmt})
    status = cell.client("anonymous").get(path, {"lang": lang}).status_code
    assert status == 404
