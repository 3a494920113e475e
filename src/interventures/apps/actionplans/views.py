"""Pages of the Action Plans: the list, a plan (public once endorsed), the guided steps, the review
(status, comments, history and diff), monitoring entries, and the exports."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from interventures.apps.accounts.permissions import (
    Action as Act,
)
from interventures.apps.accounts.permissions import (
    can,
    can_edit_action_plan,
    can_monitor_action_plan,
    can_review_action_plan,
    can_submit_action_plan,
)
from interventures.apps.common.languages import codes
from interventures.apps.common.models import Region
from interventures.apps.learning.phases import project_phases
from interventures.apps.partnership.selectors import instrument_get, instrument_list
from interventures.core.actionplans import STEPS, Step

from . import documents, selectors, services
from . import evidence as kinds
from .forms import (
    ActionForm,
    CommentForm,
    ContextForm,
    EvidenceForm,
    ImprovementForm,
    IndicatorForm,
    MoneyForm,
    MonitoringForm,
)
from .labels import MISSING, STEP_LABELS
from .models import ActionPlan, ImprovementType


def _plan(request: HttpRequest, pk: int) -> ActionPlan:
    plan = selectors.plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404(_("No such Action Plan."))
    return plan


def _checklist(plan: ActionPlan) -> list[dict[str, Any]]:
    actions = list(plan.actions.all())
    out = []
    for m in selectors.plan_checklist(plan):
        text = str(MISSING[m.code])
        if m.action is not None:
            text = _("Action “%(title)s” %(gap)s") % {"title": actions[m.action].title, "gap": text}
        out.append({"step": m.step.value, "step_label": STEP_LABELS[m.step], "text": text})
    return out


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(selectors.plan_list(user=request.user))
    taken = set(selectors.planned_instruments())
    startable = [
        i
        for i in instrument_list().filter(region__partner=True).order_by("region__order", "order")
        if i.pk not in taken and can_edit_action_plan(request.user, ActionPlan(region=i.region))
    ]
    return render(request, "actionplans/plan_list.html", {"plans": plans, "startable": startable})


@require_POST
@login_required
def plan_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the Action Plan of a region's policy instrument (the region's partner)."""
    instrument = instrument_get(slug=slug)
    if instrument is None:
        raise Http404(_("No such policy instrument."))
    region = instrument.region
    if not can_edit_action_plan(request.user, ActionPlan(region=region)):
        raise PermissionDenied
    try:
        plan = services.plan_create(user=request.user, region=region, instrument=instrument)
    except services.ActionPlanError as exc:
        messages.error(request, str(exc))
        return redirect("actionplans:plan_list")
    return redirect("actionplans:step", pk=plan.pk, step=Step.CONTEXT.value)


def _detail_context(request: HttpRequest, plan: ActionPlan) -> dict[str, Any]:
    actions = []
    for a in plan.actions.all():
        actions.append(
            {
                "action": a,
                "evidence": selectors.evidence_rows(a),
                "progress": selectors.indicator_progress(a),
                "latest": selectors.latest_status(a),
                "monitoring": sorted(a.monitoring.all(), key=lambda m: (m.date, m.pk), reverse=True),
                "monitoring_form": MonitoringForm(prefix=f"mon{a.pk}"),
            }
        )
    return {
        "plan": plan,
        "actions": actions,
        "steps": [(s.value, STEP_LABELS[s]) for s in STEPS],
        "may_edit": can_edit_action_plan(request.user, plan),
        "may_submit": can_submit_action_plan(request.user, plan),
        "may_review": can_review_action_plan(request.user, plan),
        "may_comment": can(request.user, Act.COMMENT, plan),
        "show_authors": can(request.user, Act.COMMENT, plan),
        "may_monitor": can_monitor_action_plan(request.user, plan),
        "comments": selectors.comments_by_section(plan) if can(request.user, Act.COMMENT, plan) else {},
        "comment_form": CommentForm(),
        "improvement_form": ImprovementForm(),
        "improvements": list(plan.improvements.all()),
        "improvement": dict(ImprovementType.choices).get(plan.improvement_type, ""),
        "counts": selectors.plan_status_counts(plan),
        "max_files": services.FILES_PER_ENTRY,
        "max_mb": services.FILE_MAX_BYTES // (1024 * 1024),
        "translate_into": [(c, _language_name(c)) for c in documents.plan_languages(plan) if c != "en"],
        "advisory": selectors.advisory_partner(),
        "text_languages": [(c, _language_name(c)) for c in codes()],
        "comment_fields": [("text", _("Comment"))],
        "monitoring_fields": [("progress", _("Progress")), ("obstacles", _("Obstacles"))],
        "improvement_fields": [("description", _("Description"))],
        **_copies(plan),
    }


