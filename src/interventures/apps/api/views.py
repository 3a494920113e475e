"""The page where a signed-in user creates and revokes its API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import TokenCreateForm


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    secret = ""
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_create(
                user=request.user, name=form.cleaned_data["name"], can_write=form.cleaned_data["can_write"]
            )
        except services.TokenError as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenCreateForm()
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": selectors.token_list(user=request.user)},
    )
    response["Cache-Control"] = "no-store"  # the page may hold a token's secret
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = services.token_revoke(user=request.user, pk=pk)
    messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("api:tokens")
