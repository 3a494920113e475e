"""Sign-up with e-mail confirmation. Log-in, log-out and password reset are Django's own views
(urls.py), with the platform's templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import SignupForm


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