def _language_name(code: str) -> str:
    """A language's name in the page's language ("Hungarian", "ungherese")."""
    return str(get_language_info(code)["name_translated"])


def _copies(plan: ActionPlan) -> dict[str, str]:
    """The languages of the plan's copy for its region (English and the region's), for the links."""
    languages = documents.plan_languages(plan)
    if len(languages) < 2:
        return {}
    names = [_language_name(code) for code in languages]
    return {
        "copy_languages": ",".join(languages),
        "copy_names": _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]},
    }


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    ctx = _detail_context(request, plan)
    ctx["checklist"] = _checklist(plan) if ctx["may_edit"] or ctx["may_review"] else []
    return render(request, "actionplans/plan_detail.html", ctx)


@login_required
def plan_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        current = Step(step)
    except ValueError as exc:
        raise Http404 from exc
    if not can_edit_action_plan(request.user, plan):
        raise PermissionDenied
    organisations = selectors.organisations_for(plan)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        done = _step_post(request, plan, current, organisations, forms)
        if done:
            messages.success(request, _("Draft saved."))
            return redirect(request.path)
        plan = _plan(request, pk)
    ctx = _detail_context(request, plan)
    ctx.update(
        {
            "step": current.value,
            "step_label": STEP_LABELS[current],
            "next_step": _next(current),
            "kinds": list(kinds.KINDS.values()),
            "checklist": _checklist(plan),
            "context_form": forms.get("context")
            or ContextForm(
                organisations=organisations,
                initial={
                    "organisation": plan.organisation_id,
                    "other_organisations": [o.pk for o in plan.other_organisations.all()],
                    "contact": plan.contact,
                    "improvement_type": plan.improvement_type,
                    "context": plan.context,
                },
            ),
            "action_form": forms.get("action") or ActionForm(),
            "evidence_form": forms.get("evidence") or EvidenceForm(),
            "indicator_form": forms.get("indicator") or IndicatorForm(),
            "error_action": forms.get("action_id"),
            "money_forms": {
                a.pk: (
                    forms["money"]
                    if forms.get("action_id") == a.pk and "money" in forms
                    else MoneyForm(
                        organisations=organisations,
                        prefix=f"m{a.pk}",
                        initial={
                            "players": [o.pk for o in a.players.all()],
                            "timeframe": a.timeframe,
                            "costs": a.costs,
                            "funding": a.funding,
                        },
                    )
                )
                for a in plan.actions.all()
            },
            "action_forms": {
                a.pk: ActionForm(
                    prefix=f"a{a.pk}",
                    initial={"title": a.title, "background": a.background, "description": a.description},
                )
                for a in plan.actions.all()
            },
        }
    )
    return render(request, "actionplans/plan_step.html", ctx, status=400 if forms else 200)


def _next(step: Step) -> str:
    i = STEPS.index(step)
    return STEPS[i + 1].value if i + 1 < len(STEPS) else ""


def _action_of(plan: ActionPlan, request: HttpRequest) -> Any:
    raw = request.POST.get("action", "")
    action = next((a for a in plan.actions.all() if str(a.pk) == raw), None)
    if action is None:
        raise Http404(_("No such action in this plan."))
    return action


