"""Writes for users, roles and companies."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Company, Profile, Role


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


def sme_signup(*, username: str, email: str, password: str, company_name: str, country: str) -> User:
    """An enterprise's own account, inactive until its e-mail address is confirmed (`sme_confirm`)."""
    with transaction.atomic():
        company = Company.objects.create(name=company_name.strip(), country=country.upper())
        user = user_create(username=username, password=password, role=Role.SME, email=email, company=company)
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


def sme_confirm(*, user: User) -> User:
    """The e-mail address is confirmed: the account may log in."""
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
