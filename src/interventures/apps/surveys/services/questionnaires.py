"""Writes for questionnaires: create, import an XLSForm, copy, adapt, edit question by question."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from interventures.apps.common.translated import in_every_language, tr
from interventures.core.survey import Form, FormError
from interventures.core.survey.xlsform import XLSFormError, is_binary_non_workbook, read_xlsform

from ..models import (
    Campaign,
    Questionnaire,
    QuestionnaireVersion,
)
from .errors import QuestionnaireInvalid, SurveyError

# ---- questionnaires ------------------------------------------------------------------------------


def questionnaire_create(
    *,
    name: str,
    form: Form,
    region_id: int | None = None,
    is_standard: bool = False,
    published: bool = False,
    copied_from: Questionnaire | None = None,
    is_demo: bool = False,
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> Questionnaire:
    """`translations`: the name in other languages ({"hu": {"name": …}}), `name` holding English."""
    try:
        form.check()
    except FormError as exc:
        raise SurveyError(_("The questionnaire has errors."), exc.problems) from exc
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            name=name,
            region_id=region_id,
            is_standard=is_standard,
            published=published or is_standard,
            copied_from=copied_from,
            is_demo=is_demo,
            translations={lang: dict(t) for lang, t in (translations or {}).items()},
        )
        QuestionnaireVersion.objects.create(
            questionnaire=questionnaire, number=1, form_json=form.to_dict(), languages=list(form.languages)
        )
    return questionnaire


def questionnaire_revise(*, questionnaire: Questionnaire, form: Form) -> QuestionnaireVersion:
    """A new version (earlier versions stay, with the campaigns that fielded them)."""
    try:
        form.check()
    except FormError as exc:
        raise SurveyError(_("The questionnaire has errors."), exc.problems) from exc
    with transaction.atomic():
        last = questionnaire.versions.select_for_update().order_by("-number").first()
        number = (last.number if last else 0) + 1
        return QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=number,
            form_json=replace(form, version=str(number)).to_dict(),
            languages=list(form.languages),
            attachments=_kept_choice_files(last, form),
        )


def _kept_choice_files(last: QuestionnaireVersion | None, form: Form) -> dict[str, Any]:
    """The choice files attached to the version before that the new version's form still names
    (a new version of the XLSForm keeps its media, as KoboToolbox keeps a form's media files)."""
    from interventures.core.survey.choicefiles import referenced_files

    attached = (last.attachments or {}) if last is not None else {}
    return {name: attached[name] for name in referenced_files(form) if name in attached}


def _refuse_non_workbook(data: bytes, filename: str) -> None:
    """A PDF or other binary file is named as such, not reported as a character-decoding error."""
    if is_binary_non_workbook(data):
        raise SurveyError(
            _("%(file)s is not an XLSForm: upload the questionnaire as an .xlsx workbook (XLSForm).")
            % {"file": filename or _("The file")}
        )


def questionnaire_import_xlsform(
    *, data: bytes, name: str | None = None, region_id: int | None = None, filename: str = ""
) -> Questionnaire:
    _refuse_non_workbook(data, filename)
    try:
        form = read_xlsform(data, name=name)
    except XLSFormError as exc:
        raise SurveyError(_("The XLSForm cannot be imported."), [str(p) for p in exc.problems]) from exc
    return questionnaire_create(
        name=name or form.title_in(form.default_language), form=form, region_id=region_id
    )


def questionnaire_revise_xlsform(
    *, questionnaire: Questionnaire, data: bytes, filename: str = ""
) -> QuestionnaireVersion:
    """A new version from an edited XLSForm (the download-edit-upload cycle of KoboToolbox users)."""
    _refuse_non_workbook(data, filename)
    try:
        form = read_xlsform(data)
    except XLSFormError as exc:
        raise SurveyError(_("The XLSForm cannot be imported."), [str(p) for p in exc.problems]) from exc
    return questionnaire_revise(questionnaire=questionnaire, form=form)


def _declared(languages: Sequence[str], *, default: str) -> list[str]:
    """Languages as the platform knows them, the default first, then in the platform's order."""
    from django.conf import settings

    known = [code for code, _name in settings.LANGUAGES]
    unknown = sorted(set(languages) - set(known))
    if unknown:
        raise SurveyError(_("Unknown languages: %(languages)s") % {"languages": ", ".join(unknown)})
    ordered = [code for code in known if code in languages]
    return sorted(ordered, key=lambda code: code != default)


def questionnaire_copy(
    *,
    source: Questionnaire,
    name: str,
    region_id: int | None,
    languages: Sequence[str] | None = None,
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> Questionnaire:
    """Copy-and-adapt: a regional questionnaire starting from the source's current version. With
    `languages`, the copy declares only those (a campaign in three languages needs labels in three);
    they must be languages the source has labels in."""
    from interventures.core.survey import edit

    form = source.current.form
    if languages is not None:
        missing = [code for code in languages if code not in form.languages]
        if missing:
            raise SurveyError(
                _("The questionnaire has no labels in: %(languages)s") % {"languages": ", ".join(missing)}
            )
        form = edit.set_languages(form, _declared(languages, default=form.default_language))
    return questionnaire_create(
        name=name, form=form, region_id=region_id, copied_from=source, translations=translations
    )


def questionnaire_set_languages(
    *, questionnaire: Questionnaire, languages: Sequence[str]
) -> QuestionnaireVersion:
    """Declare the questionnaire's languages: every question needs a label in each of them, the
    others are optional. Declaring a language refuses while some question has no label in it."""
    from interventures.core.survey import edit

    default = questionnaire.current.form.default_language
    declared = _declared(languages, default=default)
    return questionnaire_edit(questionnaire=questionnaire, change=lambda f: edit.set_languages(f, declared))


@dataclass(frozen=True)
class Named:
    """A name the platform proposes: English, and its translations (read with `tr`)."""

    name: str
    translations: dict[str, dict[str, str]]


def questionnaire_adapted_name(source: Questionnaire) -> Named:
    """ "<name> (adapted)" in every language, from the source's name in each."""
    from django.utils.translation import get_language

    name, translations = in_every_language(
        "name", lambda: _("%(name)s (adapted)") % {"name": tr(source, "name", get_language())}
    )
    return Named(name, translations)


def questionnaire_copy_adapted(*, source: Questionnaire, region_id: int | None) -> Questionnaire:
    """A copy named "<source> (adapted)", in every language the source's name is in."""
    named = questionnaire_adapted_name(source)
    return questionnaire_copy(
        source=source, name=named.name, region_id=region_id, translations=named.translations
    )


def questionnaire_in_use(*, version: QuestionnaireVersion) -> bool:
    """Whether a campaign fields this version (then it is frozen: edits make a new version)."""
    return Campaign.objects.filter(version=version).exists()


def questionnaire_edit(
    *, questionnaire: Questionnaire, change: Callable[[Form], Form]
) -> QuestionnaireVersion:
    """Apply one edit (a core `edit` function bound to its arguments) to the current version and
    save the WHOLE resulting form if it has no problem; nothing is saved otherwise. A version that
    a campaign fields is never changed: the edit becomes a new version and the campaign, with its
    responses, keeps the one it answered."""
    from interventures.core.survey import edit

    with transaction.atomic():
        current = questionnaire.versions.select_for_update().order_by("-number").first()
        if current is None:
            raise SurveyError(_("The questionnaire has no version."))
        try:
            form = edit.check(change(Form.from_dict(current.form_json)))
        except edit.EditError as exc:
            raise QuestionnaireInvalid(exc.details) from exc
        except FormError as exc:
            raise QuestionnaireInvalid(
                [edit.Problem("", "form", "other", params={"detail": p}) for p in exc.problems]
            ) from exc
        if form == Form.from_dict(current.form_json):  # nothing changed (e.g. the first question "up")
            return current
        if questionnaire_in_use(version=current):
            number = current.number + 1
            return QuestionnaireVersion.objects.create(
                questionnaire=questionnaire,
                number=number,
                form_json=replace(form, version=str(number)).to_dict(),
                languages=list(form.languages),
                attachments=_kept_choice_files(current, form),
            )
        current.form_json = replace(form, version=str(current.number)).to_dict()
        current.languages = list(form.languages)
        current.save(update_fields=["form_json", "languages"])
        return current


def questionnaire_move_question(
    *, questionnaire: Questionnaire, name: str, direction: str
) -> QuestionnaireVersion:
    from interventures.core.survey import edit

    if direction not in ("up", "down"):
        raise SurveyError(_("Unknown direction."))
    step = edit.move_up if direction == "up" else edit.move_down
    return questionnaire_edit(questionnaire=questionnaire, change=lambda f: step(f, name))


def questionnaire_remove_question(*, questionnaire: Questionnaire, name: str) -> QuestionnaireVersion:
    from interventures.core.survey import edit

    return questionnaire_edit(questionnaire=questionnaire, change=lambda f: edit.remove_question(f, name))


def questionnaire_update_question(
    *,
    questionnaire: Questionnaire,
    name: str,
    label: Mapping[str, str],
    hint: Mapping[str, str],
    required: bool,
    relevant: str,
    constraint: str,
    choice_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> QuestionnaireVersion:
    from interventures.core.survey import edit

    return questionnaire_edit(
        questionnaire=questionnaire,
        change=lambda f: edit.update_question(
            f,
            name,
            label=label,
            hint=hint,
            required=required,
            relevant=relevant,
            constraint=constraint,
            choice_labels=choice_labels,
        ),
    )


def questionnaire_add_question(
    *,
    questionnaire: Questionnaire,
    type: str,
    name: str,
    label: Mapping[str, str],
    hint: Mapping[str, str] | None = None,
    required: bool = False,
    position: str = "",
    list_name: str = "",
    choices: Sequence[Mapping[str, Any]] = (),
) -> QuestionnaireVersion:
    """Add a question. `position`: "" for the start, "after:<name>" or "in:<group>" (first in the
    group). A select either reuses `list_name` or brings `choices` ({"name", "label": {lang: text}})
    as a new list named after the question."""
    from interventures.core.survey import Choice, Question, edit

    new_choices: tuple[Choice, ...] | None = None
    if type in ("select_one", "select_multiple") and not list_name:
        list_name = name
        new_choices = tuple(Choice(name=str(c["name"]), label=dict(c["label"])) for c in choices)

    def change(form: Form) -> Form:
        if new_choices is not None and list_name in form.choices:
            raise edit.EditError([edit.Problem(name, "choices", "list_exists")])
        question = Question(
            name=name,
            type=type,
            label={k: v.strip() for k, v in label.items() if v.strip()},
            hint={k: v.strip() for k, v in (hint or {}).items() if v.strip()},
            required=required and type not in ("note", "begin_group"),
            list_name=list_name if type in ("select_one", "select_multiple") else "",
        )
        if position.startswith("in:"):
            return edit.add_question_inside(form, question, group=position[3:], choices=new_choices)
        after = position[6:] if position.startswith("after:") else None
        return edit.add_question(form, question, after=after, choices=new_choices)

    return questionnaire_edit(questionnaire=questionnaire, change=change)


def questionnaire_ensure_standard() -> Questionnaire:
    """The standard questionnaire (read from its XLSForm file), created once; a new version when the
    file changed; idempotent."""
    from interventures.core.survey.standard import standard_form

    form = standard_form()
    # its name is its form's title, in every language the form is in
    translations = {lang: {"name": str(form.title_in(lang))} for lang in form.languages if lang != "en"}
    existing = Questionnaire.objects.filter(is_standard=True).first()
    if existing is None:
        return questionnaire_create(
            name=str(form.title_in("en")),
            form=form,
            is_standard=True,
            published=True,
            translations=translations,
        )
    if existing.current.form_json != form.to_dict():
        questionnaire_revise(questionnaire=existing, form=form)
    if existing.name == str(form.title_in("en")) and existing.translations != translations:
        existing.translations = translations
        existing.save(update_fields=["translations"])
    return existing