def _step_post(
    request: HttpRequest, plan: ActionPlan, step: Step, organisations: Any, forms: dict[str, Any]
) -> bool:
    """Save what the step's form posted; False (with the bound forms in `forms`) when it is invalid."""
    op = request.POST.get("op", "")
    user = request.user
    try:
        if op == "context":
            form = ContextForm(request.POST, organisations=organisations)
            if not form.is_valid():
                forms["context"] = form
                return False
            d = form.cleaned_data
            services.plan_context_save(
                user=user,
                plan=plan,
                organisation=d["organisation"],
                other_organisations=d["other_organisations"],
                contact=d["contact"],
                improvement_type=d["improvement_type"],
                context=d["context"],
            )
        elif op in ("action_add", "action_edit"):
            action = _action_of(plan, request) if op == "action_edit" else None
            aform = ActionForm(request.POST, prefix=f"a{action.pk}" if action is not None else None)
            if not aform.is_valid():
                forms["action"] = aform
                return False
            services.action_save(user=user, plan=plan, action=action, **aform.cleaned_data)
        elif op == "action_delete":
            services.action_delete(user=user, action=_action_of(plan, request))
        elif op == "evidence_add":
            action = _action_of(plan, request)
            eform = EvidenceForm(request.POST)
            if not eform.is_valid():
                forms["evidence"], forms["action_id"] = eform, action.pk
                return False
            d = eform.cleaned_data
            services.evidence_add(
                user=user,
                action=action,
                kind=d["kind"],
                key=d["key"],
                note=d["note"],
                language=get_language(),
            )
        elif op in ("evidence_remove", "evidence_refresh"):
            action = _action_of(plan, request)
            cited = next(
                (e for e in action.evidence.all() if str(e.pk) == request.POST.get("evidence")), None
            )
            if cited is None:
                raise Http404
            if op == "evidence_remove":
                services.evidence_remove(user=user, evidence=cited)
            else:
                services.evidence_refresh(user=user, evidence=cited)
        elif op == "money":
            action = _action_of(plan, request)
            mform = MoneyForm(request.POST, organisations=organisations, prefix=f"m{action.pk}")
            if not mform.is_valid():
                forms["money"], forms["action_id"] = mform, action.pk
                return False
            services.action_money_save(user=user, action=action, **mform.cleaned_data)
        elif op == "indicator_add":
            action = _action_of(plan, request)
            iform = IndicatorForm(request.POST)
            if not iform.is_valid():
                forms["indicator"], forms["action_id"] = iform, action.pk
                return False
            services.indicator_add(user=user, action=action, **iform.cleaned_data)
        elif op == "indicator_remove":
            action = _action_of(plan, request)
            ind = next(
                (i for i in action.indicators.all() if str(i.pk) == request.POST.get("indicator")), None
            )
            if ind is None:
                raise Http404
            services.indicator_remove(user=user, indicator=ind)
        else:
            raise Http404
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    except services.ActionPlanError as exc:
        messages.error(request, str(exc))
        forms["error"] = True
        return False
    return True


@require_POST
def plan_transition(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        services.plan_transition(user=request.user, plan=plan, transition=request.POST.get("transition", ""))
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    except services.ActionPlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The plan's status is saved."))
    return redirect("actionplans:plan", pk=plan.pk)


@require_POST
def plan_comment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if not can(request.user, Act.COMMENT, plan):
        raise PermissionDenied
    form = CommentForm(request.POST)
    section = ""
    if form.is_valid():
        try:
            services.comment_add(user=request.user, plan=plan, language=get_language(), **form.cleaned_data)
        except services.ActionPlanError as exc:
            messages.error(request, str(exc))
        else:
            section = form.cleaned_data["section"]
            messages.success(request, _("The comment is saved."))
    else:
        messages.error(request, _("The comment is empty."))
    anchor = section if section.startswith(("part", "action-", "improvements")) else ""
    if section.startswith(("indicator-", "evidence-")):
        anchor = f"comment-{section}"
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


@require_POST
def monitoring_add(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    plan = _plan(request, pk)
    if not can_monitor_action_plan(request.user, plan):
        raise PermissionDenied
    target = next((a for a in plan.actions.all() if a.pk == action), None)
    if target is None:
        raise Http404
    form = MonitoringForm(request.POST, prefix=f"mon{target.pk}")
    if form.is_valid():
        values = {str(i.pk): request.POST.get(f"value-{i.pk}", "").strip() for i in target.indicators.all()}
        files = request.FILES.getlist(f"mon{target.pk}-files")
        try:
            services.monitoring_add(
                user=request.user,
                action=target,
                values=values,
                files=files,
                language=get_language(),
                **form.cleaned_data,
            )
        except (services.ActionPlanError, ArithmeticError) as exc:
            messages.error(request, str(exc) or _("An indicator value is not a number."))
        else:
            messages.success(request, _("The monitoring entry is saved."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[k].label}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items()
            ),
        )
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + f"#action-{target.pk}")


def monitoring_file(request: HttpRequest, pk: int, token: str) -> FileResponse:
    """An evidence file of a monitoring entry, for whoever may see the plan (404 otherwise): always
    as a download, under its cleaned name and the content type its kind was checked against."""
    plan = _plan(request, pk)
    found = selectors.monitoring_file_get(user=request.user, plan=plan, token=token)
    if found is None:
        raise Http404(_("No such file."))
    return _download(found)


def improvement_file(request: HttpRequest, pk: int, token: str) -> FileResponse:
    """An evidence file of a policy instrument improvement, served as a monitoring entry's."""
    plan = _plan(request, pk)
    found = selectors.improvement_file_get(user=request.user, plan=plan, token=token)
    if found is None:
        raise Http404(_("No such file."))
    return _download(found)


