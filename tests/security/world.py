"""The fixture world the attack tests run against (conftest.py builds it once per test module).

Two partnership regions, A and B, each with its regional partner, a stakeholder (region A only), a
company with its SME user, questionnaires, campaigns (open link and invitation only), invitations,
responses, an import job with rejected rows, population figures, an analysis run and a situation
report; assessments owned and anonymous, shared and unshared; the coordinator and an administrator.

The world lives in one transaction that spans the module and is rolled back at its end; every test
(and every cell of the matrix) runs in a savepoint inside it, so nothing leaks between cells.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.test import Client
from django.urls import resolve

# Column order of the matrix's rows (EXPECTED, REFUSED_POSTS, ADMIN_PAGES in test_url_matrix.py): the
# roles the platform first knew (apps/accounts/models.py Role), the region-bound ones twice (own
# region and the other region) where the difference matters.
COLUMNS = (
    "anonymous",
    "sme_a",
    "sme_b",
    "stakeholder_a",
    "partner_a",
    "partner_b",
    "coordinator",
    "admin",
)
# Every role of the world, each checked on every URL. Roles added after the columns have no column:
# their outcome on a row is derived by a rule (test_url_matrix.py: `advisor_outcome`), so that a row
# stays eight outcomes long and rows written without knowing the new role still say what it gets.
ROLES = (*COLUMNS, "advisor")


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    obj: dict[str, Any] = field(default_factory=dict)
    _clients: dict[str, Client] = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["obj"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def client(self, role: str) -> Client:
        """The role's client with nothing but its session cookie ("anonymous": no cookie at all).

        One client per role is kept: a new Client would load the middleware again on every request."""
        from django.conf import settings

        client = self._clients.get(role)
        if client is None:
            client = self._clients[role] = Client()
        client.cookies.clear()
        if role != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


def _key_from_location(location: str) -> str:
    """The response key of a respondent URL (/<lang>/surveys/c/<slug>/r/<key>/)."""
    return str(resolve(urlsplit(location).path).kwargs["key"])


def build_world() -> World:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from interventures.apps.accounts.models import Company, Role
    from interventures.apps.accounts.services import user_create
    from interventures.apps.analysis.models import AnalysisRun, Figure, RunStatus, SituationReport
    from interventures.apps.assessment import services as assessment_services
    from interventures.apps.classifications.models import (
        EsifPlannedAmount,
        EsifProgramme,
        NaceActivity,
        NutsRegion,
    )
    from interventures.apps.common.models import Region
    from interventures.apps.partnership.models import FigureComparison, PolicyInstrument
    from interventures.apps.partnership.services import partnership_reference_load
    from interventures.apps.surveys import services as survey_services
    from interventures.apps.surveys.models import (
        ImportJob,
        PopulationCount,
        RejectedRow,
        Response,
        ResponseStatus,
    )
    from interventures.core import capacity
    from interventures.core.survey.tests.forms import small_form

    w = World()
    o = w.obj
    # The real partnership reference data: the five regions with their instruments, calls, axes...
    partnership_reference_load()
    o["region_a"] = Region.objects.get(code="podkarpackie")
    o["region_b"] = Region.objects.get(code="lombardia")
    o["instrument_a"] = PolicyInstrument.objects.filter(region=o["region_a"]).first()
    o["programme"] = EsifProgramme.objects.create(
        cci="2014PL16RFOP009",
        title="Programme A",
        version="1.0",
        member_state="PL",
        member_state_name="Poland",
        funds="ERDF",
    )
    EsifPlannedAmount.objects.create(
        programme=o["programme"],
        priority="1",
        fund="ERDF",
        eu_amount=1000,
        national_amount=200,
        total_amount=1200,
        eu_cofinancing_rate=83,
    )
    NutsRegion.objects.create(code="PL823", version=2024, level=3, country="PL", name="Krośnieński")
    NaceActivity.objects.create(code="C", level=1, section="C", titles={"en": "MANUFACTURING"})
    Group.objects.create(name="matrix")
    FigureComparison.objects.create(
        instrument=o["instrument_a"],
        subject="Programme total",
        seed_value=1,
        seed_source="matrix",
        seed_date="2020",
        esif_value=1,
        esif_column="total",
        esif_source="matrix",
        esif_version="1",
        esif_date="2020",
    )
    o["company_a"] = Company.objects.create(name="Company A", country="PL", region=o["region_a"])
    o["company_b"] = Company.objects.create(name="Company B", country="IT", region=o["region_b"])

    def user(name: str, role: Role, **binding: Any) -> Any:
        return user_create(
            username=f"matrix-{name}", password=secrets.token_urlsafe(12), role=role, **binding
        )

    w.users = {
        "sme_a": user("sme-a", Role.SME, company=o["company_a"]),
        "sme_b": user("sme-b", Role.SME, company=o["company_b"]),
        "stakeholder_a": user("stakeholder-a", Role.STAKEHOLDER, region_id=o["region_a"].pk),
        "partner_a": user("partner-a", Role.REGIONAL_PARTNER, region_id=o["region_a"].pk),
        "partner_b": user("partner-b", Role.REGIONAL_PARTNER, region_id=o["region_b"].pk),
        "coordinator": user("coordinator", Role.COORDINATOR),
        "admin": user("admin", Role.ADMIN),
        # the advisory partner (AEBR): no region, no company, not partnership staff
        "advisor": user("advisor", Role.ADVISOR),
    }

    # ---- partner search ------------------------------------------------------------------------
    from interventures.apps.matchmaking.models import Interest, PartnerProfile, Suggestion

    def partner_profile(company: Any, *, published: bool) -> Any:
        return PartnerProfile.objects.create(
            company=company,
            name=company.name,
            country=company.country,
            published=published,
            contact_email=f"matrix-{company.pk}@example.org",
        )

    o["company_hidden"] = Company.objects.create(name="Company Hidden", country="HU")
    o["profile_a"] = partner_profile(o["company_a"], published=True)
    o["profile_b"] = partner_profile(o["company_b"], published=True)
    o["profile_hidden"] = partner_profile(o["company_hidden"], published=False)
    o["interest_b_a"] = Interest.objects.create(source=o["profile_b"], target=o["profile_a"])
    o["suggestion_a"] = Suggestion.objects.create(
        profile=o["profile_a"], partner=o["profile_b"], rank=1, score=0.5, parts={}
    )

    # ---- preparedness test --------------------------------------------------------------------
    model = capacity.load_model()
    answers = {item.id: item.options[1].id for item in model.items}

    def assessment(region: Any, owner: Any, *, completed: bool = True, shared: bool = False) -> Any:
        a = assessment_services.assessment_start(
            region=region, size_class="small", sector="C", language="en", user=owner
        )
        if completed:
            assessment_services.answers_save(assessment=a, answers=answers)
            a = assessment_services.assessment_complete(assessment=a)
        if shared:
            a = assessment_services.assessment_share(assessment=a)
        return a

    sme_a, sme_b = w.users["sme_a"], w.users["sme_b"]
    o["asmt_a_unshared"] = assessment(o["region_a"], sme_a)
    o["asmt_a_shared"] = assessment(o["region_a"], sme_a, shared=True)
    o["asmt_a_progress"] = assessment(o["region_a"], sme_a, completed=False)
    o["asmt_b_shared"] = assessment(o["region_b"], sme_b, shared=True)
    o["asmt_anon"] = assessment(o["region_a"], None)
    o["asmt_anon_progress"] = assessment(o["region_a"], None, completed=False)

    # ---- surveys ------------------------------------------------------------------------------
    o["q_standard"] = survey_services.questionnaire_create(
        name="Standard (test)", form=small_form(), is_standard=True, published=True
    )
    o["q_a"] = survey_services.questionnaire_create(name="Q A", form=small_form(), region_id=o["region_a"].pk)
    o["q_b"] = survey_services.questionnaire_create(name="Q B", form=small_form(), region_id=o["region_b"].pk)

    def campaign(region: Any, name: str, *, public: bool) -> Any:
        return survey_services.campaign_create(
            region_id=region.pk, name=name, version=o["q_standard"].current, languages=["en"], public=public
        )

    o["camp_a"] = campaign(o["region_a"], "Survey A", public=True)
    o["camp_a_private"] = campaign(o["region_a"], "Survey A invited", public=False)
    o["camp_b"] = campaign(o["region_b"], "Survey B", public=True)
    o["camp_b_private"] = campaign(o["region_b"], "Survey B invited", public=False)
    o["inv_a_opened"], o["inv_a_unopened"] = survey_services.invitations_create(
        campaign=o["camp_a_private"], n=2
    )
    (o["inv_b_opened"],) = survey_services.invitations_create(campaign=o["camp_b_private"], n=1)
    # An open-link campaign may send personal links too.
    o["inv_pub_opened"], o["inv_pub_unopened"] = survey_services.invitations_create(campaign=o["camp_a"], n=2)

    def respondent_key(path: str) -> str:
        """Follow a link as a respondent would: the key in the address it leads to (the draft is
        created by opening that address)."""
        client = Client()
        response = client.get(path)
        assert response.status_code == 302, (path, response.status_code)
        opened = client.get(response["Location"])
        assert opened.status_code in (200, 302), (response["Location"], opened.status_code)
        return _key_from_location(response["Location"])

    # The addresses the platform itself hands out: the invitee's and an open-link respondent's.
    o["key_inv_a"] = respondent_key(f"/en/surveys/t/{o['inv_a_opened'].token}/")
    o["key_inv_b"] = respondent_key(f"/en/surveys/t/{o['inv_b_opened'].token}/")
    o["key_inv_pub"] = respondent_key(f"/en/surveys/t/{o['inv_pub_opened'].token}/")
    o["key_public_a"] = respondent_key(f"/en/surveys/c/{o['camp_a'].slug}/")
    o["resp_inv_a"] = Response.objects.get(invitation=o["inv_a_opened"])
    o["resp_inv_a"].answers = {"employees": 12}
    o["resp_inv_a"].save(update_fields=["answers"])
    o["resp_inv_pub"] = Response.objects.get(invitation=o["inv_pub_opened"])
    o["resp_inv_pub"].answers = {"employees": 40}
    o["resp_inv_pub"].save(update_fields=["answers"])
    o["resp_public_a"] = Response.objects.get(
        campaign=o["camp_a"], status=ResponseStatus.DRAFT, invitation__isnull=True
    )
    o["key_submitted_a"] = secrets.token_urlsafe(24)
    o["resp_submitted_a"] = Response.objects.create(
        campaign=o["camp_a"],
        idempotency_key=o["key_submitted_a"],
        resume_key=o["key_submitted_a"],
        status=ResponseStatus.SUBMITTED,
        answers={"employees": 3},
        submitted_at=timezone.now(),
    )
    # A file given on the web form with that response (the campaign's files page and its download).
    from django.core.files.base import ContentFile

    from interventures.apps.surveys.models import ResponseFile

    o["file_submitted_a"] = ResponseFile(
        response=o["resp_submitted_a"],
        key="photo",
        token=secrets.token_urlsafe(32),
        name="photo.png",
        extension=".png",
        content_type="image/png",
        size=8,
    )
    o["file_submitted_a"].file.save("upload", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    o["file_submitted_a"].save()

    def job(campaign: Any, by: Any) -> Any:
        j = ImportJob.objects.create(
            campaign=campaign,
            file="survey-imports/matrix.csv",
            original_name="matrix.csv",
            format="csv",
            status="rejected",
            n_rows=2,
            n_rejected=1,
            options={"columns": ["employees"]},
            mapping={"employees": "employees"},
            created_by=by,
        )
        RejectedRow.objects.create(
            job=j,
            row_number=2,
            raw={"employees": "-4"},
            reasons=[{"column": "employees", "code": "constraint"}],
        )
        return j

    o["job_a"] = job(o["camp_a"], w.users["partner_a"])
    o["job_b"] = job(o["camp_b"], w.users["partner_b"])
    # An upload waiting for its column mapping (its file is stored under INTERVENTURES_VAR_DIR).
    o["job_a_uploaded"] = survey_services.import_upload(
        campaign=o["camp_a"],
        data=b"employees,exports\n3,yes\n",
        filename="matrix-upload.csv",
        fmt="csv",
        mode="valid_only",
        user=w.users["partner_a"],
    )
    for region in (o["region_a"], o["region_b"]):
        PopulationCount.objects.create(
            region=region, size_class="small", nace_section="C", count=120, source="matrix", year=2021
        )
    o["population_a"] = PopulationCount.objects.get(region=o["region_a"])

    # ---- analysis -----------------------------------------------------------------------------
    now = timezone.now()
    o["run_a"] = AnalysisRun.objects.create(region=o["region_a"], status=RunStatus.DONE, finished_at=now)
    o["run_b"] = AnalysisRun.objects.create(region=o["region_b"], status=RunStatus.DONE, finished_at=now)
    o["run_pooled"] = AnalysisRun.objects.create(region=None, status=RunStatus.DONE, finished_at=now)
    # Region A's report is a draft (its partnership roles only); region B's is published.
    Figure.objects.create(
        run=o["run_a"], identifier="CAP-overall", variable="overall", section="3", kind="mean", n=12
    )
    o["report_a"] = SituationReport.objects.create(
        region=o["region_a"], strengths=["draft strength A"], conclusions="draft A", published=False
    )
    o["report_b"] = SituationReport.objects.create(
        region=o["region_b"], strengths=["strength B"], conclusions="published B", published=True
    )

    # ---- key players directory: region A's published entry and a draft, a service, an improvement ----
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.keyplayers import services as kp_services
    from interventures.apps.keyplayers.models import Improvement

    o["org_a"] = kp_services.organisation_create(
        user=OPERATOR, region=o["region_a"], values={"name": "Org A", "type": "chamber", "published": True}
    )
    o["org_a_draft"] = kp_services.organisation_create(
        user=OPERATOR, region=o["region_a"], values={"name": "Org A draft", "type": "cluster"}
    )
    o["service_a"] = kp_services.service_create(
        user=OPERATOR,
        organisation=o["org_a"],
        values={
            "name": "Service A",
            "service_type": "training",
            "dimensions": ["people"],
            "stages": ["exploring"],
        },
    )
    o["tie_a"] = kp_services.tie_create(
        user=OPERATOR, source=o["org_a"], target=o["org_a_draft"], kind="funds"
    )
    o["comment_a"] = kp_services.comment_add(
        user=OPERATOR, organisation=o["org_a"], text="A stakeholder's note"
    )
    o["improvement_a"] = Improvement.objects.create(region=o["region_a"], key="matrix", kind="no_service")
    from interventures.apps.keyplayers.models import DirectoryImport

    o["dir_import_a"] = DirectoryImport.objects.create(
        region=o["region_a"], created_by=w.users["partner_a"], status="checked", summary={"created": []}
    )
    # ---- learning across regions ----------------------------------------------------------------
    import datetime as dt
    import zoneinfo

    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.learning import services as learning_services
    from interventures.apps.learning.models import Event, FastTrackInitiative, GoodPractice

    learning_services.practices_reference_load()
    o["practice"] = GoodPractice.objects.get(slug="export-consortia-extremadura")
    o["practice_draft_a"] = learning_services.practice_save(
        user=OPERATOR, practice=GoodPractice(title="Praktyka A", region=o["region_a"])
    )
    zone = zoneinfo.ZoneInfo("Europe/Warsaw")
    o["event_a"] = learning_services.event_save(
        user=OPERATOR,
        event=Event(
            kind="rsg",
            title="Spotkanie RSG A",
            region=o["region_a"],
            starts_at=dt.datetime(2020, 3, 2, 10, tzinfo=zone),
            ends_at=dt.datetime(2020, 3, 2, 12, tzinfo=zone),
            timezone="Europe/Warsaw",
        ),
    )
    o["participant_a"] = learning_services.participant_register(
        user=OPERATOR,
        event=o["event_a"],
        name="Person A",
        email="person.a@example.org",
        stakeholder_type="sme",
        gender="woman",
        attended=True,
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interventures.apps.learning import materials as learning_materials

    o["material_a"] = learning_materials.material_add(
        user=OPERATOR,
        event=o["event_a"],
        upload=SimpleUploadedFile("programme.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    from interventures.apps.learning.models import ParticipantImport

    o["participants_import_a"] = ParticipantImport.objects.create(event=o["event_a"], filename="a.csv")
    learning_services.transferability_save(
        user=OPERATOR,
        practice=o["practice"],
        region=o["region_b"],
        scores=dict.fromkeys(("instrument_fit", "resources", "stakeholders", "legal_fit", "gap_effect"), 2),
        notes={},
        final=True,
    )
    o["initiative_a"] = FastTrackInitiative.objects.create(
        region=o["region_a"], title="Inicjatywa A", change="Zmiana A"
    )

    # ---- Action Plans: region A's draft, region B's endorsed plan ----------------------------------
    from interventures.apps.accounts.permissions import OPERATOR
    from interventures.apps.actionplans import services as plan_services

    # region A's draft addresses a second instrument, so that its real one is left to start a plan on
    instrument_a2 = PolicyInstrument.objects.create(
        slug="matrix-instrument-a2", region=o["region_a"], name="Narzędzie A2", order=99
    )
    o["plan_a"] = plan_services.plan_create(user=OPERATOR, region=o["region_a"], instrument=instrument_a2)
    plan_services.action_save(
        user=OPERATOR, plan=o["plan_a"], action=None, title="Działanie A", background="", description=""
    )
    o["plan_b"] = plan_services.plan_create(
        user=OPERATOR,
        region=o["region_b"],
        instrument=PolicyInstrument.objects.filter(region=o["region_b"]).first(),
    )
    o["plan_b_action"] = plan_services.action_save(
        user=OPERATOR, plan=o["plan_b"], action=None, title="Azione B", background="", description=""
    )
    # straight to endorsed (the review's rules are the app's tests'; the matrix needs a public plan)
    o["plan_b"].status, o["plan_b"].public = "endorsed", True
    o["plan_b"].save(update_fields=["status", "public"])
    # a monitoring entry with an evidence file on each plan (region A's on its draft, as the operator
    # may), a comment and a policy improvement, so that their pages and admin rows have one to open
    import datetime as dt
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4 matrix evidence"
    for key, action in (
        ("plan_a", o["plan_a"].actions.get()),
        ("plan_b", o["plan_b_action"]),
    ):
        entry = plan_services.monitoring_add(
            user=OPERATOR,
            action=action,
            date=dt.date(2021, 6, 1),
            status="on_track",
            files=[SimpleUploadedFile("minutes.pdf", pdf, content_type="application/pdf")],
        )
        o[f"{key}_file"] = entry.files.get()
        o[f"{key}_entry"] = entry
    plan_services.comment_add(user=OPERATOR, plan=o["plan_a"], section="part1", text="Komentarz A")
    # a comment region A's stakeholder wrote in Polish (its author may add a translation)
    o["comment_a_stakeholder"] = plan_services.comment_add(
        user=w.users["stakeholder_a"], plan=o["plan_a"], section="part2", text="Uwaga A", language="pl"
    )
    # a policy instrument improvement with an evidence file on each plan (region A's on its draft,
    # as the operator may)
    for key, lang, text in (("plan_b", "it", "Nuovo bando"), ("plan_a", "pl", "Nowy nabór")):
        improvement = plan_services.improvement_add(
            user=OPERATOR,
            plan=o[key],
            kind="new_call",
            description=text,
            date=dt.date(2021, 9, 1),
            funds_influenced=Decimal("1000.00"),
            files=[SimpleUploadedFile("decision.pdf", pdf, content_type="application/pdf")],
            language=lang,
        )
        o[f"{key}_improvement"] = improvement
        o[f"{key}_improvement_file"] = improvement.files.get()

    # ---- login records (django-axes), so that their admin pages have a row to open ---------------
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    seen = {"user_agent": "matrix", "ip_address": "192.0.2.1", "username": "someone", "http_accept": "*/*"}
    AccessAttempt.objects.create(
        **seen, path_info="/en/accounts/login/", get_data="", post_data="", failures_since_start=1
    )
    AccessFailureLog.objects.create(**seen, path_info="/en/accounts/login/")
    AccessLog.objects.create(**seen, path_info="/en/accounts/login/")

    # ---- API tokens: one per role (the bearer matrix), and sme A's for the revoke page -----------
    from interventures.apps.api.services import token_create

    w.obj["tokens"] = {
        role: token_create(user=u, name=f"matrix {role}", can_write=True)[1] for role, u in w.users.items()
    }
    o["token_sme_a"], _secret = token_create(user=w.users["sme_a"], name="sme A's integration")

    for role, u in w.users.items():
        client = Client()
        client.force_login(u)
        from django.conf import settings

        w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return w


# ---- "changed nothing": a fingerprint of every row the platform's own apps store ------------------

# The apps whose rows a request can write (the reference data of partnership and classifications is
# written only by the loaders and the administrator).
FINGERPRINT_APPS = (
    "auth",
    "accounts",
    "assessment",
    "surveys",
    "analysis",
    "learning",
    "matchmaking",
    "api",
    "partnership",
    "keyplayers",
    "actionplans",
)


def database_fingerprint() -> str:
    """A digest of every row of the platform's models (sessions and login times left out)."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in apps.get_app_configs():
        if config.label not in FINGERPRINT_APPS:
            continue
        for model in config.get_models():
            rows = model.objects.order_by("pk").values()
            for row in rows:
                row.pop("last_login", None)
                row.pop("last_used_at", None)  # an API token noting its use
                digest.update(repr(sorted(row.items())).encode())
            digest.update(f"|{model._meta.label}|".encode())
    return digest.hexdigest()
