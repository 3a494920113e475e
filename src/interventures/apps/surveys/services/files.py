"""Files given on the web form (image, audio, video and file questions) and the choice files a
form's select_*_from_file questions name: checked by content and size, stored under a random
name; the answer is the file's name, as KoboToolbox and ODK Central export it."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from interventures.core.survey import flow, media
from interventures.core.survey.choicefiles import ChoiceFileError, read_choice_file, referenced_files

from ..models import QuestionnaireVersion, Response, ResponseFile, ResponseStatus
from .errors import ResponseSubmitted, SurveyError


class FileRefused(SurveyError):
    """A file the question does not take; the message says why, in the respondent's language."""


def _question_for(response: Response, key: str) -> Any:
    form = response.campaign.version.web_form
    found = flow.parse_instance_key(form, key)
    if found is not None:
        q = found.question
    else:
        try:
            q = form.question(key)
        except KeyError:
            return None
        if not form.asks(q):
            return None
    return q if q.type in media.MEDIA_QUESTION_TYPES else None


def _unique_name(response: Response, name: str, key: str) -> str:
    """`name`, or `name` with a number before its extension when another question of the response
    already holds a file of that name (the answer must say which file it is)."""
    taken = set(
        ResponseFile.objects.filter(response=response).exclude(key=key).values_list("name", flat=True)
    )
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, f".{ext}") if dot else (name, "")
    n = 2
    while f"{stem}-{n}{ext}" in taken:
        n += 1
    return f"{stem}-{n}{ext}"


def response_file_attach(*, response: Response, key: str, upload: UploadedFile) -> str:
    """Store a file the respondent gave for question `key` (its name, or its instance key in a
    repeat) of a draft, replacing the one it held; returns the answer: the file's name. Refused
    (FileRefused, saying why) for a question that takes no file, a file over MAX_FILE_BYTES, one
    whose content is not of the question's kind, and past MAX_FILES_PER_RESPONSE."""
    q = _question_for(response, key)
    if q is None:
        raise FileRefused(_("This question takes no file."))
    limit_mb = media.MAX_FILE_BYTES // (1024 * 1024)
    if (upload.size or 0) > media.MAX_FILE_BYTES:
        raise FileRefused(_("The file is larger than %(mb)s MB.") % {"mb": limit_mb})
    head, size = b"", 0
    for chunk in upload.chunks():
        if len(head) < 64:
            head += chunk[: 64 - len(head)]
        size += len(chunk)
        if size > media.MAX_FILE_BYTES:
            raise FileRefused(_("The file is larger than %(mb)s MB.") % {"mb": limit_mb})
    upload.seek(0)
    kind = media.sniff(head) if size else None
    accept = (q.extra or {}).get("body::accept", "")
    if kind is None or not media.takes(q.type, kind, upload.name or "", accept):
        raise FileRefused(
            {
                "image": _("This question takes a photo or image (JPEG, PNG, GIF, WebP or HEIC)."),
                "audio": _("This question takes a sound recording (MP3, M4A, OGG, WAV or AMR)."),
                "video": _("This question takes a video (MP4, MOV, 3GP or WebM)."),
            }.get(q.type, _("This kind of file is not taken here."))
        )
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status == ResponseStatus.SUBMITTED:
            raise ResponseSubmitted
        old = list(ResponseFile.objects.filter(response=locked, key=key))
        if (
            ResponseFile.objects.filter(response=locked).exclude(key=key).count()
            >= media.MAX_FILES_PER_RESPONSE
        ):
            raise FileRefused(
                _("A response holds at most %(n)s files.") % {"n": media.MAX_FILES_PER_RESPONSE}
            )
        for record in old:
            record.file.delete(save=False)
            record.delete()
        record = ResponseFile(
            response=locked,
            key=key,
            token=secrets.token_urlsafe(32),
            name=_unique_name(locked, media.clean_name(upload.name or "", kind), key),
            extension=kind.extension,
            content_type=kind.content_type,
            size=size,
        )
        record.file.save("upload", upload, save=False)
        record.save()
    return record.name


def response_files_prune(*, response: Response, names: set[str]) -> None:
    """Delete the files of a response its answers no longer name (replaced, cleared, or in an
    instance that was removed), with their stored copies."""
    for record in ResponseFile.objects.filter(response=response).exclude(name__in=names):
        record.delete()  # its stored copy goes on commit (common.uploads.delete_files_with_records)


def answered_names(form: Any, answers: Any) -> set[str]:
    """The file names a response's answers give to its file questions, in repeats too."""
    out: set[str] = set()
    media_names = {q.name for q in form.questions if q.type in media.MEDIA_QUESTION_TYPES}

    def walk(holder: Any) -> None:
        if not isinstance(holder, dict):
            return
        for name, value in holder.items():
            if name in media_names and isinstance(value, str):
                out.add(value)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

    walk(answers)
    return out


def version_choice_file_attach(
    *, user: Any, version: QuestionnaireVersion, filename: str, data: bytes
) -> int:
    """Attach a choice file the form names (`markets.csv`) to a questionnaire version: its rows
    become the choices the web form offers; returns their number. Only those who may edit the
    questionnaire attach; a file the form does not name, or cannot be read, is refused saying why."""
    from interventures.apps.accounts.permissions import Action, require

    require(user, Action.EDIT, version.questionnaire)
    form = version.form
    if filename not in referenced_files(form):
        raise SurveyError(
            _("No question of this form names %(name)s; it names %(names)s.")
            % {"name": filename, "names": ", ".join(referenced_files(form)) or "—"}
        )
    try:
        choices = read_choice_file(form, filename, data)
    except ChoiceFileError as exc:
        raise SurveyError(choice_file_message(exc, filename)) from exc
    with transaction.atomic():
        locked = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
        locked.attachments = {**(locked.attachments or {}), filename: choices}
        locked.save(update_fields=["attachments"])
    version.attachments = locked.attachments
    version.__dict__.pop("_web_form", None)  # read again with the new choices
    return len(choices)


def choice_file_message(exc: ChoiceFileError, filename: str) -> str:
    from django.template.defaultfilters import filesizeformat

    params = {"name": filename, **exc.params}
    texts = {
        "too_large": _("%(name)s is %(size)s; choice files of up to %(limit)s are read."),
        "too_many": _("%(name)s holds %(size)s choices; up to %(limit)s are read."),
        "empty": _("%(name)s holds no choice."),
        "no_value_column": _("%(name)s has no column %(column)s, which holds the choices' values."),
        "not_csv_or_xml": _("%(name)s: only CSV, XML and GeoJSON choice files are read."),
        "unreadable": _("%(name)s could not be read as a CSV or XML file."),
        "not_referenced": _("No question of this form names %(name)s."),
    }
    if exc.code == "too_large":
        params = {
            **params,
            "size": filesizeformat(exc.params["size"]),
            "limit": filesizeformat(exc.params["limit"]),
        }
    return texts.get(exc.code, str(exc)) % params
