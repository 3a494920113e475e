"""Writes for users, roles and companies."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Company, ConsentRecord, Profile, Role


class AccountError(Exception):
    """A refused account operation (a wrong password, a role that may not do it)."""


def user_create(
    *,
    username: str,
    password: str | None,
    role: Role,
    email: str = "",
    region_id: int | None = None,
    company: Company | None = None,
) -> User:
    """Create a user with its role; the role's binding (region or company) is checked here."""
    if role in (Role.REGIONAL_PARTNER, Role.STAKEHOLDER) and region_id is None:
        raise ValidationError({"region": f"A {role.label} must belong to a region."})
    if role == Role.SME and company is None:
        raise ValidationError({"company": "An SME user must belong to a company."})
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            is_staff=role in (Role.ADMIN, Role.COORDINATOR, Role.REGIONAL_PARTNER),
            is_superuser=role == Role.ADMIN,
        )
        Profile.objects.create(user=user, role=role, region_id=region_id, company=company)
    return user


def user_ensure(
    *, username: str, password: str, role: Role, region_id: int | None = None, company: Company | None = None
) -> tuple[User, bool]:
    """Idempotent: return the existing user (its role updated) or create it. For demo and set-up."""
    existing = User.objects.filter(username=username).first()
    if existing is None:
        return user_create(
            username=username, password=password, role=role, region_id=region_id, company=company
        ), True
    Profile.objects.update_or_create(
        user=existing, defaults={"role": role, "region_id": region_id, "company": company}
    )
    return existing, False


def sme_signup(
    *, username: str, email: str, password: str, company_name: str, country: str, language: str = "en"
) -> User:
    """An enterprise's own account, inactive until its e-mail address is confirmed (`sme_confirm`),
    with the consent it gave on the sign-up form (the current text, in the form's language)."""
    with transaction.atomic():
        company = Company.objects.create(name=company_name.strip(), country=country.upper())
        user = user_create(username=username, password=password, role=Role.SME, email=email, company=company)
        user.is_active = False
        user.save(update_fields=["is_active"])
        consent_record(user=user, language=language)
    return user


def consent_record(*, user: User, language: str) -> ConsentRecord:
    """The user agrees to the current consent text (accounts/consent.py): kept with its version, the
    text as shown in `language`, and the time."""
    from django.utils import translation

    from .consent import CONSENT_TEXT, CONSENT_VERSION

    with translation.override(language), transaction.atomic():
        return ConsentRecord.objects.create(
            user=user, version=CONSENT_VERSION, text=str(CONSENT_TEXT), language=language
        )


def account_delete(*, user: User, password: str) -> None:
    """An SME user deletes its own account (the password confirms it is the holder).

    In one transaction: every registered eraser runs (accounts/personal_data.py: a completed test
    stays as an anonymous record in the regional figures, a test in progress is removed, event
    registrations under the user's e-mail are anonymised, the audit log's names are replaced); the
    company goes with its last user (its partner-search profile, suggestions and interests cascade);
    the user goes with its profile, consent records and API tokens, and what it wrote (comments)
    stays without an author. The login attempts recorded under its user name go too."""
    from interventures.apps.accounts import personal_data
    from interventures.apps.accounts.permissions import can_delete_own_account

    if not can_delete_own_account(user):
        raise AccountError("Only an SME user deletes its own account; ask an administrator.")
    if not user.check_password(password):
        raise AccountError("The password is not right.")
    with transaction.atomic():
        for holder in personal_data.holders():
            if holder.erase is not None:
                holder.erase(user)
        profile = Profile.objects.filter(user=user).select_related("company").first()
        company = profile.company if profile is not None else None
        _login_attempts_forget(username=user.get_username())
        user.delete()
        if company is not None and not Profile.objects.filter(company=company).exists():
            company.delete()


def _login_attempts_forget(*, username: str) -> None:
    """django-axes keeps failed and successful logins by user name and address."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=username).delete()


def sme_confirm(*, user: User) -> User:
    """The e-mail address is confirmed: the account may log in."""
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
