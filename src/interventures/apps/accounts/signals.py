"""On log-in: an account whose latest consent is to an older version of the text is told so."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def remind_of_new_consent(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    from .models import ConsentRecord
    from .selectors import consent_is_current

    if request is None or not hasattr(request, "_messages"):
        return
    if not ConsentRecord.objects.filter(user=user).exists() or consent_is_current(user=user):
        return  # accounts made before consent was recorded are asked on their account page
    messages.info(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("The text of the consent to the processing of your data has changed."),
            reverse("accounts:account"),
            _("Read it on your account page"),
        ),
    )
