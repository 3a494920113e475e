"""The questionnaire editor: copy and adapt a questionnaire, question by question, in its declared languages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from interventures.apps.common.translated import tr
from interventures.core.survey import Form
from interventures.core.survey.types import REGISTRY

from .. import selectors, services
from ..forms import (
    QuestionnaireLanguagesForm,
)
from .partner import _own_region_id, _staff

# ---- the questionnaire editor (copy and adapt) ---------------------------------------------------


def _problem_message(problem: Any) -> str:
    """A core edit Problem in the reader's language, naming the question (and choice) concerned."""
    from ..forms import LANGUAGE_NAMES

    params = {
        "question": problem.question,
        "choice": problem.choice,
        "language": str(LANGUAGE_NAMES.get(problem.language, problem.language)),
        **{k: str(v) for k, v in problem.params.items()},
    }
    texts = {
        "unknown_type": _("Question “%(question)s”: unknown type %(type)s."),
        "group_not_begun": _("Question “%(question)s”: end of a group that was not begun."),
        "group_not_ended": _("Group “%(question)s” is not ended."),
        "invalid_name": _(
            "Question “%(question)s”: invalid name (a letter or _ first, then letters, digits, _ . -)."
        ),
        "duplicate_name": _("Question “%(question)s”: another question has this name."),
        "no_choices": _("Question “%(question)s”: a select question needs at least one choice."),
        "no_calculation": _("Question “%(question)s”: the calculation is missing."),
        "bad_expression": _("Question “%(question)s”: the expression does not parse: %(detail)s"),
        "unknown_reference": _("Question “%(question)s” refers to question(s) that do not exist: %(names)s."),
        "duplicate_choice": _("Question “%(question)s”: the choice name “%(choice)s” is used twice."),
        "invalid_choice_name": _("Question “%(question)s”: the choice name “%(choice)s” is not valid."),
        "no_such_question": _("There is no question “%(question)s”."),
        "no_such_choice": _("Question “%(question)s”: there is no choice “%(choice)s”."),
        "not_a_group": _("“%(question)s” is not a group."),
        "list_exists": _("Question “%(question)s”: a choice list with this name exists already."),
        "other": _("%(detail)s"),
    }
    if problem.code == "no_label":
        if problem.choice:
            text = _("Question “%(question)s”, choice “%(choice)s”: no label in %(language)s.")
        else:
            text = _("Question “%(question)s”: no label in %(language)s.")
    else:
        text = texts.get(problem.code, _("%(detail)s"))
        params.setdefault("detail", problem.code)
    if not problem.question and problem.code != "other":
        text = _("The form: %(detail)s") % {"detail": problem.text}
        return text
    return text % params


def _questionnaire_editable(request: HttpRequest, pk: int) -> Any:
    _staff(request)
    return selectors.questionnaire_get_for_edit(user=request.user, pk=pk)


@login_required
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy and adapt: the copy belongs to the partner's region (the coordinator chooses)."""
    from ..forms import PARTNERSHIP_WIDE, QuestionnaireCopyForm

    _staff(request)
    source = selectors.questionnaire_get(user=request.user, pk=pk)
    own_region = _own_region_id(request)
    source_languages = list(source.current.form.languages)
    proposed = services.questionnaire_adapted_name(source)
    shown = tr(proposed, "name")  # the proposed name in the reader's language
    form = QuestionnaireCopyForm(
        request.POST or None,
        regions=None if own_region else selectors.region_choices(),
        languages=source_languages,
        initial={
            "name": shown,
            "languages": selectors.copy_languages(region_id=own_region, available=source_languages),
        },
    )
    if request.method == "POST" and form.is_valid():
        if own_region:
            region_id: int | None = own_region
        else:
            chosen = form.cleaned_data["region"]
            region_id = None if chosen == PARTNERSHIP_WIDE else int(chosen)
        try:
            name = form.cleaned_data["name"]
            # the proposed name kept: it is in every language; a name the partner typed is as typed
            copy = services.questionnaire_copy(
                source=source,
                name=proposed.name if name == shown else name,
                region_id=region_id,
                languages=form.cleaned_data["languages"],
                translations=proposed.translations if name == shown else None,
            )
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Copied. Adapt the copy below; the original stays as it is."))
            return redirect("surveys:questionnaire_edit", pk=copy.pk)
    return render(request, "surveys/questionnaire_copy.html", {"source": source, "form": form})