def _download(found: Any) -> FileResponse:
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _monitored(request: HttpRequest, pk: int) -> ActionPlan:
    """The plan, for a write of its monitoring: 404 if the user may not see it, 403 if they may see
    it but not monitor it."""
    plan = _plan(request, pk)
    if not can_monitor_action_plan(request.user, plan):
        raise PermissionDenied
    return plan


@require_POST
def monitoring_delete(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    """Delete a monitoring entry and its evidence files (the history keeps what it said)."""
    plan = _monitored(request, pk)
    found = next((m for a in plan.actions.all() for m in a.monitoring.all() if m.pk == entry), None)
    if found is None:
        raise Http404
    try:
        services.monitoring_delete(user=request.user, entry=found)
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    messages.success(request, _("The monitoring entry is deleted."))
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + f"#action-{found.action_id}")


@require_POST
def monitoring_file_delete(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    plan = _monitored(request, pk)
    found = selectors.monitoring_file_get(user=request.user, plan=plan, token=token)
    if found is None:
        raise Http404(_("No such file."))
    try:
        services.monitoring_file_delete(user=request.user, file=found)
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    messages.success(request, _("The file is deleted."))
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + f"#action-{found.entry.action_id}")


@require_POST
def improvement_file_delete(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    plan = _monitored(request, pk)
    found = selectors.improvement_file_get(user=request.user, plan=plan, token=token)
    if found is None:
        raise Http404(_("No such file."))
    try:
        services.improvement_file_delete(user=request.user, file=found)
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    messages.success(request, _("The file is deleted."))
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + f"#improvement-{found.improvement_id}")


@require_POST
def improvement_delete(request: HttpRequest, pk: int, improvement: int) -> HttpResponse:
    plan = _monitored(request, pk)
    found = next((i for i in plan.improvements.all() if i.pk == improvement), None)
    if found is None:
        raise Http404
    try:
        services.improvement_delete(user=request.user, improvement=found)
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    messages.success(request, _("The improvement is deleted."))
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + "#improvements")


def _text_of(plan: ActionPlan, kind: str, pk: int, user: Any) -> Any:
    """The comment, monitoring entry or improvement `pk` of the plan (what the reader may see)."""
    if kind == "comment":
        return selectors.comment_list(user=user, plan=plan).filter(pk=pk).first()
    if kind == "monitoring":
        return next((m for a in plan.actions.all() for m in a.monitoring.all() if m.pk == pk), None)
    if kind == "improvement":
        return next((i for i in plan.improvements.all() if i.pk == pk), None)
    return None


@require_POST
def text_translate(request: HttpRequest, pk: int, kind: str, obj: int) -> HttpResponse:
    """A translation of a comment, a monitoring entry or an improvement (its author, or the
    region's partner for its monitoring), into the language chosen in the form."""
    plan = _plan(request, pk)
    found = _text_of(plan, kind, obj, request.user)
    if found is None:
        raise Http404
    fields = {f: request.POST.get(f, "")[: services.TEXT_MAX + 1] for f in services.TEXT_FIELDS[type(found)]}
    try:
        services.text_translation_save(
            user=request.user, obj=found, lang=request.POST.get("lang", ""), fields=fields
        )
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    except services.ActionPlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The translation is saved."))
    anchor = {
        "comment": "",
        "monitoring": f"action-{getattr(found, 'action_id', '')}",
        "improvement": "improvements",
    }
    target = anchor[kind] or (found.section if found.section.startswith(("part", "action-")) else "")
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + (f"#{target}" if target else ""))


TRANSLATED_LABELS = {
    "title": _lazy("Title"),
    "background": _lazy("Background"),
    "description": _lazy("The action"),
    "timeframe": _lazy("Timeframe"),
    "funding": _lazy("Funding sources"),
    "name": _lazy("Indicator"),
    "unit": _lazy("Unit"),
    "source": _lazy("Source"),
}
LONG_TEXTS = {"background", "description"}


