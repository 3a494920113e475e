"""Writes for the surveys domain: questionnaires, campaigns, invitations, responses, imports and
population counts. Every write runs inside `transaction.atomic`; problems raise SurveyError."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interventures.apps.common import languages
from interventures.apps.common.models import SizeClass
from interventures.apps.common.translated import in_every_language, tr
from interventures.core.survey import Form, FormError
from interventures.core.survey.tabular import (
    Format,
    LimitError,
    Limits,
    TableError,
    auto_mapping,
    column_samples,
    mapping_problems,
    parse_rows,
    read_limited,
    read_table,
)
from interventures.core.survey.validate import (
    MESSAGES,
    CellError,
    clean_response,
    dump_values,
    is_nuts3_code,
)
from interventures.core.survey.xlsform import XLSFormError, is_binary_non_workbook, read_xlsform

from .models import (
    Campaign,
    ImportJob,
    ImportMode,
    ImportStatus,
    Invitation,
    PopulationCount,
    Questionnaire,
    QuestionnaireVersion,
    RejectedRow,
    Response,
    ResponseSource,
    ResponseStatus,
)
from .selectors import nuts3_codes


class SurveyError(Exception):
    """A survey operation that cannot be done; `problems` holds the details (shown to the user)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class CampaignClosed(SurveyError):
    pass


class ResponseInvalid(SurveyError):
    def __init__(self, message: str, errors: Sequence[Any]) -> None:
        super().__init__(message, [f"{e.question}: {e.message}" for e in errors])
        self.errors = list(errors)


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
        )


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


class QuestionnaireInvalid(SurveyError):
    """An edit refused because the resulting form has problems (`details`: core edit Problems)."""

    def __init__(self, details: Sequence[Any]) -> None:
        super().__init__(_("The change was not saved: the questionnaire would have errors."))
        self.details = list(details)
        self.problems = [p.text for p in self.details]


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


# ---- campaigns -----------------------------------------------------------------------------------