def _editor_tree(form_def: Form, language: str) -> list[dict[str, Any]]:
    """The questions in order, each group holding its own questions (for the section headings)."""
    root: list[dict[str, Any]] = []
    stack: list[list[dict[str, Any]]] = [root]
    for q in form_def.questions:
        if q.type == "end_group":
            if len(stack) > 1:
                stack.pop()
            continue
        item: dict[str, Any] = {
            "name": q.name,
            "type": q.type,
            "label": q.label_in(language, form_def.default_language) if q.label else "",
            "required": q.required,
            "relevant": q.relevant,
            "is_group": q.type == "begin_group",
            "first": False,
            "last": False,
            "n_choices": len(form_def.choices_for(q)) if q.list_name else 0,
            "children": [],
        }
        stack[-1].append(item)
        if q.type == "begin_group":
            stack.append(item["children"])
    if root:  # only the form's very first and very last blocks cannot move further
        root[0]["first"] = True
        root[-1]["last"] = True
    return root


def _editor_context(request: HttpRequest, questionnaire: Any) -> dict[str, Any]:
    from ..forms import LANGUAGE_NAMES

    version = questionnaire.current
    return {
        "questionnaire": questionnaire,
        "version": version,
        "form_def": version.form,
        "language_names": [str(LANGUAGE_NAMES.get(code, code)) for code in version.form.languages],
        "campaigns": list(selectors.questionnaire_campaigns(version=version)),
    }


def _language_problems(details: list[Any]) -> list[tuple[str, str]]:
    """A language declared before its labels are written: one line per language, counting the
    questions without a label in it and naming the first few (not one line per question)."""
    from ..forms import LANGUAGE_NAMES

    missing: dict[str, list[str]] = {}
    lines: list[tuple[str, str]] = []
    for p in details:
        if p.code == "no_label":
            names = missing.setdefault(p.language, [])
            if p.question not in names:
                names.append(p.question)
        else:
            lines.append((p.question, _problem_message(p)))
    for code, names in missing.items():
        text = _(
            "%(language)s cannot be a language of this questionnaire yet. Questions with no label "
            "in it (%(n)s): %(names)s. Write those labels first (under “Other languages”)."
        ) % {
            "language": LANGUAGE_NAMES.get(code, code),
            "n": len(names),
            "names": ", ".join(names[:5]),  # the first few: the count says how many there are
        }
        lines.append((names[0], text))
    return lines


def _saved_message(request: HttpRequest, before: int, version: Any) -> None:
    if version.number != before:
        messages.success(
            request,
            _("Saved as version %(n)s: the campaigns keep version %(old)s and their responses.")
            % {"n": version.number, "old": before},
        )
    else:
        messages.success(request, _("Saved."))


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor: questions in order by section; move up/down and remove (each a small POST)."""
    questionnaire = _questionnaire_editable(request, pk)
    errors: dict[str, list[str]] = {}
    summary: list[tuple[str, str]] = []
    if request.method == "POST":
        op = request.POST.get("op", "")
        name = request.POST.get("name", "")
        before = questionnaire.current.number
        try:
            if op in ("up", "down"):
                version = services.questionnaire_move_question(
                    questionnaire=questionnaire, name=name, direction=op
                )
            elif op == "remove":
                version = services.questionnaire_remove_question(questionnaire=questionnaire, name=name)
            elif op == "languages":
                languages_form = QuestionnaireLanguagesForm(request.POST)
                if not languages_form.is_valid():
                    raise services.SurveyError(_("Tick at least one language."))
                version = services.questionnaire_set_languages(
                    questionnaire=questionnaire, languages=languages_form.cleaned_data["languages"]
                )
            else:
                raise Http404
        except services.QuestionnaireInvalid as exc:
            if op == "languages":
                summary.extend(_language_problems(exc.details))
            else:
                for p in exc.details:
                    message = _problem_message(p)
                    summary.append((p.question or name, message))
                    errors.setdefault(p.question or name, []).append(message)
        except services.SurveyError as exc:
            summary.append(("", str(exc)))
        else:
            if version.number != before:
                _saved_message(request, before, version)
            elif op == "remove":
                messages.success(request, _("Question “%(name)s” removed.") % {"name": name})
            elif op == "languages":
                messages.success(request, _("Saved."))
            focus = f"{op}-{name}" if op in ("up", "down") else ""
            url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
            # no #fragment with a focus: browsers skip `autofocus` when a fragment names a target
            return redirect(f"{url}?focus={focus}" if focus else url)
    context = _editor_context(request, questionnaire)
    language = get_language() or "en"
    context.update(
        {
            "tree": _editor_tree(context["form_def"], language),
            "errors": errors,
            "summary": summary,
            "focus": request.GET.get("focus", ""),
            "languages_form": QuestionnaireLanguagesForm(
                request.POST if request.POST.get("op") == "languages" else None,
                initial={"languages": list(context["form_def"].languages)},
            ),
        }
    )
    return render(request, "surveys/questionnaire_edit.html", context, status=400 if summary else 200)


def _field_for(problem: Any, form: Any, *, question: str, choice_index: dict[str, int]) -> str | None:
    """The form field a problem concerns, when it is about this page's question."""
    if problem.question != question:
        return None
    if problem.field == "label" and f"label_{problem.language}" in form.fields:
        return f"label_{problem.language}"
    if problem.field == "choice_label" and problem.choice in choice_index:
        key = f"choice_{choice_index[problem.choice]}_{problem.language}"
        return key if key in form.fields else None
    if problem.field in ("relevant", "constraint", "name", "type") and problem.field in form.fields:
        return problem.field
    return None


