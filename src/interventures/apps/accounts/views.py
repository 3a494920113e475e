"""Sign-up with e-mail confirmation. Log-in, log-out and password reset are Django's own views
(urls.py), with the platform's templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .consent import CONSENT_TEXT, CONSENT_VERSION
from .forms import AccountDeleteForm, ConsentForm, SignupForm
from .permissions import can_delete_own_account, can_read_audit_log


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.sme_signup(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            company_name=form.cleaned_data["company"],
            country=form.cleaned_data["country"],
            language=get_language() or "en",
        )
        link = request.build_absolute_uri(
            reverse(
                "accounts:confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        )
        send_mail(
            _("Confirm your Inter Ventures account"),
            render_to_string("accounts/confirm_email.txt", {"user": user, "link": link}),
            None,
            [form.cleaned_data["email"]],
        )
        return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


def confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: a valid one activates the account and logs it in; any other
    (changed, used or forged) says so and creates nothing."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
    except (ValueError, TypeError):
        pk = ""
    user = selectors.user_by_pk(pk=pk)
    if user is None or user.is_active or not default_token_generator.check_token(user, token):
        return render(request, "accounts/confirm_invalid.html", status=400)
    services.sme_confirm(user=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed; welcome to Inter Ventures."))
    return redirect("web:start")


def _signed_in(request: HttpRequest) -> User:
    """The request's user behind @login_required."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The account holder's own page: who it is, the consent it gave, its data to download, and
    (for an SME user) deleting the account."""
    return render(
        request,
        "accounts/account.html",
        {
            "consents": selectors.consent_list(user=request.user),
            "consent_current": selectors.consent_is_current(user=request.user),
            "consent_text": CONSENT_TEXT,
            "consent_version": CONSENT_VERSION,
            "consent_form": ConsentForm(),
            "may_delete": can_delete_own_account(request.user),
            "may_read_audit": can_read_audit_log(request.user),
        },
    )


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_record(user=_signed_in(request), language=get_language() or "en")
        messages.success(request, _("Thank you: your consent to this version is recorded."))
    else:
        messages.error(request, _("Tick the box to agree to the text."))
    return redirect("accounts:account")


@login_required
def data_download(request: HttpRequest) -> HttpResponse:
    """All the data tied to the account, as JSON in a ZIP file."""
    body = selectors.data_archive(user=_signed_in(request))
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="interventures-my-data.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if not can_delete_own_account(request.user):
        raise PermissionDenied
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=_signed_in(request), password=form.cleaned_data["password"])
        except services.AccountError:
            form.add_error("password", _("The password is not right."))
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data are deleted."))
            return redirect("web:home")
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)