def campaign_create(
    *,
    region_id: int,
    name: str,
    version: QuestionnaireVersion,
    languages: Sequence[str] = (),
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    target_n: int = 0,
    slug: str | None = None,
    public: bool = True,
    is_demo: bool = False,
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> Campaign:
    """`translations`: the name in other languages ({"hu": {"name": …}}), `name` holding English."""
    form = version.form
    languages = list(languages) or list(form.languages)
    unknown = [lang for lang in languages if lang not in form.languages]
    if unknown:
        raise SurveyError(
            _("The questionnaire has no labels in: %(languages)s") % {"languages": ", ".join(unknown)}
        )
    if opens_at and closes_at and closes_at <= opens_at:
        raise SurveyError(_("A campaign must close after it opens."))
    base = slugify(slug or name)[:40] or "survey"
    with transaction.atomic():
        candidate = base
        while Campaign.objects.filter(slug=candidate).exists():
            candidate = f"{base}-{secrets.token_hex(3)}"
        return Campaign.objects.create(
            region_id=region_id,
            name=name,
            version=version,
            languages=languages,
            opens_at=opens_at,
            closes_at=closes_at,
            target_n=target_n,
            slug=candidate,
            public=public,
            is_demo=is_demo,
            translations={lang: dict(t) for lang, t in (translations or {}).items()},
        )


def campaign_is_open(campaign: Campaign, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (campaign.opens_at is None or campaign.opens_at <= now) and (
        campaign.closes_at is None or now < campaign.closes_at
    )


def invitations_create(*, campaign: Campaign, n: int) -> list[Invitation]:
    with transaction.atomic():
        return Invitation.objects.bulk_create(
            [Invitation(campaign=campaign, token=secrets.token_urlsafe(24)) for _ in range(n)]
        )


# ---- responses -----------------------------------------------------------------------------------


CELL_MESSAGES = {
    "unknown_question": gettext_lazy("There is no such question in the form."),
    "not_integer": gettext_lazy("Not a whole number."),
    "out_of_range": gettext_lazy(
        "The number is outside the accepted range (at most 1,000,000,000,000 either side of zero)."
    ),
    "calculated": gettext_lazy("This value is calculated by the form and differs from the calculation."),
    "not_number": gettext_lazy("Not a number."),
    "not_date": gettext_lazy("Not a date (use YYYY-MM-DD)."),
    "not_a_choice": gettext_lazy("Not one of the allowed answers."),
    "required": gettext_lazy("An answer is required."),
    "constraint": gettext_lazy("The answer does not meet the question's condition."),
    "not_relevant": gettext_lazy(
        "The question does not apply given the other answers (skip logic), so it must be empty."
    ),
    "no_answer_expected": gettext_lazy("This item takes no answer."),
    "bad_expression": gettext_lazy("The form's expression could not be evaluated."),
}


def cell_message(error: Any) -> str:
    """The error's message in the active language (the form's own constraint messages stay)."""
    if error.message == MESSAGES.get(error.code) and error.code in CELL_MESSAGES:
        return str(CELL_MESSAGES[error.code])
    return str(error.message)


def _error_messages(errors: Sequence[Any]) -> list[Any]:
    return [replace(e, message=cell_message(e)) for e in errors]


# 32 random bytes: 256 bits, 43 characters of [A-Za-z0-9_-] (urls.py accepts 20 to 64 of those).
RESUME_KEY_BYTES = 32


def new_resume_key() -> str:
    """A respondent's address: random, made here, never derived from a row or chosen by a client."""
    return secrets.token_urlsafe(RESUME_KEY_BYTES)


class ResponseSubmitted(SurveyError):
    """The response is complete: its answers can no longer be changed."""

    def __init__(self) -> None:
        super().__init__(_("This response has already been submitted."))


def response_start(
    *, campaign: Campaign, language: str = "", invitation: Invitation | None = None, key: str = ""
) -> Response:
    """A new web draft with its own random resume key; for an invitation, the invitation's single
    response (created on the first call, and given a resume key if it lacks one while in progress).
    `key` is the idempotency key of a server-side caller that retries (the same key returns the same
    response); it is never an address and never taken from a request."""
    if invitation is not None and invitation.campaign_id != campaign.pk:
        raise SurveyError(_("This invitation belongs to another survey."))
    if invitation is not None:
        existing = _invitation_response(invitation)
        if existing is not None:
            return existing
        key = key or f"invitation-{invitation.pk}"
    elif key:
        existing = Response.objects.filter(campaign=campaign, idempotency_key=key).first()
        if existing is not None:
            return existing
    else:
        key = f"web-{secrets.token_urlsafe(24)}"
    try:
        with transaction.atomic():
            return Response.objects.create(
                campaign=campaign,
                idempotency_key=key,
                resume_key=new_resume_key(),
                language=language,
                invitation=invitation,
                source=ResponseSource.WEB,
            )
    except IntegrityError:
        # Two requests raced to create the same draft (same key or same invitation): use the winner.
        if invitation is not None:
            return _invitation_response(invitation) or Response.objects.get(invitation=invitation)
        return Response.objects.get(campaign=campaign, idempotency_key=key)


def _invitation_response(invitation: Invitation) -> Response | None:
    """The invitation's response; a draft made before resume keys existed gets one now."""
    with transaction.atomic():
        response = Response.objects.select_for_update().filter(invitation=invitation).first()
        if response is not None and not response.resume_key and response.status == ResponseStatus.DRAFT:
            response.resume_key = new_resume_key()
            response.save(update_fields=["resume_key", "updated_at"])
    return response


def response_save_answers(
    *, response: Response, answers: Mapping[str, Any], language: str | None = None
) -> list[Any]:
    """Autosave: merge answers into a draft (blank values clear an answer). Returns the cell errors of
    the saved questions (typed checks only); the draft keeps raw text so nothing typed is lost.
    Raises ResponseSubmitted once the response is complete, checked on the locked row, so an
    autosave that raced the final submit never changes the submitted answers."""
    if response.status == ResponseStatus.SUBMITTED:
        raise ResponseSubmitted
    form = response.campaign.version.form
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            raise ResponseSubmitted
        merged = dict(locked.answers)
        for name, value in answers.items():
            if value in (None, "", []):
                merged.pop(name, None)
            else:
                merged[name] = value
        locked.answers = merged
        fields = ["answers", "updated_at"]
        if language:
            locked.language = language
            fields.append("language")
        locked.save(update_fields=fields)
    response.answers = locked.answers
    _values, errors = clean_response(form, merged, language=language or locked.language)
    errors += _nuts3_region_errors(response.campaign, answers)
    return _error_messages([e for e in errors if e.question in answers and e.code != "required"])


def _prune_skipped(form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    """Drop answers to questions that no longer apply (the respondent changed an earlier answer);
    repeated because dropping one answer can make others irrelevant in turn."""
    answers = dict(answers)
    for _round in range(len(form.questions) + 1):
        _values, errors = clean_response(form, answers)
        skipped = {e.question for e in errors if e.code == "not_relevant"}
        if not skipped:
            break
        for name in skipped:
            answers.pop(name, None)
    return answers


def response_submit(*, response: Response, prune: bool = False) -> Response:
    """Check the whole response and mark it submitted. Idempotent: submitting a submitted response
    returns it unchanged (a retried request never makes a second response). With `prune` (the web
    form), answers to questions skipped after all are dropped first, as ODK clients do."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().select_related("campaign__version").get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            return locked
        if not campaign_is_open(locked.campaign):
            raise CampaignClosed(_("This survey is closed."))
        form = locked.campaign.version.form
        answers = _prune_skipped(form, locked.answers) if prune else locked.answers
        values, errors = clean_response(form, answers, language=locked.language)
        errors += _nuts3_region_errors(locked.campaign, answers)
        if errors:
            raise ResponseInvalid(_("Some answers need attention."), _error_messages(errors))
        locked.answers = dump_values(form, values)
        locked.status = ResponseStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["answers", "status", "submitted_at", "updated_at"])
    return locked


def response_create_complete(
    *, user: Any, campaign: Campaign, answers: Mapping[str, Any], language: str = "", key: str
) -> tuple[Response, bool]:
    """A whole response sent by an integration (an interview tool, a partner's own form):
    (response, created). Only those who may edit the campaign (its region's partner, the
    coordinator) send them; `language` is one of the campaign's (the caller checks). Checked as the
    web form checks a submission; nothing is stored when an answer is wrong. `key` is the integration's idempotency key: the same key returns the response it
    first made."""
    from interventures.apps.accounts.permissions import Action, require

    require(user, Action.EDIT, campaign)
    # The key is the caller's: another caller's same key is another response.
    stored_key = "api-" + hashlib.sha256(f"{user.pk}:{key}".encode()).hexdigest()[:40]
    existing = Response.objects.filter(campaign=campaign, idempotency_key=stored_key).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        response = Response.objects.create(
            campaign=campaign,
            idempotency_key=stored_key,
            language=language,
            answers={k: v for k, v in answers.items() if v not in (None, "", [])},
            source=ResponseSource.IMPORT,  # one row, imported by an integration (key "api-…")
        )
        response = response_submit(response=response)
    return response, True


# ---- imports -------------------------------------------------------------------------------------


def import_limits() -> Limits:
    """The limits of one uploaded data file: Limits' defaults, changed by INTERVENTURES_IMPORT_LIMITS."""
    from django.conf import settings

    return Limits(**getattr(settings, "INTERVENTURES_IMPORT_LIMITS", {}))


def limit_message(exc: LimitError) -> str:
    """A file over a limit, said in the reader's language with the limit and what the file has."""
    from django.template.defaultfilters import filesizeformat
    from django.utils.formats import number_format

    size, limit = exc.params.get("size", 0), exc.params.get("limit", 0)
    if exc.code in ("too_large", "expands_too_far"):
        params = {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    else:
        params = {
            "size": number_format(size, force_grouping=True),
            "limit": number_format(limit, force_grouping=True),
        }
    texts = {
        "too_large": _(
            "The file is %(size)s; files of up to %(limit)s are accepted. Split it and import the parts."
        ),
        "expands_too_far": _(
            "The workbook expands to %(size)s when opened; up to %(limit)s is accepted. Save it again as a plain .xlsx or CSV."
        ),
        "too_many_parts": _("The workbook holds %(size)s parts; up to %(limit)s are accepted."),
        "too_many_rows": _(
            "The file has more than %(limit)s rows; up to %(limit)s are accepted. Split it and import the parts."
        ),
        "too_many_columns": _("The file has %(size)s columns; up to %(limit)s are accepted."),
    }
    return texts.get(exc.code, str(exc)) % params


def import_upload(
    *,
    campaign: Campaign,
    data: bytes,
    filename: str,
    fmt: str,
    mode: str = ImportMode.ALL_OR_NOTHING,
    encoding: str | None = None,
    delimiter: str | None = None,
    user: Any = None,
) -> ImportJob:
    """Store the file, read its header and propose a column mapping (the mapping step)."""
    form = campaign.version.form
    try:
        table = read_limited(
            data, Format(fmt), import_limits(), encoding=encoding or None, delimiter=delimiter or None
        )
    except LimitError as exc:
        raise SurveyError(limit_message(exc)) from exc
    except TableError as exc:
        raise SurveyError(_("The file cannot be read: %(reason)s") % {"reason": exc}) from exc
    with transaction.atomic():
        job = ImportJob(
            campaign=campaign,
            original_name=filename[:255],
            format=fmt,
            mode=mode,
            # The file's column order, kept as a list: PostgreSQL's jsonb does not keep key order.
            options={
                "encoding": table.encoding or encoding or "",
                "delimiter": table.delimiter or delimiter or "",
                "columns": list(table.columns),
                # a few values of each column, shown beside it in the mapping step
                "samples": column_samples(table),
            },
            mapping=auto_mapping(form, table.columns, Format(fmt)),
            n_rows=len(table.rows),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        job.file.save(filename or "import", ContentFile(data), save=False)
        job.save()
    return job


def import_set_mapping(*, job: ImportJob, mapping: Mapping[str, str], mode: str | None = None) -> ImportJob:
    unknown = set(mapping) - set(job.mapping)
    if unknown:
        raise SurveyError(_("Unknown columns: %(columns)s") % {"columns": ", ".join(sorted(unknown))})
    with transaction.atomic():
        job.mapping = {**job.mapping, **mapping}
        if mode:
            job.mode = mode
        job.save(update_fields=["mapping", "mode"])
    return job


NUTS3_QUESTION = "nuts3"
"""The question of the region's NUTS 3 code (the standard questionnaire's): offered as the region's
list on the web form and checked against the region wherever answers come in."""


def _region_nuts_prefixes(region: Any) -> list[str]:
    """The NUTS codes a region lists in any NUTS version (a NUTS 3 answer must start with one)."""
    return [
        c.upper() for codes in ((region.nuts or {}).values() if region is not None else []) for c in codes
    ]


def _nuts3_region_errors(campaign: Campaign, answers: Mapping[str, Any]) -> list[CellError]:
    """A web answer to the NUTS 3 question must be a NUTS 3 region of the campaign's region (the
    form offers that list; a posted code from elsewhere is refused, naming the code)."""
    from interventures.apps.classifications.models import NutsRegion

    code = str(answers.get(NUTS3_QUESTION) or "").strip().upper()
    prefixes = _region_nuts_prefixes(campaign.region)
    if not code or not prefixes or not is_nuts3_code(code):
        return []  # empty, or the form's own constraint already names a malformed code
    inside = any(code.startswith(prefix) for prefix in prefixes)
    if inside and (NutsRegion.objects.filter(level=3, code=code).exists() or not NutsRegion.objects.exists()):
        return []
    message = _("%(value)s is not a NUTS 3 region of %(region)s.") % {
        "value": code,
        "region": campaign.region.label,
    }
    return [
        CellError(
            question=NUTS3_QUESTION,
            code="nuts3_other_region",
            message=message,
            params={"value": code, "region": campaign.region.label},
        )
    ]


def _nuts3_reasons(
    row: int,
    value: Any,
    column_of: Mapping[str, str],
    known: frozenset[str],
    region: Any = None,
) -> list[dict[str, Any]]:
    """A NUTS 3 answer must look like a NUTS 3 code and, when the classification is loaded, be one."""
    if value is None or not str(value).strip():
        return []
    code = str(value).strip()
    params = {"row": row, "column": column_of.get("nuts3", "nuts3"), "value": code[:20]}
    base = {"column": params["column"], "question": "nuts3", "params": params}
    if not is_nuts3_code(code):
        message = f"Row {row}, column {params['column']}: {code[:20]} is not a NUTS 3 code"
        return [{**base, "code": "nuts3_format", "message": message}]
    if known and code not in known:
        message = f"Row {row}, column {params['column']}: {code} is not in the NUTS 3 classification"
        return [{**base, "code": "nuts3_unknown", "message": message}]
    prefixes = _region_nuts_prefixes(region)
    if prefixes and not any(code.upper().startswith(prefix) for prefix in prefixes):
        # A Podkarpackie code (PL823) in a Hungary–Croatia campaign is a misfiled row, not a region.
        params["region"] = region.name
        message = f"Row {row}, column {params['column']}: {code} is not a NUTS 3 region of {region.name}"
        return [{**base, "code": "nuts3_other_region", "params": params, "message": message}]
    return []


def _language_reasons(row: int, language: str, allowed: Sequence[str]) -> list[dict[str, Any]]:
    """A row's language, when given, must be one of the survey's (a code "xx" is a typo, not a language)."""
    if not language or languages.base(language) in allowed:
        return []
    params = {"row": row, "value": language[:20], "languages": ", ".join(allowed)}
    message = f"Row {row}: the language {language[:20]} is not one of the survey's languages"
    return [{"column": "", "question": "", "code": "unknown_language", "params": params, "message": message}]


# A hook between creating responses and finishing the job; tests use it to inject a crash.
_after_responses_created: Callable[[ImportJob], None] = lambda job: None  # noqa: E731


def import_start(*, job: ImportJob) -> ImportJob:
    """Check the mapping now (the page shows what is missing), then run the import in the background:
    a Celery worker when a broker is configured, in this process otherwise. Returns the job as it
    stands (done already when run in-process, running or waiting otherwise)."""
    if job.status != ImportStatus.UPLOADED:
        raise SurveyError(_("This import has already been run."))
    problems = mapping_problems(job.campaign.version.form, job.mapping)
    if problems:
        raise SurveyError(_("The column mapping is incomplete."), problems)
    from .tasks import import_run_task

    import_run_task.delay(job.pk)  # the job and its mapping are committed: a worker can read them
    job.refresh_from_db()
    return job


def import_run(*, job: ImportJob) -> ImportJob:
    """Validate every row and cell, then import atomically (mode all-or-nothing or valid rows only).
    Rejected rows are kept with their reasons. A failure part-way leaves no responses behind."""
    if job.status != ImportStatus.UPLOADED:
        raise SurveyError(_("This import has already been run."))
    campaign = job.campaign
    form = campaign.version.form
    fmt = Format(job.format)
    problems = mapping_problems(form, job.mapping)
    if problems:
        raise SurveyError(_("The column mapping is incomplete."), problems)
    job.file.open("rb")
    try:
        data = job.file.read()
    finally:
        job.file.close()
    try:
        table = read_limited(
            data,
            fmt,
            import_limits(),
            encoding=job.options.get("encoding") or None,
            delimiter=job.options.get("delimiter") or None,
        )
    except LimitError as exc:
        raise SurveyError(limit_message(exc)) from exc
    except TableError as exc:
        raise SurveyError(_("The file cannot be read: %(reason)s") % {"reason": exc}) from exc
    rows = parse_rows(form, table, job.mapping, fmt)
    existing_ids = set(
        Response.objects.filter(campaign=campaign)
        .exclude(respondent_id="")
        .values_list("respondent_id", flat=True)
    )
    tokens = dict(Invitation.objects.filter(campaign=campaign).values_list("token", "pk"))
    used_tokens = set(
        Response.objects.filter(campaign=campaign, invitation__isnull=False).values_list(
            "invitation_id", flat=True
        )
    )
    seen_ids: dict[str, int] = {}
    valid: list[Response] = []
    rejected: list[RejectedRow] = []
    now = timezone.now()
    column_of = {t: c for c, t in job.mapping.items()}
    has_nuts3 = any(q.name == "nuts3" for q in form.data_columns())
    known_nuts3 = nuts3_codes() if has_nuts3 else frozenset()
    allowed_languages = list(campaign.languages or form.languages or [form.default_language])
    for row in rows:
        # Reasons are stored as codes with parameters (and the English text as a fallback), so the
        # result page and the CSV of rejected rows show them in the reader's language.
        reasons = [
            {
                "column": p.column,
                "question": "",
                "code": p.code,
                "params": dict(p.params),
                "message": p.message,
            }
            for p in row.problems
        ]
        values: dict[str, Any] = {}
        if not row.problems or all(p.code == "incomplete" for p in row.problems):
            values, errors = clean_response(form, row.answers, language=row.language or None)
            errors = [e for e in errors if not (e.question == "nuts3" and e.code == "constraint")]
            for e in errors:
                params = dict(e.params)
                if e.code == "constraint":
                    params["messages"] = dict(form.question(e.question).constraint_message)
                reasons.append(
                    {
                        "column": column_of.get(e.question, e.question),
                        "question": e.question,
                        "code": e.code,
                        "params": params,
                        "message": e.message,
                    }
                )
            reasons += _nuts3_reasons(
                row.number, row.answers.get("nuts3"), column_of, known_nuts3, region=campaign.region
            )
            reasons += _language_reasons(row.number, row.language, allowed_languages)
        rid = row.respondent_id
        if rid:
            if rid in existing_ids or (rid in tokens and tokens[rid] in used_tokens):
                reasons.append(
                    {
                        "column": "",
                        "question": "",
                        "code": "duplicate",
                        "params": {},
                        "message": "A response with this respondent id or token already exists.",
                    }
                )
            elif rid in seen_ids:
                reasons.append(
                    {
                        "column": "",
                        "question": "",
                        "code": "duplicate",
                        "params": {"row": seen_ids[rid]},
                        "message": f"Duplicate of row {seen_ids[rid]} in this file.",
                    }
                )
            else:
                seen_ids[rid] = row.number
        if reasons:
            rejected.append(
                RejectedRow(
                    row_number=row.number, raw={k: str(v) for k, v in row.raw.items()}, reasons=reasons
                )
            )
            continue
        invitation_id = tokens.get(rid) if rid in tokens and tokens[rid] not in used_tokens else None
        valid.append(
            Response(
                campaign=campaign,
                respondent_id=rid[:100],
                idempotency_key=f"import-{job.pk}-{row.number}",
                status=ResponseStatus.SUBMITTED,
                source=ResponseSource.IMPORT,
                language=row.language[:8],
                answers=dump_values(form, values),
                submitted_at=now,
                invitation_id=invitation_id,
                is_demo=campaign.is_demo,
            )
        )
    return _import_write(job=job, valid=valid, rejected=rejected, n_rows=len(rows))


IMPORT_BATCH = 1000
"""Rows written per transaction: each holds the database's write lock for a moment only, so the
respondents' autosaves and other writers go on while a large file is imported."""


def _import_write(
    *, job: ImportJob, valid: list[Response], rejected: list[RejectedRow], n_rows: int
) -> ImportJob:
    """Write a validated import in short transactions, atomic for everyone else.

    The job is claimed first (RUNNING: a second run or a retry is refused). Responses are written in
    batches as IMPORTING, which no page, export or analysis counts; one short final transaction makes
    them SUBMITTED and finishes the job. If anything fails on the way, the rows written so far are
    deleted and the job is UPLOADED again, so it can be run again and nothing of it is seen."""
    all_or_nothing = job.mode == ImportMode.ALL_OR_NOTHING
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UPLOADED).update(
            status=ImportStatus.RUNNING, n_rows=n_rows
        )
    if not claimed:
        raise SurveyError(_("This import has already been run."))
    job.refresh_from_db()
    imported = 0
    try:
        if valid and not (all_or_nothing and rejected):
            for response in valid:
                response.import_job = job
                response.status = ResponseStatus.IMPORTING
            for start in range(0, len(valid), IMPORT_BATCH):
                with transaction.atomic():
                    Response.objects.bulk_create(valid[start : start + IMPORT_BATCH])
                ImportJob.objects.filter(pk=job.pk).update(n_imported=min(start + IMPORT_BATCH, len(valid)))
            imported = len(valid)
        for r in rejected:
            r.job = job
        for start in range(0, len(rejected), IMPORT_BATCH):
            with transaction.atomic():
                RejectedRow.objects.bulk_create(rejected[start : start + IMPORT_BATCH])
        _after_responses_created(job)
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job.pk)
            Response.objects.filter(import_job=job, status=ResponseStatus.IMPORTING).update(
                status=ResponseStatus.SUBMITTED
            )
            job.n_rows = n_rows
            job.n_imported = imported
            # Rows with errors only; the valid rows an all-or-nothing import held back are counted
            # apart (ImportJob.n_held_back), so the page does not call them rejected.
            job.n_rejected = len(rejected)
            job.status = ImportStatus.REJECTED if (all_or_nothing and rejected) else ImportStatus.DONE
            if all_or_nothing and rejected:
                job.message = _("Nothing was imported: %(bad)s of %(total)s rows have errors.") % {
                    "bad": len(rejected),
                    "total": n_rows,
                }
            else:
                job.message = _("%(ok)s rows imported, %(bad)s rejected.") % {
                    "ok": imported,
                    "bad": len(rejected),
                }
            job.finished_at = timezone.now()
            job.save()
    except BaseException:
        _import_undo(job)
        raise
    return job


def _import_undo(job: ImportJob) -> None:
    """Remove what a failed import wrote (in batches, as it was written) and let it be run again."""
    staged = Response.objects.filter(import_job=job, status=ResponseStatus.IMPORTING)
    while ids := list(staged.values_list("pk", flat=True)[:IMPORT_BATCH]):
        with transaction.atomic():
            Response.objects.filter(pk__in=ids).delete()
    with transaction.atomic():
        RejectedRow.objects.filter(job=job).delete()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.UPLOADED, n_imported=0, n_rejected=0)


# ---- population figures ------------------------------------------------------------------------


def population_upload(
    *, data: bytes, region_id: int | None = None, encoding: str | None = None, is_demo: bool = False
) -> int:
    """Counts of enterprises (CSV: region or nuts, size_class, nace_section, count, source, year).
    All rows or none: any bad row raises SurveyError listing every problem."""
    from interventures.apps.common.models import Region

    try:
        table = read_table(data, Format.CSV, encoding=encoding)
    except TableError as exc:
        raise SurveyError(_("The file cannot be read: %(reason)s") % {"reason": exc}) from exc
    cols = [c.lower() for c in table.columns]
    needed = {"size_class", "nace_section", "count", "source", "year"}
    missing = sorted(needed - set(cols))
    if missing or not ({"region", "nuts"} & set(cols) or region_id):
        raise SurveyError(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing or ["region"])})
    all_regions = list(Region.objects.all())
    regions = {r.code: r.pk for r in all_regions}
    # NUTS prefixes of each region (any NUTS version), longest first, to place rows given by NUTS code.
    prefixes = sorted(
        ((code, r.pk) for r in all_regions for codes in (r.nuts or {}).values() for code in codes),
        key=lambda item: -len(item[0]),
    )

    def region_of_nuts(nuts: str) -> int | None:
        return next((pk for code, pk in prefixes if nuts.upper().startswith(code)), None)

    sizes = set(SizeClass.values)
    problems: list[str] = []
    objs: list[PopulationCount] = []
    for number, cells in table.rows:
        row = dict(zip(cols, (str(c).strip() for c in cells), strict=False))
        if row.get("region"):
            rid = regions.get(row["region"])
        elif row.get("nuts"):
            rid = region_of_nuts(row["nuts"])
        else:
            rid = region_id
        where = _("row %(row)s") % {"row": number}
        if rid is None or (region_id is not None and rid != region_id):
            problems.append(f"{where}: " + _("unknown region or not your region"))
            continue
        try:
            count = int(row["count"].replace(" ", ""))
            year = int(row["year"])
            if count < 0 or not 1990 <= year <= 2100:
                raise ValueError
        except (ValueError, KeyError):
            problems.append(f"{where}: " + _("count and year must be whole numbers"))
            continue
        section = row.get("nace_section", "").upper()
        if row.get("size_class") not in sizes or len(section) != 1 or not section.isalpha():
            problems.append(f"{where}: " + _("unknown size class or NACE section"))
            continue
        objs.append(
            PopulationCount(
                region_id=rid,
                nuts=row.get("nuts", "")[:5],
                size_class=row["size_class"],
                nace_section=section,
                count=count,
                source=row["source"][:300],
                year=year,
                is_demo=is_demo,
            )
        )
    if problems:
        raise SurveyError(_("The population figures were not saved."), problems)
    with transaction.atomic():
        for obj in objs:
            PopulationCount.objects.update_or_create(
                region_id=obj.region_id,
                nuts=obj.nuts,
                size_class=obj.size_class,
                nace_section=obj.nace_section,
                year=obj.year,
                defaults={"count": obj.count, "source": obj.source, "is_demo": obj.is_demo},
            )
    return len(objs)
