from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views import i18n
from django.views.decorators.http import require_POST


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "web/sources.html")


def method(request: HttpRequest) -> HttpResponse:
    return render(request, "web/method.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, landing on the same page in the chosen language.

    Django translates `next` by resolving it in the language active for this request, which comes
    from the cookie or the browser (this URL has no language prefix). A link shared across the border
    (`/hr/...` opened by an English browser) then fails to resolve and the user stays on `/hr/`. The
    page's own language, read from the prefix of `next`, is the one to resolve it in."""
    next_url = request.POST.get("next", "")
    page_language = translation.get_language_from_path(urlsplit(next_url).path) if next_url else None
    with translation.override(page_language or translation.get_language()):
        return i18n.set_language(request)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a login lands: the user's own work. An SME sees its tests; partnership staff and
    stakeholders see their region's campaigns, recent imports, the region's report and the shared
    test results; the coordinator sees every region's; the advisory partner sees every region's
    Action Plan to comment on."""
    from interventures.apps.accounts.models import Role
    from interventures.apps.accounts.permissions import actor_of, is_advisor, is_staff_role
    from interventures.apps.actionplans.selectors import plan_list
    from interventures.apps.analysis.selectors import region_report_links
    from interventures.apps.assessment.selectors import my_assessments
    from interventures.apps.partnership.selectors import region_list
    from interventures.apps.surveys.selectors import campaign_list, recent_imports

    actor = actor_of(request.user)
    staff = is_staff_role(request.user)
    regions = [r for r in region_list() if actor.region_id is None or r.pk == actor.region_id]
    return render(
        request,
        "web/start.html",
        {
            "role": actor.role,
            "staff": staff,
            "assessments": my_assessments(user=request.user),
            "campaigns": list(campaign_list(user=request.user)[:20]) if staff else [],
            "imports": recent_imports(user=request.user) if staff else [],
            "advised_plans": list(plan_list(user=request.user)) if is_advisor(request.user) else [],
            "report_regions": region_report_links(user=request.user, regions=regions)
            if actor.role != Role.SME
            else [],
        },
    )
