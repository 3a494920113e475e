from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from interventures.apps.accounts import demo
from interventures.apps.accounts.models import Profile, Role

pytestmark = pytest.mark.django_db


def test_demo_users_are_idempotent_and_bound_to_their_region(make_region, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    make_region("hu-hr")
    out = io.StringIO()
    demo.load(out=out)
    first = get_user_model().objects.count()
    demo.load(out=io.StringIO())
    # admin, coordinator, advisor, partner, stakeholder, sme
    assert get_user_model().objects.count() == first == 6
    advisor = get_user_model().objects.get(username="advisor")
    assert advisor.profile.role == Role.ADVISOR
    assert advisor.profile.region is None
    assert not advisor.is_staff
    assert advisor.check_password(demo.DEMO_PASSWORD)
    partner = Profile.objects.get(user__username="partner-hu-hr")
    assert partner.role == Role.REGIONAL_PARTNER
    assert partner.region.code == "hu-hr"
    password = (tmp_path / "admin-login.txt").read_text().split()[-1]
    assert f"admin / {password}" in out.getvalue()
    assert get_user_model().objects.get(username="admin").check_password(password)