@login_required
def questionnaire_question(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Edit one question: labels and hints per language, required, skip logic, choice labels."""
    from ..forms import QuestionEditForm

    questionnaire = _questionnaire_editable(request, pk)
    context = _editor_context(request, questionnaire)
    form_def = context["form_def"]
    try:
        question = form_def.question(name)
    except KeyError as exc:
        raise Http404 from exc
    choices = list(form_def.choices_for(question)) if question.list_name else []
    sharing = [q.name for q in form_def.questions if q.list_name and q.list_name == question.list_name]
    form = QuestionEditForm(
        request.POST or None, question=question, choices=choices, form_languages=list(form_def.languages)
    )
    if request.method == "POST" and form.is_valid():
        before = questionnaire.current.number
        try:
            version = services.questionnaire_update_question(
                questionnaire=questionnaire,
                name=name,
                label=form.texts("label"),
                hint=form.texts("hint"),
                required=bool(form.cleaned_data.get("required", False)),
                relevant=form.cleaned_data.get("relevant", ""),
                constraint=form.cleaned_data.get("constraint", ""),
                choice_labels=form.choice_labels() if choices else None,
            )
        except services.QuestionnaireInvalid as exc:
            index = {c.name: i for i, c in enumerate(choices)}
            for p in exc.details:
                form.add_error(_field_for(p, form, question=name, choice_index=index), _problem_message(p))
        else:
            _saved_message(request, before, version)
            url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
            return redirect(f"{url}#q-{name}")
    context.update(
        {
            "question": question,
            "label": question.label_in(get_language() or "en", form_def.default_language),
            "form": form,
            "sharing": [n for n in sharing if n != name],
        }
    )
    return render(request, "surveys/questionnaire_question.html", context, status=400 if form.errors else 200)


@login_required
def questionnaire_question_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a question: type from the registry, name, place, labels, and choices for a select."""
    from ..forms import QuestionAddForm

    questionnaire = _questionnaire_editable(request, pk)
    context = _editor_context(request, questionnaire)
    form_def = context["form_def"]
    language = get_language() or "en"
    from ..forms import TYPE_LABELS

    types = [(t, f"{TYPE_LABELS.get(t, t)} ({t})") for t in REGISTRY if t not in ("end_group", "calculate")]
    positions = [("", _("at the start"))]
    for q in form_def.questions:
        if q.type == "end_group":
            continue
        label = q.label_in(language, form_def.default_language) if q.label else q.name
        if q.type == "begin_group":
            positions.append((f"in:{q.name}", _("first in the group “%(label)s”") % {"label": label}))
        positions.append(
            (f"after:{q.name}", _("after “%(label)s” (%(name)s)") % {"label": label, "name": q.name})
        )
    lists = [
        (name, f"{name}: " + ", ".join(c.label.get(language) or c.name for c in cs[:4]))
        for name, cs in form_def.choices.items()
    ]
    initial = {"position": request.GET.get("position", positions[-1][0])}
    form = QuestionAddForm(
        request.POST or None,
        initial=initial,
        types=types,
        positions=positions,
        lists=lists,
        form_languages=list(form_def.languages),
    )
    if request.method == "POST" and form.is_valid():
        new_choices = form.new_choices()
        qtype = form.cleaned_data["type"]
        name = form.cleaned_data["name"].strip()
        if not form.errors:
            before = questionnaire.current.number
            try:
                version = services.questionnaire_add_question(
                    questionnaire=questionnaire,
                    type=qtype,
                    name=name,
                    label=form.texts("label"),
                    hint=form.texts("hint"),
                    required=form.cleaned_data["required"],
                    position=form.cleaned_data["position"],
                    list_name=form.cleaned_data["list_name"],
                    choices=new_choices,
                )
            except services.QuestionnaireInvalid as exc:
                for p in exc.details:
                    field: str | None = None
                    if p.question == name:
                        if p.field == "label" and f"label_{p.language}" in form.fields:
                            field = f"label_{p.language}"
                        elif p.field == "choice_label" and f"choices_{p.language}" in form.fields:
                            field = f"choices_{p.language}"
                        elif p.field == "choices":
                            field = "list_name"
                        elif p.field == "name":
                            field = "name"
                    form.add_error(field, _problem_message(p))
            else:
                _saved_message(request, before, version)
                url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
                return redirect(f"{url}#q-{name}")
    context.update({"form": form})
    return render(request, "surveys/questionnaire_add.html", context, status=400 if form.errors else 200)
