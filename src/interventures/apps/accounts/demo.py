"""Demo users, one per role (and per region where the role is regional), and the administrator.

The administrator's password is generated once and kept in var/admin-login.txt, so `make run`
prints the same login every time; demo users share one published demo password. All of it is
synthetic and for local use only."""

from __future__ import annotations

import secrets
from typing import TextIO

from django.conf import settings
from django.db import transaction

from interventures.apps.common.models import Region

from .models import Company, Role
from .services import user_ensure

DEMO_PASSWORD = "demo-interventures"  # noqa: S105 - the published demo password (README)
DEMO_COUNTRY = {
    "hu-hr": "HU",
    "lombardia": "IT",
    "podkarpackie": "PL",
    "castilla-y-leon": "ES",
    "lt-klaipeda": "LT",
}


def _admin_password() -> str:
    path = settings.VAR_DIR / "admin-login.txt"
    if path.exists():
        return path.read_text(encoding="utf-8").split()[-1]
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"admin {password}\n", encoding="utf-8")
    return password


@transaction.atomic
def load(*, out: TextIO) -> None:
    password = _admin_password()
    admin, created = user_ensure(username="admin", password=password, role=Role.ADMIN)
    if created:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    user_ensure(username="coordinator", password=DEMO_PASSWORD, role=Role.COORDINATOR)
    # the advisory partner (AEBR in the partnership's reference data): comments on every region's plans
    user_ensure(username="advisor", password=DEMO_PASSWORD, role=Role.ADVISOR)
    for region in Region.objects.order_by("code"):
        user_ensure(
            username=f"partner-{region.code}",
            password=DEMO_PASSWORD,
            role=Role.REGIONAL_PARTNER,
            region_id=region.pk,
        )
        user_ensure(
            username=f"stakeholder-{region.code}",
            password=DEMO_PASSWORD,
            role=Role.STAKEHOLDER,
            region_id=region.pk,
        )
        company, _ = Company.objects.get_or_create(
            name=f"Demo SME {region.code} (synthetic)",
            defaults={"country": DEMO_COUNTRY.get(region.code, ""), "region": region, "is_demo": True},
        )
        user_ensure(
            username=f"sme-{region.code}",
            password=DEMO_PASSWORD,
            role=Role.SME,
            region_id=None,
            company=company,
        )
    out.write(
        "\nAdministrator login:  admin / {pw}   (kept in {path})\n"
        "Demo users (password '{demo}'): coordinator, advisor, partner-<region>, stakeholder-<region>, "
        "sme-<region>\n"
        "  regions: {regions}\n".format(
            pw=password,
            path=settings.VAR_DIR / "admin-login.txt",
            demo=DEMO_PASSWORD,
            regions=", ".join(Region.objects.order_by("code").values_list("code", flat=True))
            or "(none loaded)",
        )
    )