@login_required
def plan_translate(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    """The plan's texts in another language (the region's, for the copy its managing authority
    reads), beside the English: the region's partner, while the plan is a draft."""
    plan = _plan(request, pk)
    if lang not in documents.plan_languages(plan, [lang]) or lang == "en":
        raise Http404(_("No such language."))
    if not can_edit_action_plan(request.user, plan):
        raise PermissionDenied
    if request.method == "POST":
        actions = {
            a.pk: {f: request.POST.get(f"a{a.pk}-{f}", "")[:4000] for f in services.ACTION_TRANSLATED}
            for a in plan.actions.all()
        }
        indicators = {
            i.pk: {f: request.POST.get(f"i{i.pk}-{f}", "")[:300] for f in services.INDICATOR_TRANSLATED}
            for a in plan.actions.all()
            for i in a.indicators.all()
        }
        try:
            services.plan_translation_save(
                user=request.user,
                plan=plan,
                lang=lang,
                context=request.POST.get("context", "")[:8000],
                actions=actions,
                indicators=indicators,
            )
        except services.NotAllowed as exc:
            raise PermissionDenied from exc
        except services.ActionPlanError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("actionplans:translate", pk=plan.pk, lang=lang)

    def rows(obj: Any, prefix: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
        texts = (obj.translations or {}).get(lang, {})
        return [
            {
                "name": f"{prefix}-{f}",
                "label": TRANSLATED_LABELS[f],
                "english": getattr(obj, f),
                "value": texts.get(f, ""),
                "long": f in LONG_TEXTS,
            }
            for f in names
            if getattr(obj, f)
        ]

    items = []
    for n, a in enumerate(plan.actions.all(), start=1):
        items.append(
            {
                "number": n,
                "action": a,
                "rows": rows(a, f"a{a.pk}", services.ACTION_TRANSLATED),
                "indicators": [
                    rows(i, f"i{i.pk}", services.INDICATOR_TRANSLATED) for i in a.indicators.all()
                ],
            }
        )
    return render(
        request,
        "actionplans/plan_translate.html",
        {
            "plan": plan,
            "lang": lang,
            "language": _language_name(lang),
            "context": {
                "english": plan.context,
                "value": (plan.translations or {}).get(lang, {}).get("context", ""),
            },
            "items": items,
        },
    )


def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    versions = list(selectors.version_list(plan))
    changes = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if a.isdigit() and b.isdigit():
        changes = selectors.version_diff(plan, int(a), int(b))
        if changes is None:
            messages.error(request, _("No such version."))
    elif len(versions) >= 2:
        a, b = str(versions[1].number), str(versions[0].number)
        changes = selectors.version_diff(plan, int(a), int(b))
    return render(
        request,
        "actionplans/plan_history.html",
        {
            "plan": plan,
            "versions": versions,
            "changes": changes,
            "a": a,
            "b": b,
            "show_authors": can(request.user, Act.COMMENT, plan),
        },
    )


EXPORT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def plan_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The plan as JSON, DOCX or PDF in the page's language; `?languages=en,hu` (DOCX, PDF) writes
    one copy per language, one after the other."""
    plan = _plan(request, pk)
    lang = get_language()
    if fmt == "json":
        body = json.dumps(selectors.plan_document(plan, lang=lang), ensure_ascii=False, indent=2)
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    if fmt not in EXPORT_TYPES:
        raise Http404
    asked = [c for c in request.GET.get("languages", "").split(",") if c][:4]
    languages = documents.plan_languages(plan, asked) if asked else [lang]
    build = documents.plan_pdf if fmt == "pdf" else documents.plan_docx
    response = HttpResponse(build(plan, languages=languages), content_type=EXPORT_TYPES[fmt])
    name = f"action-plan-{plan.region.code}-{'-'.join(languages)}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def improvement_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if not can_monitor_action_plan(request.user, plan):
        raise PermissionDenied
    form = ImprovementForm(request.POST)
    if form.is_valid():
        try:
            services.improvement_add(
                user=request.user,
                plan=plan,
                files=request.FILES.getlist("improvement-files"),
                language=get_language(),
                **form.cleaned_data,
            )
        except services.ActionPlanError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The improvement is recorded."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[k].label}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items()
            ),
        )
    return redirect(reverse("actionplans:plan", args=[plan.pk]) + "#improvements")


def _phases() -> list[tuple[Any, dt.date, dt.date]]:
    """The project's phases when a boundary is configured (learning/phases.py: the source states
    none), else the project as one span, said to be unsplit."""
    phases = project_phases()
    if phases.phase_1_end is None:
        return [(_("The project (no phase split is configured)"), phases.start, phases.end)]
    return [
        (
            _(
                "Phase 1: interregional learning and action planning (its end is this platform's "
                "configuration; the project summary does not state it)"
            ),
            phases.start,
            phases.phase_1_end,
        ),
        (_("Phase 2: monitoring the Action Plans"), phases.phase_1_end + dt.timedelta(days=1), phases.end),
    ]


def dashboard(request: HttpRequest, code: str = "") -> HttpResponse:
    region = None
    if code:
        region = Region.objects.filter(code=code, partner=True).first()
        if region is None:
            raise Http404(_("No such region."))
    return render(
        request,
        "actionplans/dashboard.html",
        {
            "region": region,
            "regions": list(Region.objects.filter(partner=True).order_by("order", "code")),
            "board": selectors.dashboard(user=request.user, region=region),
            "phases": _phases(),
        },
    )
